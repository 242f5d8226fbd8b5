using System;
using System.Linq;
using System.Text;
using FsCheck;
using FsCheck.Fluent;

namespace ActivityCore.Tests.Core;

/// <summary>FsCheck generators shared by the core's properties.</summary>
internal static class Generators
{
    /// <summary>The modeled codes of every operation (DESIGN.md's table).</summary>
    public static readonly string[] ModeledCodes =
    [
        "ActivityDoesNotExist", "ActivityWorkerLimitExceeded", "InvalidArn", "KmsAccessDeniedException",
        "KmsInvalidStateException", "KmsThrottlingException", "InvalidOutput", "InvalidToken", "TaskDoesNotExist",
        "TaskTimedOut", "ActivityAlreadyExists", "ActivityLimitExceeded", "InvalidEncryptionConfiguration",
        "InvalidName", "TooManyTags", "ResourceNotFound",
    ];

    /// <summary>Any Unicode scalar value, as a string of one or two UTF-16 units; weighted towards ASCII, quotes and escapes.</summary>
    public static Gen<string> Scalar(bool xmlSafe) =>
        Gen.Frequency(
            (6, Gen.Choose(0x20, 0x7E)),
            (2, Gen.Elements(0x22, 0x5C, 0x2F, 0x3C, 0x3E, 0x26, 0x27, 0x09, 0x0A)),
            (1, xmlSafe ? Gen.Choose(0x20, 0x20) : Gen.Choose(0x00, 0x1F)),
            (2, Gen.Choose(0xA0, 0xD7FF)),
            (1, Gen.Choose(0xE000, 0xFFFD)),
            (2, Gen.Choose(0x10000, 0x10FFFF)))
        .Select(cp => char.ConvertFromUtf32(cp));

    /// <summary>A message: any sequence of scalar values (no lone surrogates: they have no UTF-8 form).</summary>
    public static Gen<string> Message(bool xmlSafe) =>
        Gen.ListOf(Scalar(xmlSafe)).Select(parts => string.Concat(parts));

    /// <summary>A namespace prefix as services send them, or none.</summary>
    public static Gen<string> NamespacePrefix =>
        Gen.OneOf(
            Gen.Constant(string.Empty),
            Gen.Elements("com.amazonaws.swf.service.v2.model#", "aws.protocoltests.json10#", "a.b#c#"),
            Gen.Choose(1, 12).SelectMany(n => Gen.ArrayOf(Gen.Elements("abcdefghijklmnopqrstuvwxyz.".ToCharArray()), n))
                .Select(chars => new string(chars) + "#"));

    /// <summary>A suffix the sanitiser must cut: a URL after ':', or anything after ','.</summary>
    public static Gen<string> Suffix =>
        Gen.Elements(
            string.Empty,
            ":http://internal.amazon.com/coral/com.amazonaws.swf.service.v2.model/",
            ":",
            ",extra",
            ":http://a#b,c");

    /// <summary>Every byte sequence, weighted towards JSON- and XML-looking ones.</summary>
    public static Gen<byte[]> Bytes =>
        Gen.OneOf(
            ArbMap.Default.ArbFor<byte[]>().Generator,
            Gen.ListOf(Gen.Elements("{", "}", "[", "]", "\"", ":", ",", "__type", "message", "\\u", "\\", "d8", "null", "1", " ", "<", ">", "/", "Error", "Code", "&", ";", "#x", "!--", "![CDATA[", "?", "\xFF"))
                .Select(parts => Encoding.UTF8.GetBytes(string.Concat(parts))));

    /// <summary>UTF-8 bytes of a string.</summary>
    public static byte[] Utf8(string s) => Encoding.UTF8.GetBytes(s);

    /// <summary>All the prefixes of a byte array (each a truncation).</summary>
    public static byte[][] Prefixes(byte[] bytes) => Enumerable.Range(0, bytes.Length).Select(n => bytes[..n]).ToArray();
}
