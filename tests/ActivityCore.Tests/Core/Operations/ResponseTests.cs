using System;
using System.Buffers;
using System.Linq;
using System.Text;
using System.Text.Json;
using ActivityCore.Errors;
using ActivityCore.Operations;
using ActivityCore.Parsing;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using LanguageExt;
using Xunit;
using static LanguageExt.Prelude;

namespace ActivityCore.Tests.Core.Operations;

public class ResponseTests
{
    private static byte[] U(string s) => Encoding.UTF8.GetBytes(s);

    private static readonly ActivityArn Arn = ActivityArn.Parse("arn:aws:states:us-east-1:123456789012:activity:a").Match(a => a, _ => throw new InvalidOperationException());

    [Theory]
    [InlineData("{}")]
    [InlineData("{\"taskToken\":null}")]
    [InlineData("{\"taskToken\":\"\"}")]
    [InlineData("{\"taskToken\":null,\"input\":\"{}\"}")]
    [InlineData("{\"taskToken\":\"\",\"input\":\"{}\"}")]
    [InlineData("  {\"other\":[1,2,{\"taskToken\":\"nested-is-ignored\"}]}  ")]
    public void Absent_null_and_empty_tokens_are_None(string body)
    {
        var result = GetActivityTask.ParseResponse(200, null, U(body));
        Assert.True(result.IsRight);
        Assert.True(result.Match(Right: o => o.IsNone, Left: _ => false));
    }

    [Property(MaxTest = 300)]
    public Property Any_valid_token_and_JSON_input_round_trip_through_a_written_response() =>
        Prop.ForAll(
            Arb.From(
                from token in Generators.Message(xmlSafe: false).Where(t => t.Length is >= 1 and <= 2048)
                from input in Generators.Message(xmlSafe: false)
                from shape in Gen.Elements(0, 1, 2)
                select (token, json: shape switch
                {
                    0 => JsonSerializer.Serialize(input),
                    1 => JsonSerializer.Serialize(new { text = input, n = 1.5, list = new[] { input } }),
                    _ => "[" + JsonSerializer.Serialize(input) + ",null,true]",
                })),
            c =>
            {
                string body = JsonSerializer.Serialize(new { taskToken = c.token, input = c.json });
                var task = GetActivityTask.ParseResponse(200, null, U(body)).Match(Right: o => o, Left: _ => None);
                return task.Match(
                    Some: t => t.Token.Reveal() == c.token && t.Input.Json == c.json,
                    None: () => false);
            });

    [Fact]
    public void Input_absent_or_null_is_the_JSON_null()
    {
        var task = GetActivityTask.ParseResponse(200, null, U("{\"taskToken\":\"t\",\"input\":null}")).Match(o => o, _ => None);
        Assert.Equal("null", task.Map(t => t.Input.Json).IfNone(""));
    }

    [Theory]
    [InlineData("{\"taskToken\":\"t\"")]
    [InlineData("not json")]
    [InlineData("[]")]
    public void A_2xx_body_that_cannot_be_read_is_MalformedResponse_and_retryable(string body)
    {
        var error = Assert.Single(GetActivityTask.ParseResponse(200, null, U(body)).LeftToSeq());
        Assert.Equal(ErrorCodes.MalformedResponse, error.Code);
        Assert.True(error.IsRetryable);
    }

    [Fact]
    public void A_token_over_2048_characters_is_MalformedResponse()
    {
        string body = JsonSerializer.Serialize(new { taskToken = new string('t', 2049), input = "{}" });
        Assert.Equal(ErrorCodes.MalformedResponse, Assert.Single(GetActivityTask.ParseResponse(200, null, U(body)).LeftToSeq()).Code);
    }

