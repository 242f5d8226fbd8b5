using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.InteropServices;
using System.Text;
using ActivityCore.Errors;
using ActivityCore.Operations;
using ActivityCore.Parsing;
using ActivityCore.Parsing.Xml;
using ActivityCore.Signing;
using LanguageExt;

namespace ActivityCore.Fuzz;

/// <summary>
/// The fuzz targets: one per parser family of the core. Each takes arbitrary bytes, calls the parser and checks the
/// invariants that must hold for every input. A target never catches: any exception that escapes (a parser that
/// throws, or a broken invariant, reported as <see cref="FuzzInvariantException"/>) is a crash for the fuzzer and a
/// failure for the replay tests.
/// </summary>
public static class FuzzTargets
{
    private static readonly int[] Statuses = [200, 400, 500, 503, 404, 413, 204, 302];

    /// <summary>The targets by name, in the order they are documented.</summary>
    public static IReadOnlyList<FuzzTarget> All { get; } =
    [
        new("json-error", "ErrorDocument.ParseJson over a body, with an optional X-Amzn-ErrorType header", JsonError),
        new("json-error-diff", "JsonErrorScanner against its Utf8JsonReader oracle (JsonErrorOracle): same status, same fields, same document", JsonErrorDifferential),
        new("xml-error", "ErrorDocument.ParseXml over a body", XmlError),
        new("xml-error-diff", "XmlErrorReader against its byte-by-byte oracle (XmlErrorOracle): same status, same fields, same document", XmlErrorDifferential),
        new("response", "ParseResponse of each of the eleven operations, under each status class, JSON and XML", Response),
        new("values", "Parse of every validated value, TaskFailure.Create/Bounded, ListActivitiesRequest, Tag, TagKeys, EncryptionConfiguration and Endpoints.Resolve", Values),
        new("sigv4", "SigV4.Canonicalize over a request as the local endpoint receives it (method, path, query, headers)", SigV4Request),
    ];

    /// <summary>Finds a target by name.</summary>
    /// <param name="name">The target's name, e.g. <c>json-error</c>.</param>
    /// <returns>The target, or <see langword="null"/> when no target has that name.</returns>
    public static FuzzTarget? Find(string name) => All.FirstOrDefault(t => t.Name == name);

    /// <summary>
    /// <c>json-error</c>: when the input has a line feed in its first 128 bytes, the bytes before it are the
    /// <c>X-Amzn-ErrorType</c> header (decoded as Latin-1, as a header value is) and the rest is the body.
    /// </summary>
    /// <param name="input">The fuzzer's bytes.</param>
    public static void JsonError(ReadOnlySpan<byte> input)
    {
        var header = HeaderOf(input, out var body);
        var document = ErrorDocument.ParseJson(body, header);
        Require(document.Equals(ErrorDocument.ParseJson(body, header)), "ParseJson is deterministic");
        CheckDocument(document);
    }

    /// <summary>
    /// <c>json-error-diff</c>: framed as <c>json-error</c>. The scanner behind <see cref="ErrorDocument.ParseJson"/> and
    /// the <c>Utf8JsonReader</c> pass it replaced must agree on the status, on the raw range of every field, and on the
    /// document; the document must also pass <c>json-error</c>'s checks.
    /// </summary>
    /// <param name="input">The fuzzer's bytes.</param>
    public static void JsonErrorDifferential(ReadOnlySpan<byte> input)
    {
        var header = HeaderOf(input, out var body);
        ReadOnlySpan<byte> json = JsonBody.WithoutBom(body);
        var scanned = default(JsonErrorFields);
        var read = default(JsonErrorFields);
        Require(JsonErrorScanner.Scan(json, ref scanned) == JsonErrorOracle.Read(json, ref read), "scanner and oracle agree on the status");
        Require(Same(scanned.Type, read.Type) && Same(scanned.Code, read.Code), "scanner and oracle agree on __type and code");
        Require(Same(scanned.Message, read.Message) && Same(scanned.KmsKeyState, read.KmsKeyState) && Same(scanned.ResourceName, read.ResourceName), "scanner and oracle agree on message, kmsKeyState and resourceName");
        var document = ErrorDocument.ParseJson(body, header);
        Require(document.Equals(JsonErrorOracle.ParseJson(body, header)), "scanner and oracle give the same document");
        CheckDocument(document);
    }

    private static bool Same(JsonStringRange a, JsonStringRange b) =>
        a.Found == b.Found && a.Start == b.Start && a.Length == b.Length && a.Escaped == b.Escaped;

