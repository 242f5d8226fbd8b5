using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using FsCheck;
using FsCheck.Fluent;

namespace ActivityCore.Tests.Core.Parsing.Xml;

/// <summary>
/// Generators of XML error documents. FsCheck generators choose the shape, the namespace prefix, the
/// field values (arbitrary Unicode scalar values legal in XML 1.0, with many of &lt; &gt; &amp; " ' ] \r)
/// and a layout seed; the seed drives the many small layout choices (escaping per character, CDATA,
/// comments, PIs, extra and decoy elements, attributes, white space, a line feed written as CR LF), so a failing case replays from
/// FsCheck's seed and prints the whole document.
/// </summary>
public static class XmlErrorDocumentGen
{
    /// <summary>A Unicode scalar value that XML 1.0 allows, biased towards the characters that need escaping.</summary>
    public static Gen<int> LegalScalar { get; } = Gen.Frequency(
        (8, Gen.Choose(0x20, 0x7E)),
        (4, Gen.Elements<int>('<', '>', '&', '"', '\'', ']', ';', '#')),
        (2, Gen.Elements<int>('\t', '\n', '\r', ' ')),
        (2, Gen.Choose(0xA0, 0xD7FF)),
        (1, Gen.Choose(0xE000, 0xFFFD)),
        (2, Gen.Choose(0x10000, 0x10FFFF)));

    /// <summary>A string of legal scalar values.</summary>
    public static Gen<string> LegalText { get; } =
        Gen.ArrayOf(LegalScalar).Select(cps => string.Concat(cps.Select(char.ConvertFromUtf32)));

    /// <summary>A field value, or null for an absent field.</summary>
    public static Gen<string?> OptionalText { get; } =
        Gen.Frequency((1, Gen.Constant<string?>(null)), (5, LegalText.Select(s => (string?)s)));

    /// <summary>A whole generated document.</summary>
    public static Gen<GeneratedErrorDocument> Document { get; } =
        from shape in Gen.Elements(ErrorShape.ErrorResponse, ErrorShape.BareError, ErrorShape.Response)
        from prefix in Gen.Elements("", "", "e", "ns1", "aws_x")
        from type in OptionalText
        from code in OptionalText
        from message in OptionalText
        from requestId in OptionalText
        from seed in Gen.Choose(0, int.MaxValue)
        select new DocumentBuilder(new Random(seed), prefix).Build(shape, type, code, message, requestId);

    /// <summary>Bytes that look like XML: fragments of markup, names, references and odd bytes, concatenated.</summary>
    public static Gen<byte[]> XmlishBytes { get; } =
        Gen.ArrayOf(Gen.Elements(
            "<", ">", "</", "/>", "<!--", "-->", "<![CDATA[", "]]>", "<?", "?>", "<!DOCTYPE", "<!", "&", ";", "&#", "&#x",
            "1F600", "0", "65", "lt", "amp", "foo", "Error", "ErrorResponse", "Response", "Errors", "Code", "Message",
            "RequestId", "Type", "e:", ":", "=", "'", "\"", " ", "\r\n", "a", "\u00e9", "\U0001F600", "\uFEFF"))
        .Select(parts => Encoding.UTF8.GetBytes(string.Concat(parts)))
        .SelectMany(bytes => Gen.Choose(0, 255).Select(b => b < 240 ? bytes : [.. bytes, (byte)b, 0xC3]));
}

/// <summary>Registers the generators with FsCheck.Xunit (<c>[Property(Arbitrary = …)]</c>).</summary>
public static class XmlArbitraries
{
    public static Arbitrary<GeneratedErrorDocument> Documents() => Arb.From(XmlErrorDocumentGen.Document);
}

/// <summary>Writes one document; the random source makes the layout choices.</summary>
internal sealed class DocumentBuilder(Random rng, string prefix)
{
    private static readonly string[] ExtraNames = ["Detail", "HostId", "Resource", "x", "Item", "Data"];
    private readonly StringBuilder xml = new();

