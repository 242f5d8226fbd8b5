using System;
using System.IO;
using System.Text;
using ActivityCore.Parsing.Xml;
using Xunit;
using Xunit.Abstractions;

namespace ActivityCore.Tests.Core.Parsing.Xml;

/// <summary>
/// The reader allocates nothing; decoding allocates the result string only. Measured with
/// <see cref="GC.GetAllocatedBytesForCurrentThread"/> after warm-up (the tests are synchronous, so they stay on one thread).
/// </summary>
public class XmlErrorReaderAllocationTests(ITestOutputHelper output)
{
    private static readonly byte[] Typical = Encoding.UTF8.GetBytes(
        "<ErrorResponse xmlns=\"http://states.amazonaws.com/doc/2016-11-23/\"><Error><Type>Sender</Type>" +
        "<Code>InvalidArn</Code><Message>Invalid Arn: &apos;arn:aws:states:x&apos;</Message></Error>" +
        "<RequestId>5c1a3f2e-0000-4a6b-9c2d-1e2f3a4b5c6d</RequestId></ErrorResponse>");

    /// <summary>The managed size of a string of <paramref name="length"/> chars on a 64-bit runtime: header, method table, length, chars and terminator, rounded up to 8.</summary>
    private static long StringSize(int length) => (22 + (2L * length) + 7) & ~7L;

    [Fact]
    public void Read_allocates_nothing()
    {
        Assert.InRange(Typical.Length, 180, 260);
        for (int i = 0; i < 100; i++)
        {
            _ = XmlErrorReader.Read(Typical, out _);
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        XmlReadStatus status = XmlErrorReader.Read(Typical, out XmlErrorFields fields);
        long one = GC.GetAllocatedBytesForCurrentThread() - before;
        for (int i = 0; i < 1000; i++)
        {
            _ = XmlErrorReader.Read(Typical, out _);
        }

        long thousand = GC.GetAllocatedBytesForCurrentThread() - before - one;
        output.WriteLine($"Read of {Typical.Length} B: {one} B allocated once, {thousand} B over 1000 more reads");
        Assert.Equal(XmlReadStatus.Ok, status);
        Assert.True(fields.Message.IsPresent);
        Assert.Equal(0, one);
        Assert.Equal(0, thousand);
    }

    [Fact]
    public void Decoding_a_message_allocates_only_the_string()
    {
        Assert.Equal(XmlReadStatus.Ok, XmlErrorReader.Read(Typical, out XmlErrorFields fields));
        string? warm = null;
        for (int i = 0; i < 100; i++)
        {
            warm = fields.Message.DecodeToString(Typical);
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        string? message = fields.Message.DecodeToString(Typical);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        output.WriteLine($"DecodeToString of a {message!.Length}-char message (stack path): {allocated} B allocated, string size {StringSize(message.Length)} B");
        Assert.Equal("Invalid Arn: 'arn:aws:states:x'", message);
        Assert.Equal(warm, message);
        Assert.Equal(StringSize(message.Length), allocated);
    }

    [Fact]
    public void Decoding_a_long_message_through_the_pool_allocates_only_the_string()
    {
        byte[] body = Encoding.UTF8.GetBytes("<Error><Message>" + new string('m', 1000) + " &amp; \u00e9</Message></Error>");
        Assert.Equal(XmlReadStatus.Ok, XmlErrorReader.Read(body, out XmlErrorFields fields));
        Assert.True(fields.Message.MaxDecodedLength > XmlText.StackallocThreshold);
        for (int i = 0; i < 100; i++)
        {
            _ = fields.Message.DecodeToString(body);
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        string? message = fields.Message.DecodeToString(body);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        output.WriteLine($"DecodeToString of a {message!.Length}-char message (pooled path): {allocated} B allocated, string size {StringSize(message.Length)} B");
        Assert.Equal(1000 + 4, message.Length);
        Assert.Equal(StringSize(message.Length), allocated);
    }

    [Fact]
    public void Decoding_into_a_span_allocates_nothing()
    {
        Assert.Equal(XmlReadStatus.Ok, XmlErrorReader.Read(Typical, out XmlErrorFields fields));
        Span<byte> destination = stackalloc byte[fields.Message.MaxDecodedLength];
        for (int i = 0; i < 100; i++)
        {
            _ = fields.Message.TryDecode(Typical, destination, out _);
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        bool ok = fields.Message.TryDecode(Typical, destination, out int written);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(ok);
        Assert.True("Invalid Arn: 'arn:aws:states:x'"u8.SequenceEqual(destination[..written]));
        Assert.Equal(0, allocated);
    }

    [Fact]
    public void Comparing_a_code_allocates_nothing()
    {
        byte[] body = "<Error><Code>Invalid&#65;rn</Code></Error>"u8.ToArray();
        Assert.Equal(XmlReadStatus.Ok, XmlErrorReader.Read(body, out XmlErrorFields fields));
        for (int i = 0; i < 100; i++)
        {
            _ = fields.Code.ValueTextEquals(body, "InvalidArn"u8);
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        bool equal = fields.Code.ValueTextEquals(body, "InvalidArn"u8) && !fields.Code.ValueTextEquals(body, "TaskTimedOut"u8);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(equal);
        Assert.Equal(0, allocated);
    }
}