    [Theory]
    [InlineData("ActivityDoesNotExist", typeof(GetActivityTaskError.ActivityDoesNotExist), ErrorKind.Configuration)]
    [InlineData("ActivityWorkerLimitExceeded", typeof(GetActivityTaskError.ActivityWorkerLimitExceeded), ErrorKind.Throttling)]
    [InlineData("InvalidArn", typeof(GetActivityTaskError.InvalidArn), ErrorKind.Configuration)]
    [InlineData("KmsAccessDeniedException", typeof(GetActivityTaskError.KmsAccessDeniedException), ErrorKind.Configuration)]
    [InlineData("KmsInvalidStateException", typeof(GetActivityTaskError.KmsInvalidStateException), ErrorKind.Configuration)]
    [InlineData("KmsThrottlingException", typeof(GetActivityTaskError.KmsThrottlingException), ErrorKind.Throttling)]
    [InlineData("ThrottlingException", typeof(GetActivityTaskError.UnknownOperationError), ErrorKind.Throttling)]
    [InlineData("ExpiredTokenException", typeof(GetActivityTaskError.UnknownOperationError), ErrorKind.ExpiredCredentials)]
    [InlineData("RequestTimeTooSkewed", typeof(GetActivityTaskError.UnknownOperationError), ErrorKind.ClockSkew)]
    [InlineData("AccessDeniedException", typeof(GetActivityTaskError.UnknownOperationError), ErrorKind.Rejected)]
    [InlineData("UnrecognizedClientException", typeof(GetActivityTaskError.UnknownOperationError), ErrorKind.Configuration)]
    public void GetActivityTask_errors_map_to_their_cases(string code, Type expected, ErrorKind kind)
    {
        var error = Assert.Single(GetActivityTask.ParseResponse(400, null, U($"{{\"__type\":\"com.amazonaws.swf.service.v2.model#{code}\",\"message\":\"m\"}}")).LeftToSeq());
        Assert.IsType(expected, error);
        Assert.Equal((code, "m", kind), (error.Code, error.Message.IfNone(""), error.Kind));
        string matched = error.Match(
            ActivityDoesNotExist: e => e.Code, ActivityWorkerLimitExceeded: e => e.Code, InvalidArn: e => e.Code,
            KmsAccessDeniedException: e => e.Code, KmsInvalidStateException: e => e.Code, KmsThrottlingException: e => e.Code,
            UnknownOperationError: e => e.Code);
        Assert.Equal(code, matched);
    }

    [Theory]
    [InlineData("TaskTimedOut", ErrorKind.TaskEnded)]
    [InlineData("TaskDoesNotExist", ErrorKind.TaskEnded)]
    [InlineData("InvalidToken", ErrorKind.TaskEnded)]
    [InlineData("InvalidOutput", ErrorKind.Rejected)]
    public void Task_reports_say_when_the_task_is_over(string code, ErrorKind kind)
    {
        byte[] body = U($"{{\"__type\":\"{code}\"}}");
        Assert.Equal(kind, SendTaskSuccess.ParseResponse(400, null, body).LeftToSeq().Single().Kind);
        Assert.Equal(code, SendTaskSuccess.ParseResponse(400, null, body).LeftToSeq().Single().Code);
        Assert.IsNotType<SendTaskSuccessError.UnknownOperationError>(SendTaskSuccess.ParseResponse(400, null, body).LeftToSeq().Single());
    }

    [Fact]
    public void ListActivities_InvalidToken_is_about_the_page_token_not_a_task() =>
        Assert.Equal(ErrorKind.Rejected, ListActivities.ParseResponse(400, null, U("{\"__type\":\"InvalidToken\"}")).LeftToSeq().Single().Kind);

    [Theory]
    [InlineData(503, ErrorKind.Transient, true)]
    [InlineData(500, ErrorKind.Transient, true)]
    [InlineData(429, ErrorKind.Throttling, true)]
    [InlineData(400, ErrorKind.Rejected, false)]
    [InlineData(403, ErrorKind.Rejected, false)]
    public void An_error_without_a_code_gets_a_code_from_its_status(int status, ErrorKind kind, bool retryable)
    {
        var error = Assert.Single(SendTaskHeartbeat.ParseResponse(status, null, U("<html>gateway</html>")).LeftToSeq());
        Assert.Equal(($"HttpStatus{status}", kind, retryable), (error.Code, error.Kind, error.IsRetryable));
    }