    public GeneratedErrorDocument Build(ErrorShape shape, string? type, string? code, string? message, string? requestId)
    {
        bool bom = Chance(4);
        if (Chance(2))
        {
            this.xml.Append(Chance(2) ? "<?xml version=\"1.0\" encoding=\"UTF-8\"?>" : "<?xml version='1.0'?>");
        }

        Misc();
        string rootAttributes = (prefix.Length > 0 ? $" xmlns:{prefix}=\"urn:{prefix}\"" : "") + (Chance(2) ? " xmlns=\"urn:default\"" : "") + (Chance(3) ? " a='1>2' b=\"'\"" : "");
        List<Action> errorChildren = [];
        AddField(errorChildren, "Type", type);
        AddField(errorChildren, "Code", code);
        AddField(errorChildren, Chance(3) ? "message" : "Message", message);
        if (shape == ErrorShape.BareError)
        {
            AddField(errorChildren, "RequestId", requestId);
        }

        Action error = () => Element("Error", "", () => Children(errorChildren, Decoys(code, message)));
        Action decoyError = () => Element("Error", "", () => Field("Code", "decoy error"));
        switch (shape)
        {
            case ErrorShape.BareError:
                Element("Error", rootAttributes, () => Children(errorChildren, Decoys(code, message)));
                break;
            case ErrorShape.ErrorResponse:
                List<Action> rootChildren = [error];
                AddField(rootChildren, "RequestId", requestId);
                Element("ErrorResponse", rootAttributes, () => Children(rootChildren, Chance(3) ? decoyError : null));
                break;
            default:
                List<Action> responseChildren = [() => Element("Errors", "", () => Children([error], Chance(3) ? decoyError : null))];
                if (Chance(4))
                {
                    responseChildren.Add(() => Element("Errors", "", () => Misc()));
                }

                AddField(responseChildren, Chance(2) ? "RequestID" : "RequestId", requestId);
                Element("Response", rootAttributes, () => Children(responseChildren, null));
                break;
        }

        bool complete = Chance(2);
        if (!complete)
        {
            Misc();
            this.xml.Append('\n');
        }

        return new GeneratedErrorDocument(this.xml.ToString(), bom, shape, type, code, message, requestId, complete);
    }

    private bool Chance(int oneIn) => rng.Next(oneIn) == 0;

    private string Name(string local) => prefix.Length > 0 && !Chance(4) ? prefix + ":" + local : local;

    private void AddField(List<Action> children, string name, string? value)
    {
        if (value is not null)
        {
            children.Add(() => Field(name, value));
        }
    }

    /// <summary>Decoy duplicates that must lose to the first occurrence: only of fields that are present.</summary>
    private Action? Decoys(string? code, string? message) =>
        code is not null && Chance(3) ? () => Field("Code", "decoy code")
        : message is not null && Chance(3) ? () => Field("Message", "decoy message")
        : null;

    /// <summary>Writes the children in a random order with extra elements among them, then the decoy.</summary>
    private void Children(List<Action> children, Action? decoy)
    {
        List<Action> all = [.. children];
        for (int i = rng.Next(3); i > 0; i--)
        {
            all.Add(() => Extra(1));
        }

        foreach (Action child in all.OrderBy(_ => rng.Next()).ToList())
        {
            Misc();
            child();
        }

        decoy?.Invoke();
        Misc();
    }

    private void Element(string local, string attributes, Action content)
    {
        string name = Name(local);
        this.xml.Append('<').Append(name).Append(attributes).Append('>');
        content();
        this.xml.Append("</").Append(name).Append(Chance(8) ? " >" : ">");
    }

