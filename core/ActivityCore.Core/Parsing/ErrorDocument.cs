using System;
using ActivityCore.Errors;
using LanguageExt;

namespace ActivityCore.Parsing;

/// <summary>How much of an error answer's body could be read.</summary>
public enum ErrorBodyStatus
{
    /// <summary>The body was read as an error document (it may still lack a code or a message).</summary>
    Parsed,

    /// <summary>The body was empty (or only whitespace).</summary>
    Empty,

    /// <summary>The body is not an error document of the expected format (e.g. HTML from a proxy, XML without an <c>Error</c> element).</summary>
    NotAnErrorDocument,

    /// <summary>The body is malformed or truncated JSON or XML, or nests deeper than the documented bound.</summary>
    Malformed,

    /// <summary>The XML body has a DOCTYPE, which is refused: no entity is ever expanded.</summary>
    DoctypeRefused,
}

/// <summary>Where an error code was found.</summary>
public enum ErrorCodeSource
{
    /// <summary>No code was found.</summary>
    None,

    /// <summary>The JSON body's <c>__type</c> field.</summary>
    BodyType,

    /// <summary>The JSON body's <c>code</c> field.</summary>
    BodyCode,

    /// <summary>The <c>x-amzn-ErrorType</c> header.</summary>
    Header,

    /// <summary>The XML body's <c>Code</c> element.</summary>
    XmlCode,
}

/// <summary>
/// An AWS error answer's body, read: the sanitised code, the message, and the extra fields the activity
/// operations use. Produced by <see cref="ParseJson"/> (AWS JSON 1.0) and <c>ParseXml</c> (the XML
/// that proxies and older stacks send). Both are total: every byte sequence gives a value, none throws.
/// </summary>
/// <remarks>
/// Code precedence for JSON 1.0: body <c>__type</c>, then body <c>code</c>, then the <c>x-amzn-ErrorType</c>
/// header; a field that is not a string, or whose sanitised value is empty, counts as absent. Duplicate keys:
/// the first occurrence of each field wins. <c>message</c> and <c>Message</c> are both read; the first present
/// one wins. A known code costs no allocation (the code is one of <see cref="ErrorCodes"/>' constants); the
/// only allocations of a parse are the strings handed back (an unknown code, the message, the extra fields).
/// <c>default(ErrorDocument)</c> is an empty body with no code. Immutable and thread-safe.
/// </remarks>
public readonly partial struct ErrorDocument : IEquatable<ErrorDocument>
{
    internal ErrorDocument(
        ErrorBodyStatus status, Option<string> code, ErrorCodeSource codeSource, Option<string> message,
        Option<string> kmsKeyState, Option<string> requestId, Option<string> faultType)
        : this(status, code, codeSource, message, kmsKeyState, requestId, faultType, Option<string>.None)
    {
    }

    internal ErrorDocument(
        ErrorBodyStatus status, Option<string> code, ErrorCodeSource codeSource, Option<string> message,
        Option<string> kmsKeyState, Option<string> requestId, Option<string> faultType, Option<string> resourceName)
    {
        Status = status;
        Code = code;
        CodeSource = codeSource;
        Message = message;
        KmsKeyState = kmsKeyState;
        RequestId = requestId;
        FaultType = faultType;
        ResourceName = resourceName;
    }

    /// <summary>How much of the body could be read.</summary>
    public ErrorBodyStatus Status { get; }

    /// <summary>The sanitised code (no <c>namespace#</c> prefix, no <c>:</c> suffix), if one was found.</summary>
    public Option<string> Code { get; }

    /// <summary>Where <see cref="Code"/> came from.</summary>
    public ErrorCodeSource CodeSource { get; }

    /// <summary>
    /// The message (<c>message</c> or <c>Message</c> in JSON, <c>Message</c> in XML), with any session token or
    /// signature it quotes from the request (as AWS's <c>InvalidSignatureException</c> quotes the canonical request)
    /// replaced by <c>(redacted)</c>.
    /// </summary>
    public Option<string> Message { get; }

    /// <summary>The <c>kmsKeyState</c> field of a <c>KmsInvalidStateException</c>.</summary>
    public Option<string> KmsKeyState { get; }

    /// <summary>The <c>resourceName</c> field of a <c>TooManyTags</c> or <c>ResourceNotFound</c> (the resource's ARN).</summary>
    public Option<string> ResourceName { get; }

    /// <summary>The request id an XML body carries (<c>RequestId</c>); JSON answers carry it in the <c>x-amzn-RequestId</c> header instead.</summary>
    public Option<string> RequestId { get; }

    /// <summary>The XML <c>Type</c> element: <c>Sender</c> or <c>Receiver</c>.</summary>
    public Option<string> FaultType { get; }

    /// <summary>The extra fields, as the error unions take them.</summary>
    internal ErrorFields Fields => new(KmsKeyState, ResourceName);

    /// <inheritdoc/>
    public bool Equals(ErrorDocument other) =>
        Status == other.Status && Code == other.Code && CodeSource == other.CodeSource && Message == other.Message
        && KmsKeyState == other.KmsKeyState && RequestId == other.RequestId && FaultType == other.FaultType
        && ResourceName == other.ResourceName;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is ErrorDocument other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Status, Code, Message, KmsKeyState, RequestId, FaultType, ResourceName);

    /// <summary>Value equality.</summary>
    /// <param name="left">A document.</param>
    /// <param name="right">Another.</param>
    /// <returns>Whether they are equal.</returns>
    public static bool operator ==(ErrorDocument left, ErrorDocument right) => left.Equals(right);

    /// <summary>Value inequality.</summary>
    /// <param name="left">A document.</param>
    /// <param name="right">Another.</param>
    /// <returns>Whether they differ.</returns>
    public static bool operator !=(ErrorDocument left, ErrorDocument right) => !left.Equals(right);

    /// <summary>Returns the status, code and message.</summary>
    /// <returns>A description.</returns>
    public override string ToString() =>
        $"ErrorDocument({Status}, Code = {Code.IfNone("(none)")}, Message = {Message.IfNone("(none)")})";
}
