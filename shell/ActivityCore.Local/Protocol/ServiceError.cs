using System;
using System.Buffers;
using System.Text.Json;
using LanguageExt;

namespace ActivityCore.Local.Protocol;

/// <summary>
/// An error answer as the service writes it: a status, a code, a message; the body's
/// <c>__type</c> carries the code's Coral namespace (none for the auth errors, as AWS sends them),
/// and the <c>x-amzn-ErrorType</c> header carries the code and the namespace's URL.
/// </summary>
internal sealed record ServiceError(int Status, string Code, string Message)
{
    /// <summary>The <c>resourceName</c> member of <c>TooManyTags</c> and <c>ResourceNotFound</c>: the resource's ARN.</summary>
    internal Option<string> ResourceName { get; init; }

    private const string StatesNamespace = "com.amazonaws.swf.service.v2.model";

    /// <summary>The namespace of a code, or null when AWS sends it bare.</summary>
    internal static string? NamespaceOf(string code) => code switch
    {
        "MissingAuthenticationTokenException" or "UnrecognizedClientException" or "InvalidSignatureException"
            or "IncompleteSignatureException" or "AccessDeniedException" or "ExpiredTokenException" => null,
        "ThrottlingException" or "ServiceUnavailableException" => "com.amazon.coral.availability",
        "ValidationException" => "com.amazon.coral.validate",
        "UnknownOperationException" or "SerializationException" or "InternalFailure" or "ServiceUnavailable"
            or "InternalServerError" or "RequestEntityTooLargeException" or "MisdirectedRequest" => "com.amazon.coral.service",
        _ => StatesNamespace,
    };

    /// <summary>The body's <c>__type</c>.</summary>
    internal string TypeName => NamespaceOf(Code) is { } ns ? ns + "#" + Code : Code;

    /// <summary>The <c>x-amzn-ErrorType</c> header.</summary>
    internal string ErrorTypeHeader =>
        Code + ":http://internal.amazon.com/coral/" + (NamespaceOf(Code) ?? "com.amazon.coral.service") + "/";

    /// <summary>The JSON body.</summary>
    internal byte[] ToJson()
    {
        var buffer = new ArrayBufferWriter<byte>(128 + Message.Length);
        using (var writer = new Utf8JsonWriter(buffer, RequestJson.WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteString("__type", TypeName);
            writer.WriteString("message", Message);
            ResourceName.IfSome(name => writer.WriteString("resourceName", name));
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    internal static ServiceError Client(string code, string message) => new(400, code, message);

    internal static ServiceError Validation(string member, string constraint) =>
        new(400, "ValidationException", $"1 validation error detected: Value at '{member}' failed to satisfy constraint: {constraint}");

    internal static ServiceError Serialization(string message) => new(400, "SerializationException", message);

    /// <summary>A Host that is not the endpoint's own (DNS rebinding): 421, not retryable.</summary>
    internal static ServiceError Misdirected(string host, string expected) =>
        new(421, "MisdirectedRequest", "The Host header '" + Clip(host) + "' is not an address this endpoint listens on; send Host: " + expected + ".");

    /// <summary>A request body over the endpoint's limit: 413, not retryable.</summary>
    internal static ServiceError TooLarge(long limit) =>
        new(413, "RequestEntityTooLargeException", "Request entity too large: the body exceeds " + limit.ToString(System.Globalization.CultureInfo.InvariantCulture) + " bytes.");

    internal static ServiceError InvalidArn(string arn) =>
        Client("InvalidArn", "Invalid Arn: '" + Clip(arn) + "'");

    internal static ServiceError ActivityDoesNotExist(string arn) =>
        Client("ActivityDoesNotExist", "Activity Does Not Exist: '" + Clip(arn) + "'");

    internal static ServiceError ResourceNotFound(string arn) =>
        Client("ResourceNotFound", "Resource not found: '" + Clip(arn) + "'") with { ResourceName = arn };

    internal static ServiceError TooManyTags(string arn, int count) =>
        Client("TooManyTags", "Too many tags: " + count.ToString(System.Globalization.CultureInfo.InvariantCulture) + " (at most 50 a resource)") with { ResourceName = arn };

    internal static ServiceError InvalidToken(string message) => Client("InvalidToken", "Invalid Token: '" + message + "'");

    internal static ServiceError TaskDoesNotExist() => Client("TaskDoesNotExist", "Task Does Not Exist: 'Provided task does not exist anymore'");

    internal static ServiceError TaskTimedOut() => Client("TaskTimedOut", "Task Timed Out: 'Provided task does not exist anymore'");

    /// <summary>The answer to a report whose data the caller may not encrypt with the execution's KMS key.</summary>
    internal static ServiceError KmsAccessDenied() =>
        Client("KmsAccessDeniedException", "Either your KMS key policy or API caller does not have the required permissions.");

    /// <summary>Echo at most 300 characters of a caller's value back.</summary>
    private static string Clip(string value) => value.Length <= 300 ? value : string.Concat(value.AsSpan(0, 300), "...");
}