    private void Field(string local, string value)
    {
        string name = Name(local);
        string attributes = Chance(5) ? " lang='en'" : "";
        if (value.Length == 0 && Chance(2))
        {
            this.xml.Append('<').Append(name).Append(attributes).Append(Chance(2) ? "/>" : " />");
            return;
        }

        this.xml.Append('<').Append(name).Append(attributes).Append('>');
        Encode(value);
        this.xml.Append("</").Append(name).Append('>');
    }

    /// <summary>An unknown element, possibly with attributes, text, nested unknowns and nested decoy fields.</summary>
    private void Extra(int depth)
    {
        string name = Name(ExtraNames[rng.Next(ExtraNames.Length)]);
        string attributes = Chance(2) ? " k=\"v>w\" q='\"'" : "";
        if (Chance(4))
        {
            this.xml.Append('<').Append(name).Append(attributes).Append("/>");
            return;
        }

        this.xml.Append('<').Append(name).Append(attributes).Append('>');
        switch (depth < 3 ? rng.Next(4) : 0)
        {
            case 0: this.xml.Append("some &amp; text"); break;
            case 1: Extra(depth + 1); Extra(depth + 1); break;
            case 2: Field("Code", "nested decoy"); break;
            default: Element("Error", "", () => Field("Message", "nested decoy")); break;
        }

        this.xml.Append("</").Append(name).Append('>');
    }

    /// <summary>Optional white space, comments and processing instructions (allowed anywhere between elements).</summary>
    private void Misc()
    {
        switch (rng.Next(6))
        {
            case 0: this.xml.Append("\n  "); break;
            case 1: this.xml.Append("<!-- a comment -> with > and & -->"); break;
            case 2: this.xml.Append("<?pi some data?>"); break;
            default: break;
        }
    }

    /// <summary>Escapes a value, choosing per run of characters among raw text, entities, character references and CDATA.</summary>
    private void Encode(string value)
    {
        int[] scalars = [.. EnumerateScalars(value)];
        int i = 0;
        while (i < scalars.Length)
        {
            int run = 1 + rng.Next(Math.Min(8, scalars.Length - i));
            int mode = rng.Next(5);
            if (Chance(8))
            {
                this.xml.Append(Chance(2) ? "<!--c-->" : "<?p?>");
            }

            if (mode == 4)
            {
                string chars = string.Concat(scalars.Skip(i).Take(run).Select(char.ConvertFromUtf32));
                string lineEnd = Chance(2) ? "\r\n" : "\n";
                this.xml.AppendJoin("&#13;", chars.Split('\r').Select(part => "<![CDATA[" + part.Replace("]]>", "]]]]><![CDATA[>", StringComparison.Ordinal).Replace("\n", lineEnd, StringComparison.Ordinal) + "]]>"));
            }
            else
            {
                for (int j = i; j < i + run; j++)
                {
                    EncodeScalar(scalars[j], mode);
                }
            }

            i += run;
        }
    }

    private void EncodeScalar(int scalar, int mode)
    {
        switch (mode)
        {
            case 2:
                this.xml.Append("&#").Append(Chance(3) ? "00" : "").Append(scalar.ToString(CultureInfo.InvariantCulture)).Append(';');
                return;
            case 3:
                this.xml.Append("&#x").Append(scalar.ToString(Chance(2) ? "X" : "x4", CultureInfo.InvariantCulture)).Append(';');
                return;
            default:
                this.xml.Append(scalar switch
                {
                    '<' => "&lt;",
                    '&' => "&amp;",
                    '>' => "&gt;",
                    '\r' => "&#13;",
                    '\n' when Chance(2) => "\r\n",
                    '"' when mode == 1 => "&quot;",
                    '\'' when mode == 1 => "&apos;",
                    _ => char.ConvertFromUtf32(scalar),
                });
                return;
        }
    }

    private static IEnumerable<int> EnumerateScalars(string value)
    {
        for (int i = 0; i < value.Length; i += char.IsSurrogatePair(value, i) ? 2 : 1)
        {
            yield return char.ConvertToUtf32(value, i);
        }
    }
}