    /// <summary><c>xml-error</c>: the whole input is the body.</summary>
    /// <param name="input">The fuzzer's bytes.</param>
    public static void XmlError(ReadOnlySpan<byte> input)
    {
        var document = ErrorDocument.ParseXml(input);
        Require(document.Equals(ErrorDocument.ParseXml(input)), "ParseXml is deterministic");
        CheckDocument(document);
        Require(document.Status != ErrorBodyStatus.DoctypeRefused || document.Code.IsNone, "a refused DOCTYPE yields no code");
    }

    /// <summary>
    /// <c>xml-error-diff</c>: the whole input is the body. The reader behind <see cref="ErrorDocument.ParseXml"/> and
    /// the byte-by-byte reader it replaced must agree on the status, on the range and verbatim flag of every field, and
    /// on the document; the document must also pass <c>xml-error</c>'s checks.
    /// </summary>
    /// <param name="input">The fuzzer's bytes.</param>
    public static void XmlErrorDifferential(ReadOnlySpan<byte> input)
    {
        var status = XmlErrorReader.Read(input, out XmlErrorFields fast);
        Require(status == XmlErrorOracle.Read(input, out XmlErrorFields oracle), "reader and oracle agree on the status");
        Require(Same(fast.Type, oracle.Type) && Same(fast.Code, oracle.Code), "reader and oracle agree on Type and Code");
        Require(Same(fast.Message, oracle.Message) && Same(fast.RequestId, oracle.RequestId), "reader and oracle agree on Message and RequestId");
        var document = ErrorDocument.ParseXml(input);
        Require(document.Equals(XmlErrorOracle.ParseXml(input)), "reader and oracle give the same document");
        CheckDocument(document);
        Require(document.Status != ErrorBodyStatus.DoctypeRefused || document.Code.IsNone, "a refused DOCTYPE yields no code");
    }

    private static bool Same(XmlText a, XmlText b) =>
        a.IsPresent == b.IsPresent && a.Start == b.Start && a.Length == b.Length && a.IsVerbatim == b.IsVerbatim;

    /// <summary>
    /// <c>response</c>: byte 0 picks the operation (low 3 bits, plus 8 when bits 4-5 are 01: the tag operations) and the
    /// format (bit 3: XML); byte 1 picks the status
    /// (low 3 bits) and whether bytes up to the first line feed are an <c>X-Amzn-ErrorType</c> header (bit 3); the
    /// rest is the body.
    /// </summary>
    /// <param name="input">The fuzzer's bytes.</param>
    public static void Response(ReadOnlySpan<byte> input)
    {
        if (input.Length < 2)
        {
            return;
        }

        int operation = (input[0] & 7) + (((input[0] >> 4) & 3) == 1 ? 8 : 0);
        bool isXml = (input[0] & 8) != 0;
        int status = Statuses[input[1] & 7];
        var body = input[2..];
        var header = (input[1] & 8) != 0 ? HeaderOf(input[2..], out body) : null;
        bool succeeded = operation switch
        {
            0 => Checked(GetActivityTask.ParseResponse(status, header, body, isXml), task => task.IfSome(CheckTask)),
            1 => Checked(SendTaskSuccess.ParseResponse(status, header, body, isXml), NothingToCheck),
            2 => Checked(SendTaskFailure.ParseResponse(status, header, body, isXml), NothingToCheck),
            3 => Checked(SendTaskHeartbeat.ParseResponse(status, header, body, isXml), NothingToCheck),
            4 => Checked(CreateActivity.ParseResponse(status, header, body, isXml), created => Require(ActivityArn.Parse(created.ActivityArn.Value).IsRight, "a created ARN is a valid ARN")),
            5 => Checked(DescribeActivity.ParseResponse(status, header, body, isXml), info => Require(ActivityArn.Parse(info.ActivityArn.Value).IsRight, "a described ARN is a valid ARN")),
            6 => Checked(ListActivities.ParseResponse(status, header, body, isXml), page => Require(page.Activities.All(a => ActivityArn.Parse(a.ActivityArn.Value).IsRight), "listed ARNs are valid ARNs")),
            8 => Checked(TagResource.ParseResponse(status, header, body, isXml), NothingToCheck),
            9 => Checked(UntagResource.ParseResponse(status, header, body, isXml), NothingToCheck),
            10 => Checked(ListTagsForResource.ParseResponse(status, header, body, isXml), tags => Require(tags.All(static t => t.Key is not null && t.Value is not null), "listed tags have a key and a value")),
            _ => Checked(DeleteActivity.ParseResponse(status, header, body, isXml), NothingToCheck),
        };

        Require(status is >= 200 and < 300 || !succeeded, "an error status never parses as a success");
    }

