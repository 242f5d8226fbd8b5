using System;
using System.Buffers;
using ActivityCore.Parsing.Xml;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Xunit;

namespace ActivityCore.Tests.Core.Parsing.Xml;

/// <summary>Properties: totality, agreement with <see cref="System.Xml.Linq.XDocument"/>, and the verbatim promise.</summary>
public class XmlErrorReaderProperties
{
    [Property(MaxTest = 300, Arbitrary = [typeof(XmlArbitraries)])]
    public void Agrees_with_XDocument(GeneratedErrorDocument doc)
    {
        var expected = (doc.Type, doc.Code, doc.Message, doc.RequestId);
        Assert.Equal(expected, XmlOracle.Fields(doc.Body));
        XmlReadResult actual = XmlTestSupport.Read(doc.Body);
        Assert.Equal(new XmlReadResult(XmlReadStatus.Ok, doc.Type, doc.Code, doc.Message, doc.RequestId), actual);
    }

    [Property(MaxTest = 300, Arbitrary = [typeof(XmlArbitraries)])]
    public void Verbatim_raw_bytes_are_the_decoded_bytes(GeneratedErrorDocument doc)
    {
        Assert.Equal(XmlReadStatus.Ok, XmlErrorReader.Read(doc.Body, out XmlErrorFields fields));
        foreach (XmlText text in new[] { fields.Type, fields.Code, fields.Message, fields.RequestId })
        {
            if (!text.IsPresent)
            {
                continue;
            }

            byte[] decoded = new byte[text.MaxDecodedLength];
            Assert.True(text.TryDecode(doc.Body, decoded, out int written));
            if (text.IsVerbatim)
            {
                Assert.True(text.RawIn(doc.Body).SequenceEqual(decoded.AsSpan(0, written)));
            }
        }
    }

    [Property(MaxTest = 75, Arbitrary = [typeof(XmlArbitraries)])]
    public void Every_proper_prefix_is_malformed_and_total(GeneratedErrorDocument doc)
    {
        for (int length = 0; length < doc.Body.Length; length++)
        {
            XmlReadResult result = XmlTestSupport.Read(doc.Body.AsSpan(0, length));
            if (doc.IsComplete)
            {
                Assert.Equal(XmlReadStatus.Malformed, result.Status);
            }
        }
    }

    [Property(MaxTest = 200, Arbitrary = [typeof(XmlArbitraries)])]
    public void Total_on_mutated_documents(GeneratedErrorDocument doc, byte value, PositiveInt position)
    {
        byte[] changed = [.. doc.Body];
        changed[position.Get % changed.Length] = value;
        ReadAndDecodeEverything(changed);
        byte[] cut = [.. doc.Body[..(position.Get % doc.Body.Length)], .. doc.Body[((position.Get % doc.Body.Length) + 1)..]];
        ReadAndDecodeEverything(cut);
    }

    [Property(MaxTest = 500, Arbitrary = [typeof(XmlArbitraries)])]
    public Property Agrees_with_XDocument_on_every_mutation_it_accepts(GeneratedErrorDocument doc, byte value, PositiveInt position, bool insert)
    {
        // Half the bytes are printable ASCII, so that more mutants stay well-formed.
        byte b = value < 0x80 ? value : (byte)(0x20 + (value % 0x5F));
        int at = position.Get % doc.Body.Length;
        byte[] changed = insert ? [.. doc.Body[..at], b, .. doc.Body[at..]] : [.. doc.Body[..at], b, .. doc.Body[(at + 1)..]];
        (string? Type, string? Code, string? Message, string? RequestId) expected;
        try
        {
            expected = XmlOracle.Fields(changed);
        }
        catch (System.Xml.XmlException)
        {
            return Prop.ToProperty(true).Classify(true, "rejected by XDocument");
        }

        XmlReadResult actual = XmlTestSupport.Read(changed);
        Assert.NotEqual(XmlReadStatus.Malformed, actual.Status);
        Assert.Equal(expected, (actual.Type, actual.Code, actual.Message, actual.RequestId));
        return Prop.ToProperty(true).Classify(true, "accepted by both");
    }

    [Property(MaxTest = 500)]
    public void Total_on_arbitrary_bytes(byte[] body) => ReadAndDecodeEverything(body);

    [Fact]
    public void Total_on_xml_like_bytes() =>
        Prop.ForAll(XmlErrorDocumentGen.XmlishBytes.ToArbitrary(), (byte[] body) => ReadAndDecodeEverything(body))
            .QuickCheckThrowOnFailure();

    /// <summary>Reads, decodes every field, and decodes the whole body as content into buffers of every small size: nothing throws.</summary>
    private static void ReadAndDecodeEverything(byte[] body)
    {
        XmlReadStatus status = XmlErrorReader.Read(body, out XmlErrorFields fields);
        Assert.True(Enum.IsDefined(status));
        foreach (XmlText text in new[] { fields.Type, fields.Code, fields.Message, fields.RequestId })
        {
            _ = text.DecodeToString(body);
            Assert.True(!text.IsPresent || text.Start + text.Length <= body.Length);
        }

        XmlText whole = new(0, body.Length, isVerbatim: false);
        _ = whole.DecodeToString(body);
        for (int size = 0; size < 4; size++)
        {
            OperationStatus decoded = whole.Decode(body, new byte[size], out int written);
            Assert.True(written <= size);
            Assert.True(Enum.IsDefined(decoded));
        }
    }
}
