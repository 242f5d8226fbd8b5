using System;
using System.Linq;
using System.Threading.Tasks;
using ActivityCore.Errors;
using ActivityCore.Local.Protocol;
using ActivityCore.Operations;
using LanguageExt;
using Xunit;
using static ActivityCore.Tests.Shell.ClientFixture;
using static LanguageExt.Prelude;

namespace ActivityCore.Tests.Shell;

/// <summary>Every operation's success and each of its modeled errors, against the in-test fake server.</summary>
public class ActivityClientOperationTests
{
    private const string ArnText = "arn:aws:states:us-east-1:123456789012:activity:worker-test";

    public static TheoryData<string, string> ModeledErrors()
    {
        var data = new TheoryData<string, string>();
        void Add(string op, params string[] codes)
        {
            foreach (string code in codes)
            {
                data.Add(op, code);
            }
        }

        Add("GetActivityTask", "ActivityDoesNotExist", "ActivityWorkerLimitExceeded", "InvalidArn", "KmsAccessDeniedException", "KmsInvalidStateException", "KmsThrottlingException");
        Add("SendTaskSuccess", "InvalidOutput", "InvalidToken", "KmsAccessDeniedException", "KmsInvalidStateException", "KmsThrottlingException", "TaskDoesNotExist", "TaskTimedOut");
        Add("SendTaskFailure", "InvalidToken", "KmsAccessDeniedException", "KmsInvalidStateException", "KmsThrottlingException", "TaskDoesNotExist", "TaskTimedOut");
        Add("SendTaskHeartbeat", "InvalidToken", "TaskDoesNotExist", "TaskTimedOut");
        Add("CreateActivity", "ActivityAlreadyExists", "ActivityLimitExceeded", "InvalidEncryptionConfiguration", "InvalidName", "KmsAccessDeniedException", "KmsThrottlingException", "TooManyTags");
        Add("DescribeActivity", "ActivityDoesNotExist", "InvalidArn");
        Add("DeleteActivity", "InvalidArn");
        Add("ListActivities", "InvalidToken");
        return data;
    }

    [Theory]
    [MemberData(nameof(ModeledErrors))]
    public async Task Each_modeled_error_comes_back_as_its_case(string operation, string code)
    {
        var handler = FakeHandler.Always(() => FakeHandler.Error(400, code));
        using var client = NewClient(handler, o => o.MaxAttempts = 1);

        var (ok, error) = await Call(client, operation);

        Assert.False(ok);
        Assert.NotNull(error);
        Assert.Equal(code, error!.Code);
        Assert.Equal(code, error.GetType().Name); // the modeled case, not UnknownOperationError
        Assert.Equal(Some("it failed"), error.Message);
        Assert.All(handler.Requests, r => Assert.True(r.SignatureValid));
        Assert.Equal("AWSStepFunctions." + operation, handler.Requests.Single().Target);
    }

    [Theory]
    [InlineData("GetActivityTask", "{\"taskToken\":\"tok-1\",\"input\":\"{\\\"a\\\":1}\"}")]
    [InlineData("SendTaskSuccess", "{}")]
    [InlineData("SendTaskFailure", "{}")]
    [InlineData("SendTaskHeartbeat", "{}")]
    [InlineData("CreateActivity", "{\"activityArn\":\"" + ArnText + "\",\"creationDate\":1700000000.5}")]
    [InlineData("DescribeActivity", "{\"activityArn\":\"" + ArnText + "\",\"name\":\"worker-test\",\"creationDate\":1700000000}")]
    [InlineData("DeleteActivity", "{}")]
    [InlineData("ListActivities", "{\"activities\":[{\"activityArn\":\"" + ArnText + "\",\"name\":\"worker-test\",\"creationDate\":1700000000}],\"nextToken\":\"n1\"}")]
    public async Task Each_operation_succeeds(string operation, string answer)
    {
        var handler = FakeHandler.Always(() => FakeHandler.Json(200, answer));
        using var client = NewClient(handler);

        var (ok, error) = await Call(client, operation);

        Assert.True(ok, error?.Code);
        var request = handler.Requests.Single();
        Assert.True(request.SignatureValid);
        Assert.Equal("AWSStepFunctions." + operation, request.Target);
    }

