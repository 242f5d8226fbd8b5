using System.Diagnostics;
using System.Text;
using ActivityCore.Parsing.Xml;
using Xunit;
using Xunit.Abstractions;

namespace ActivityCore.Tests.Xml;

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
        Assert.InRange(body.Length, TenMegabytes, TenMegabytes + 1000);
        _ = XmlErrorReader.Read(body, out _);

        Stopwatch watch = Stopwatch.StartNew();
        XmlReadStatus status = XmlErrorReader.Read(body, out XmlErrorFields fields);
        string? message = fields.Message.DecodeToString(body);
        watch.Stop();

        output.WriteLine($"{shape}: {body.Length} B read and decoded in {watch.ElapsedMilliseconds} ms");
        Assert.Equal(XmlReadStatus.Ok, status);
        Assert.NotNull(message);
        Assert.Equal("C", fields.Code.DecodeToString(body));
        // Linear work on 10 MB takes well under a second (about 70 ms for the element-heavy shape, optimised
        // and warm); a quadratic scan would take hours. The bound is loose because the CI cores are shared.
        Assert.InRange(watch.ElapsedMilliseconds, 0, 10_000);
    }

    private static byte[] Build(string shape)
    {
        StringBuilder xml = new("<ErrorResponse><Error><Code>C</Code>");
        const int Limit = TenMegabytes - 64;
        string unit = shape switch
        {
            "long message" => "0123456789abcdef",
            "many elements" => "<x a='1'><y/>t</x>",
            "many comments" => "<!-- - -><!---->",
            "many attributes" => "",
            _ => "&lt;&#x1F600;&#65;",
        };
        if (shape == "many attributes")
        {
            xml.Append("<Detail");
            while (xml.Length < Limit)
            {
                xml.Append(" a='>x'");
            }

            xml.Append("/>");
        }

        xml.Append("<Message>");
        while (xml.Length < Limit)
        {
            xml.Append(unit);
        }

        xml.Append("</Message></Error></ErrorResponse>");
        while (xml.Length < TenMegabytes)
        {
            xml.Append(' ');
        }

        return Encoding.UTF8.GetBytes(xml.ToString());
    }
}
