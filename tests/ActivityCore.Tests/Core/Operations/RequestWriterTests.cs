using System;
using System.Buffers;
using System.Text.Json;
using ActivityCore.Operations;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using LanguageExt;
using Xunit;
using static LanguageExt.Prelude;

namespace ActivityCore.Tests.Core.Operations;

public class RequestWriterTests
{
    private static T Ok<T>(Either<ValidationError, T> e) => e.Match(x => x, l => throw new InvalidOperationException(l.ToString()));

    private static readonly ActivityArn Arn = Ok(ActivityArn.Parse("arn:aws:states:us-east-1:123456789012:activity:a"));

    private static JsonElement Written(Action<IBufferWriter<byte>> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        write(buffer);
        using var doc = JsonDocument.Parse(buffer.WrittenMemory);
        return doc.RootElement.Clone();
    }

    [Fact]
    public void Targets_name_the_service_and_the_operation()
    {
        Assert.Equal("AWSStepFunctions.GetActivityTask", GetActivityTask.Target);
        Assert.Equal("AWSStepFunctions.SendTaskSuccess", SendTaskSuccess.Target);
        Assert.Equal("AWSStepFunctions.SendTaskFailure", SendTaskFailure.Target);
        Assert.Equal("AWSStepFunctions.SendTaskHeartbeat", SendTaskHeartbeat.Target);
        Assert.Equal("AWSStepFunctions.CreateActivity", CreateActivity.Target);
        Assert.Equal("AWSStepFunctions.DescribeActivity", DescribeActivity.Target);
        Assert.Equal("AWSStepFunctions.DeleteActivity", DeleteActivity.Target);
        Assert.Equal("AWSStepFunctions.ListActivities", ListActivities.Target);
    }

    [Fact]
    public void Each_writer_writes_the_service_shape()
    {
        var token = Ok(TaskToken.Parse("tok"));
        Assert.Equal("{\"activityArn\":\"arn:aws:states:us-east-1:123456789012:activity:a\",\"workerName\":\"w\"}",
            Written(b => GetActivityTask.WriteRequest(Arn, Some(Ok(WorkerName.Parse("w"))), b)).GetRawText());
        Assert.Equal("{\"activityArn\":\"arn:aws:states:us-east-1:123456789012:activity:a\"}",
            Written(b => GetActivityTask.WriteRequest(Arn, None, b)).GetRawText());
        Assert.Equal("{\"taskToken\":\"tok\",\"output\":\"{\\\"a\\\":1}\"}",
            Written(b => SendTaskSuccess.WriteRequest(token, Ok(TaskOutput.Parse("{\"a\":1}")), b)).GetRawText());
        Assert.Equal("{\"taskToken\":\"tok\",\"error\":\"E\",\"cause\":\"C\"}",
            Written(b => SendTaskFailure.WriteRequest(token, Ok(TaskFailure.Create("E", "C")), b)).GetRawText());
        Assert.Equal("{\"taskToken\":\"tok\"}",
            Written(b => SendTaskFailure.WriteRequest(token, Ok(TaskFailure.Create(None, None)), b)).GetRawText());
        Assert.Equal("{\"taskToken\":\"tok\"}", Written(b => SendTaskHeartbeat.WriteRequest(token, b)).GetRawText());
        Assert.Equal("{\"name\":\"a\"}", Written(b => CreateActivity.WriteRequest(Ok(ActivityName.Parse("a")), b)).GetRawText());
        Assert.Equal("{\"activityArn\":\"arn:aws:states:us-east-1:123456789012:activity:a\"}", Written(b => DescribeActivity.WriteRequest(Arn, b)).GetRawText());
        Assert.Equal("{\"activityArn\":\"arn:aws:states:us-east-1:123456789012:activity:a\"}", Written(b => DeleteActivity.WriteRequest(Arn, b)).GetRawText());
        Assert.Equal("{}", Written(b => ListActivities.WriteRequest(ListActivitiesRequest.FirstPage, b)).GetRawText());
        Assert.Equal("{\"maxResults\":5,\"nextToken\":\"n\"}", Written(b => ListActivities.WriteRequest(Ok(ListActivitiesRequest.Create(5, Some("n"))), b)).GetRawText());
        Assert.True(ListActivitiesRequest.Create(1001, None).IsLeft);
        Assert.True(ListActivitiesRequest.Create(-1, None).IsLeft);
        Assert.True(ListActivitiesRequest.Create(0, Some(new string('n', 1025))).IsLeft);
    }

    [Property(MaxTest = 300)]
    public Property Any_valid_output_and_failure_round_trip_through_the_writers() =>
        Prop.ForAll(Arb.From(Generators.Message(xmlSafe: false)), text =>
        {
            var token = Ok(TaskToken.Parse("t" + text.Length));
            var output = Ok(TaskOutput.Parse(JsonSerializer.Serialize(text)));
            var success = Written(b => SendTaskSuccess.WriteRequest(token, output, b));
            var failure = Written(b => SendTaskFailure.WriteRequest(token, TaskFailure.Bounded(text, text), b));
            return success.GetProperty("output").GetString() == output.Json
                && success.GetProperty("taskToken").GetString() == token.Reveal()
                && failure.GetProperty("cause").GetString() == text[..Math.Min(text.Length, TaskFailure.MaxCauseLength)];
        });
}