    [Fact]
    public async Task Poll_answers_the_task()
    {
        var handler = FakeHandler.Always(() => FakeHandler.Json(200, "{\"taskToken\":\"tok-1\",\"input\":\"{\\\"a\\\":1}\"}"));
        using var client = NewClient(handler);

        var task = (await client.GetActivityTaskAsync(Arn, WorkerName.Parse("w-1").ToOption())).RightOrThrow();

        Assert.True(task.IsSome);
        var t = (ActivityTask)task;
        Assert.Equal("tok-1", t.Token.Reveal());
        Assert.Equal("{\"activityArn\":\"" + ArnText + "\",\"workerName\":\"w-1\"}", handler.Requests.Single().Json);
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("{\"taskToken\":null}")]
    [InlineData("{\"taskToken\":\"\",\"input\":\"\"}")]
    public async Task Empty_poll_gives_none(string answer)
    {
        using var client = NewClient(FakeHandler.Always(() => FakeHandler.Json(200, answer)));
        var result = await client.GetActivityTaskAsync(Arn, None);
        Assert.Equal(Option<ActivityTask>.None, result.RightOrThrow());
    }

    [Fact]
    public async Task List_answers_the_page()
    {
        using var client = NewClient(FakeHandler.Always(() => FakeHandler.Json(200,
            "{\"activities\":[{\"activityArn\":\"" + ArnText + "\",\"name\":\"worker-test\",\"creationDate\":1700000000}],\"nextToken\":\"n1\"}")));
        var page = (await client.ListActivitiesAsync(ListActivitiesRequest.FirstPage)).RightOrThrow();
        Assert.Equal(Arn, page.Activities.Single().ActivityArn);
        Assert.Equal(Some("n1"), page.NextToken);
    }

    [Fact]
    public async Task Xml_error_answer_is_read()
    {
        using var client = NewClient(FakeHandler.Always(() => new System.Net.Http.HttpResponseMessage(System.Net.HttpStatusCode.BadRequest)
        {
            Content = new System.Net.Http.StringContent(
                "<ErrorResponse><Error><Type>Sender</Type><Code>InvalidArn</Code><Message>bad arn</Message></Error><RequestId>r1</RequestId></ErrorResponse>",
                System.Text.Encoding.UTF8, "text/xml"),
        }));
        var failure = (await client.DescribeActivityAsync(Arn)).LeftOrThrow();
        var error = Assert.IsType<ActivityFailure<DescribeActivityError>.ServiceError>(failure).Error;
        Assert.IsType<DescribeActivityError.InvalidArn>(error);
    }

    /// <summary>Calls one operation by name: success, or the service error it ended with.</summary>
    internal static async Task<(bool Ok, IOperationError? Error)> Call(ActivityClient client, string operation)
    {
        static (bool, IOperationError?) Of<TError, TResult>(Either<ActivityFailure<TError>, TResult> result)
            where TError : IOperationError =>
            result.Match(
                Right: _ => (true, (IOperationError?)null),
                Left: f => (false, f.Innermost() is ActivityFailure<TError>.ServiceError s ? s.Error : null));

        var failure = TaskFailure.Create(Some("Oops"), Some("secret cause")).RightOrThrow();
        return operation switch
        {
            "GetActivityTask" => Of(await client.GetActivityTaskAsync(Arn, None)),
            "SendTaskSuccess" => Of(await client.SendTaskSuccessAsync(Token, Output)),
            "SendTaskFailure" => Of(await client.SendTaskFailureAsync(Token, failure)),
            "SendTaskHeartbeat" => Of(await client.SendTaskHeartbeatAsync(Token)),
            "CreateActivity" => Of(await client.CreateActivityAsync(Name)),
            "DescribeActivity" => Of(await client.DescribeActivityAsync(Arn)),
            "DeleteActivity" => Of(await client.DeleteActivityAsync(Arn)),
            "ListActivities" => Of(await client.ListActivitiesAsync(ListActivitiesRequest.FirstPage)),
            _ => throw new ArgumentOutOfRangeException(nameof(operation)),
        };
    }
}
