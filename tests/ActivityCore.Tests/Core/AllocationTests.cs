using System;
using System.Text;
using ActivityCore.Operations;
using ActivityCore.Parsing;
using Xunit;

namespace ActivityCore.Tests.Core;

/// <summary>
/// The core's allocation budget: a known code costs nothing; the only allocations of a parse are the
/// strings handed to the caller. Measured with GC.GetAllocatedBytesForCurrentThread around warmed-up parses.
/// </summary>
public class AllocationTests
{
    private static readonly byte[] KnownNoMessage = Encoding.UTF8.GetBytes("{\"__type\":\"com.amazonaws.swf.service.v2.model#InvalidArn\"}");
    private static readonly byte[] KnownWithMessage = Encoding.UTF8.GetBytes("{\"__type\":\"com.amazonaws.swf.service.v2.model#InvalidArn\",\"message\":\"Invalid Arn: 'Resource type not valid in this context: stateMachine'\"}");
    private static readonly byte[] XmlKnownNoMessage = Encoding.UTF8.GetBytes("<ErrorResponse><Error><Type>Sender</Type><Code>InvalidArn</Code></Error></ErrorResponse>");

    private static long Measure(Action action)
    {
        for (int i = 0; i < 50; i++)
        {
            action(); // warm up: JIT, tiering, static initialisers
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        action();
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }

    /// <summary>The bytes a string of <paramref name="length"/> chars takes on the 64-bit heap.</summary>
    private static long StringBytes(int length) => 22 + (2L * length) + 8;

    [Fact]
    public void A_known_code_without_message_allocates_nothing()
    {
        Assert.Equal(0, Measure(() => ErrorDocument.ParseJson(KnownNoMessage, null)));
        Assert.Equal(0, Measure(() => ErrorDocument.ParseJson("{}"u8, "InvalidArn:http://internal.amazon.com/coral/x/")));
        Assert.Equal(0, Measure(() => GetActivityTask.ParseResponse(400, null, KnownNoMessage)));
    }

    [Fact]
    public void A_known_XML_code_without_message_allocates_nothing() =>
        Assert.Equal(0, Measure(() => ErrorDocument.ParseXml(XmlKnownNoMessage)));

    [Fact]
    public void Writing_a_poll_request_allocates_nothing()
    {
        var arn = ActivityArn.Parse("arn:aws:states:us-east-1:123456789012:activity:a").Match(a => a, _ => throw new InvalidOperationException());
        var worker = WorkerName.Parse("w").ToOption();
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(1024);
        Assert.Equal(0, Measure(() =>
        {
            buffer.ResetWrittenCount();
            GetActivityTask.WriteRequest(arn, worker, buffer);
        }));
    }

    [Fact]
    public void A_known_code_with_a_message_allocates_only_the_message()
    {
        const int MessageLength = 72;
        long bytes = Measure(() => ErrorDocument.ParseJson(KnownWithMessage, null));
        Assert.InRange(bytes, 1, StringBytes(MessageLength));
    }

    [Fact]
    public void An_empty_poll_allocates_nothing() =>
        Assert.Equal(0, Measure(() => GetActivityTask.ParseResponse(200, null, "{\"taskToken\":null}"u8)));

    [Fact]
    public void A_task_allocates_the_token_and_input_strings_and_the_three_small_objects_holding_them()
    {
        string token = new('t', 700);
        string input = "{\\\"k\\\":\\\"" + new string('v', 1000) + "\\\"}";
        byte[] body = Encoding.UTF8.GetBytes("{\"taskToken\":\"" + token + "\",\"input\":\"" + input + "\"}");
        long bytes = Measure(() => GetActivityTask.ParseResponse(200, null, body));

        // The two strings, plus TaskToken, TaskInput and ActivityTask (24-32 bytes each).
        long strings = StringBytes(700) + StringBytes(1000 + 8);
        Assert.InRange(bytes, strings, strings + (3 * 32));
    }
}