    [Fact]
    public void Every_modeled_code_of_every_operation_maps_to_its_own_case()
    {
        (string op, Func<byte[], IOperationError> parse, string[] codes)[] table =
        [
            ("GetActivityTask", b => GetActivityTask.ParseResponse(400, null, b).LeftToSeq().Single(), ["ActivityDoesNotExist", "ActivityWorkerLimitExceeded", "InvalidArn", "KmsAccessDeniedException", "KmsInvalidStateException", "KmsThrottlingException"]),
            ("SendTaskSuccess", b => SendTaskSuccess.ParseResponse(400, null, b).LeftToSeq().Single(), ["InvalidOutput", "InvalidToken", "KmsAccessDeniedException", "KmsInvalidStateException", "KmsThrottlingException", "TaskDoesNotExist", "TaskTimedOut"]),
            ("SendTaskFailure", b => SendTaskFailure.ParseResponse(400, null, b).LeftToSeq().Single(), ["InvalidToken", "KmsAccessDeniedException", "KmsInvalidStateException", "KmsThrottlingException", "TaskDoesNotExist", "TaskTimedOut"]),
            ("SendTaskHeartbeat", b => SendTaskHeartbeat.ParseResponse(400, null, b).LeftToSeq().Single(), ["InvalidToken", "TaskDoesNotExist", "TaskTimedOut"]),
            ("CreateActivity", b => CreateActivity.ParseResponse(400, null, b).LeftToSeq().Single(), ["ActivityAlreadyExists", "ActivityLimitExceeded", "InvalidEncryptionConfiguration", "InvalidName", "KmsAccessDeniedException", "KmsThrottlingException", "TooManyTags"]),
            ("DescribeActivity", b => DescribeActivity.ParseResponse(400, null, b).LeftToSeq().Single(), ["ActivityDoesNotExist", "InvalidArn"]),
            ("DeleteActivity", b => DeleteActivity.ParseResponse(400, null, b).LeftToSeq().Single(), ["InvalidArn"]),
            ("ListActivities", b => ListActivities.ParseResponse(400, null, b).LeftToSeq().Single(), ["InvalidToken"]),
        ];
        foreach (var (op, parse, codes) in table)
        {
            foreach (string code in codes)
            {
                var error = parse(U($"{{\"__type\":\"ns#{code}\"}}"));
                Assert.Equal(code, error.Code);
                Assert.Equal(code, error.GetType().Name);
                Assert.Equal(op + "Error", error.GetType().DeclaringType!.Name);
            }

            // A code modeled for another operation only is unknown here.
            var other = parse(U("{\"__type\":\"SomethingElse\"}"));
            Assert.Equal("UnknownOperationError", other.GetType().Name);
        }
    }

    [Fact]
    public void A_known_code_without_message_reuses_one_instance_and_equality_is_by_value()
    {
        var a = GetActivityTask.ParseResponse(400, null, U("{\"__type\":\"InvalidArn\"}")).LeftToSeq().Single();
        var b = GetActivityTask.ParseResponse(400, null, U("{\"__type\":\"InvalidArn\"}")).LeftToSeq().Single();
        Assert.Same(a, b);
        Assert.Equal(new GetActivityTaskError.InvalidArn(Some("m")), GetActivityTask.ParseResponse(400, null, U("{\"__type\":\"InvalidArn\",\"message\":\"m\"}")).LeftToSeq().Single());
    }

    [Fact]
    public void XML_answers_are_read_when_flagged_or_recognised()
    {
        byte[] xml = U("<ErrorResponse xmlns=\"http://states.amazonaws.com/doc/2016-11-23/\"><Error><Type>Sender</Type><Code>InvalidArn</Code><Message>bad &amp; worse</Message></Error><RequestId>r-1</RequestId></ErrorResponse>");
        foreach (bool flag in new[] { true, false })
        {
            var error = Assert.Single(GetActivityTask.ParseResponse(400, null, xml, isXml: flag).LeftToSeq());
            Assert.IsType<GetActivityTaskError.InvalidArn>(error);
            Assert.Equal("bad & worse", error.Message.IfNone(""));
        }

        var doc = ErrorDocument.ParseXml(xml);
        Assert.Equal(("r-1", "Sender"), (doc.RequestId.IfNone(""), doc.FaultType.IfNone("")));
        Assert.Equal(ErrorBodyStatus.DoctypeRefused, ErrorDocument.ParseXml(U("<!DOCTYPE x [<!ENTITY a \"b\">]><Error><Code>&a;</Code></Error>")).Status);
    }