    /// <summary>
    /// <c>values</c>: byte 0 holds flags (FIPS, dual-stack) and bytes 1–4 a page size; the rest, read as UTF-16 code
    /// units (so lone surrogates occur), is handed to every validated value's parser.
    /// </summary>
    /// <param name="input">The fuzzer's bytes.</param>
    public static void Values(ReadOnlySpan<byte> input)
    {
        if (input.Length < 5)
        {
            return;
        }

        byte flags = input[0];
        int maxResults = BitConverter.ToInt32(input[1..5]);
        var units = MemoryMarshal.Cast<byte, char>(input[5..(5 + ((input.Length - 5) & ~1))]);
        string text = new(units);

        ActivityArn.Parse(text).IfRight(v => Require(v.Value == text, "an ARN keeps its text"));
        ActivityName.Parse(text).IfRight(v => Require(v.Value == text, "a name keeps its text"));
        WorkerName.Parse(text).IfRight(v => Require(v.Value == text, "a worker name keeps its text"));
        TaskToken.Parse(text).IfRight(v => CheckToken(v, text));
        TaskInput.Parse(text).IfRight(v => Require(v.Json == text, "an input keeps its text"));
        TaskOutput.Parse(text).IfRight(v => Require(v.Json == text && v.Utf8Length == Encoding.UTF8.GetByteCount(text), "an output keeps its text and measures it"));

        var some = Prelude.Some(text);
        TaskFailure.Create(some, some).IfRight(f => Require(f.Error == some && f.Cause == some, "a failure keeps its text"));
        var bounded = TaskFailure.Bounded(text, text);
        Require(TaskFailure.Create(bounded.Error, bounded.Cause).IsRight, "Bounded always gives a failure that Create accepts");

        ListActivitiesRequest.Create(maxResults, some).IfRight(r => Require(r.MaxResults == maxResults, "a page size is kept"));
        Tag.Create(text, text).IfRight(t => Require(t.Key == text && t.Value == text, "a tag keeps its text"));
        TagKeys.Create([text]).IfRight(k => Require(k.Count == 1 && k[0] == text, "a tag key is kept"));
        EncryptionConfiguration.CustomerManaged(text, Prelude.Some(maxResults))
            .IfRight(c => Require(c.KmsKeyId == some && c.KmsDataKeyReusePeriodSeconds == Prelude.Some(maxResults), "a configuration keeps its key and period"));
        Endpoints.Resolve(text, (flags & 1) != 0, (flags & 2) != 0, Option<Uri>.None)
            .IfRight(uri => Require(uri.Scheme == Uri.UriSchemeHttps && uri.Host.Contains(text, StringComparison.OrdinalIgnoreCase), "a resolved endpoint is https and names its region"));
    }

    /// <summary>
    /// <c>sigv4</c>: the input, decoded as UTF-8, is a request as <c>LocalStepFunctions</c>' verifier receives it:
    /// line 1 the method, line 2 the path, line 3 the query, then one <c>name:value</c> header per line.
    /// </summary>
    /// <param name="input">The fuzzer's bytes.</param>
    public static void SigV4Request(ReadOnlySpan<byte> input)
    {
        string[] lines = Encoding.UTF8.GetString(input).Split('\n');
        string Line(int i) => i < lines.Length ? lines[i] : string.Empty;
        var headers = lines.Skip(3)
            .Select(line => line.Split(':', 2))
            .Where(parts => IsHttpToken(parts[0])) // what reaches the verifier: Kestrel refuses any other header name
            .Select(parts => KeyValuePair.Create(parts[0], parts.Length > 1 ? parts[1] : string.Empty))
            .ToList();
        var canonical = SigV4.Canonicalize(Line(0), Line(1), Line(2), headers, SigV4.EmptyPayloadHash);
        Require(canonical == SigV4.Canonicalize(Line(0), Line(1), Line(2), headers, SigV4.EmptyPayloadHash), "Canonicalize is deterministic");
        string[] signed = canonical.SignedHeaders.Split(';');
        Require(headers.Count == 0 || signed.SequenceEqual(signed.Order(StringComparer.Ordinal).Distinct()), "signed headers are sorted and distinct");
        Require(signed.All(name => string.Equals(name, name.ToLowerInvariant(), StringComparison.Ordinal)), "signed headers are lower case");
        Require(canonical.Text.EndsWith("\n" + canonical.SignedHeaders + "\n" + SigV4.EmptyPayloadHash, StringComparison.Ordinal), "the canonical request ends with the signed headers and the payload hash");
        Require(SigV4.StringToSign("20261125T000000Z", "20261125/us-east-1/states/aws4_request", canonical.Text).Length > 0, "a string to sign is built");
    }

