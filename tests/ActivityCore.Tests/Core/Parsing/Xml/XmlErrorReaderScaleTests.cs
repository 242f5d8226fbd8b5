using System;
using System.Diagnostics;
using System.Text;
using ActivityCore.Parsing.Xml;
using Xunit;
using Xunit.Abstractions;

namespace ActivityCore.Tests.Core.Parsing.Xml;

/// <summary>Large bodies are read in linear time: 10 MB shapes that would expose a quadratic scan.</summary>
public class XmlErrorReaderScaleTests(ITestOutputHelper output)
{
    private const int TenMegabytes = 10 * 1024 * 1024;

    public static TheoryData<string> Shapes => ["long message", "many elements", "many comments", "many attributes", "many references"];

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Ten_megabytes_in_linear_time(string shape)
    {
        byte[] body = Build(shape);
        Assert.Equal(TenMegabytes, body.Length);

        Stopwatch watch = Stopwatch.StartNew();
        XmlReadStatus status = XmlErrorReader.Read(body, out XmlErrorFields fields);
        string? message = fields.Message.DecodeToString(body);
        watch.Stop();

        output.WriteLine($"{shape}: {body.Length} B read and decoded in {watch.ElapsedMilliseconds} ms");
        Assert.Equal(XmlReadStatus.Ok, status);
        Assert.NotNull(message);
        Assert.Equal("C", fields.Code.DecodeToString(body));
        // Linear work on 10 MB takes well under a second (about 70 ms for the element-heavy shape,
        // optimised and warm; a few times that here, cold and unoptimised); a quadratic scan would
        // take hours. The bound is loose because the cores are shared.
        Assert.InRange(watch.ElapsedMilliseconds, 0, 10_000);
    }

    /// <summary>A 10 MB error document whose bulk is <paramref name="shape"/>, written straight into a byte array.</summary>
    private static byte[] Build(string shape)
    {
        (string open, string unit, string close) = shape switch
        {
            "long message" => ("<Message>", "0123456789abcdef", "</Message>"),
            "many elements" => ("<Message>", "<x a='1'><y/>t</x>", "</Message>"),
            "many comments" => ("<Message>", "<!-- - -><!---->", "</Message>"),
            "many attributes" => ("<Detail", " a='>x'", "/><Message>m</Message>"),
            _ => ("<Message>", "&lt;&#x1F600;&#65;", "</Message>"),
        };
        byte[] head = Encoding.UTF8.GetBytes("<ErrorResponse><Error><Code>C</Code>" + open);
        byte[] repeated = Encoding.UTF8.GetBytes(unit);
        byte[] tail = Encoding.UTF8.GetBytes(close + "</Error></ErrorResponse>");
        byte[] body = new byte[TenMegabytes];
        head.CopyTo(body, 0);
        int position = head.Length;
        while (position + repeated.Length + tail.Length <= body.Length)
        {
            repeated.CopyTo(body, position);
            position += repeated.Length;
        }

        tail.CopyTo(body, position);
        body.AsSpan(position + tail.Length).Fill((byte)' ');
        return body;
    }
}