    [Theory]
    [InlineData("", ErrorBodyStatus.Empty)]
    [InlineData(" \n", ErrorBodyStatus.Empty)]
    [InlineData("<html><body>Bad gateway</body></html>", ErrorBodyStatus.NotAnErrorDocument)]
    [InlineData("<Error><Code>X</Code>", ErrorBodyStatus.Malformed)]
    [InlineData("<Error><Code>X</Code></Error>", ErrorBodyStatus.Parsed)]
    public void ParseXml_reports_how_much_of_the_body_was_read(string body, ErrorBodyStatus expected) =>
        Assert.Equal(expected, ErrorDocument.ParseXml(U(body)).Status);

    [Fact]
    public void CreateActivity_Describe_and_List_read_their_answers()
    {
        var created = CreateActivity.ParseResponse(200, null, U("{\"activityArn\":\"arn:aws:states:us-east-1:123456789012:activity:a\",\"creationDate\":1700000000.123}")).RightToSeq().Single();
        Assert.Equal((Arn, DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_123)), (created.ActivityArn, created.CreationDate));

        var described = DescribeActivity.ParseResponse(200, null, U("{\"creationDate\":1.7E9,\"name\":\"a\",\"activityArn\":\"arn:aws:states:us-east-1:123456789012:activity:a\",\"extra\":{}}")).RightToSeq().Single();
        Assert.Equal(new ActivityInfo(Arn, "a", DateTimeOffset.FromUnixTimeSeconds(1_700_000_000)), described);

        var page = ListActivities.ParseResponse(200, null, U("{\"activities\":[{\"activityArn\":\"arn:aws:states:us-east-1:123456789012:activity:a\",\"name\":\"a\",\"creationDate\":1}],\"nextToken\":\"n\"}")).RightToSeq().Single();
        Assert.Equal(("a", "n"), (page.Activities.Single().Name, page.NextToken.IfNone("")));
        Assert.True(ListActivities.ParseResponse(200, null, U("{\"activities\":[]}")).RightToSeq().Single().NextToken.IsNone);

        Assert.True(CreateActivity.ParseResponse(200, null, U("{\"activityArn\":\"nope\",\"creationDate\":1}")).IsLeft);
        Assert.True(DescribeActivity.ParseResponse(200, null, U("{\"activityArn\":\"arn:aws:states:us-east-1:123456789012:activity:a\",\"creationDate\":\"1\"}")).IsLeft);
        Assert.True(ListActivities.ParseResponse(200, null, U("{\"activities\":[{\"name\":\"a\"}]}")).IsLeft);
        Assert.True(DeleteActivity.ParseResponse(200, null, default).IsRight);
    }

    [Property(MaxTest = 300)]
    public Property Every_ParseResponse_is_total_over_arbitrary_bytes_and_statuses() =>
        Prop.ForAll(Arb.From(Generators.Bytes), Arb.From(Gen.Elements(200, 204, 400, 403, 429, 500, 503, 0, -1, 999)), (bytes, status) =>
        {
            _ = GetActivityTask.ParseResponse(status, "h:x", bytes);
            _ = GetActivityTask.ParseResponse(status, null, bytes, isXml: true);
            _ = SendTaskSuccess.ParseResponse(status, null, bytes);
            _ = SendTaskFailure.ParseResponse(status, null, bytes);
            _ = SendTaskHeartbeat.ParseResponse(status, null, bytes);
            _ = CreateActivity.ParseResponse(status, null, bytes);
            _ = DescribeActivity.ParseResponse(status, null, bytes);
            _ = DeleteActivity.ParseResponse(status, null, bytes);
            _ = ListActivities.ParseResponse(status, null, bytes);
            return true;
        });
}