    /// <summary>
    /// Whether a message still quotes a value after <c>x-amz-security-token:</c>/<c>=</c> or <c>signature=</c>: anything
    /// but nothing, a value end (line, quote, separator, markup) or the redaction marker.
    /// </summary>
    private static bool QuotesASecret(string message)
    {
        foreach (var (name, separators) in new[] { ("x-amz-security-token", ":="), ("signature=", "") })
        {
            for (int at = message.IndexOf(name, StringComparison.OrdinalIgnoreCase); at >= 0; at = message.IndexOf(name, at + 1, StringComparison.OrdinalIgnoreCase))
            {
                int value = at + name.Length;
                if (separators.Length > 0)
                {
                    if (value >= message.Length || !separators.Contains(message[value], StringComparison.Ordinal))
                    {
                        continue;
                    }

                    value++;
                }

                ReadOnlySpan<char> rest = message.AsSpan(value).TrimStart(' ');
                if (rest.Length > 0 && "\n\r'\"&,; <>".IndexOf(rest[0], StringComparison.Ordinal) < 0 && !rest.StartsWith("(redacted)", StringComparison.Ordinal))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>An RFC 9110 token: the only header names an HTTP server hands on.</summary>
    private static bool IsHttpToken(string name) =>
        name.Length > 0 && name.AsSpan().IndexOfAnyExcept(HttpTokenCharacters) < 0;

    private static readonly System.Buffers.SearchValues<char> HttpTokenCharacters =
        System.Buffers.SearchValues.Create("!#$%&'*+-.^_`|~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz");

    private static string? HeaderOf(ReadOnlySpan<byte> input, out ReadOnlySpan<byte> body)
    {
        int newline = input[..Math.Min(input.Length, 128)].IndexOf((byte)'\n');
        body = newline < 0 ? input : input[(newline + 1)..];
        return newline < 0 ? null : Encoding.Latin1.GetString(input[..newline]);
    }

    /// <summary>Checks an answer (its success with <paramref name="checkSuccess"/>, its error with <see cref="CheckError"/>) and tells whether it succeeded.</summary>
    private static bool Checked<TError, T>(Either<TError, T> answer, Action<T> checkSuccess)
        where TError : IOperationError
    {
        answer.Match(checkSuccess, error => CheckError(error));
        return answer.IsRight;
    }

    private static void NothingToCheck(Unit unit)
    {
    }

    private static void CheckDocument(ErrorDocument document)
    {
        document.Code.IfSome(CheckCode);
        document.Message.IfSome(message => Require(!QuotesASecret(message), "a message never quotes a session token or a signature"));
        bool bodyUnread = document.Status is ErrorBodyStatus.Empty or ErrorBodyStatus.NotAnErrorDocument or ErrorBodyStatus.DoctypeRefused;
        Require(
            !bodyUnread || (document.Message.IsNone && document.KmsKeyState.IsNone && document.RequestId.IsNone && document.CodeSource is ErrorCodeSource.None or ErrorCodeSource.Header),
            "a body that was not read yields no field");
        Require(document.Code.IsSome == (document.CodeSource != ErrorCodeSource.None), "a code has a source, and only a code");
    }

    private static void CheckCode(string code)
    {
        Require(code.Length > 0, "a code is never empty");
        Require(ErrorCodes.Sanitize(code.AsSpan()).SequenceEqual(code), "a code is already sanitised");
    }

    private static void CheckError(IOperationError error)
    {
        CheckCode(error.Code);
        Require(error.IsRetryable == error.Kind.IsRetryable(), "IsRetryable follows the kind");
        Require(Enum.IsDefined(error.Kind), "the kind is a defined ErrorKind");
    }

    private static void CheckTask(ActivityTask task)
    {
        Require(task.Token.Length > 0, "a task's token is never empty");
        CheckToken(task.Token, task.Token.Reveal());
        // The input is handed over as the service sent it (not re-parsed, as TaskInput documents), so only its redaction is checked.
        Require(task.Input.Json.Length < 8 || !task.Input.ToString().Contains(task.Input.Json, StringComparison.Ordinal), "a task's input ToString redacts it");
    }

    private static void CheckToken(TaskToken token, string text)
    {
        Require(token.Reveal() == text, "a token keeps its text");
        Require(text.Length < 8 || !token.ToString().Contains(text, StringComparison.Ordinal), "a token's ToString redacts it");
    }

    private static void Require(bool condition, string invariant)
    {
        if (!condition)
        {
            throw new FuzzInvariantException(invariant);
        }
    }
}
