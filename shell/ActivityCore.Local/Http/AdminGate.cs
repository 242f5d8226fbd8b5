using System;
using ActivityCore.Local.Protocol;
using LanguageExt;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;
using static LanguageExt.Prelude;

namespace ActivityCore.Local.Http;

/// <summary>Why an admin request is refused: its status and a message for the <c>{"error"}</c> body.</summary>
internal sealed record AdminRefusal(int Status, string Message);

/// <summary>
/// Who may call the admin routes. A browser page can send a request to 127.0.0.1 (CSRF) or, through a name rebound to
/// 127.0.0.1, with its own Host (DNS rebinding); it always sends an <c>Origin</c> with a cross-origin POST, and without a
/// preflight it can only send the content types of a form or text/plain. So: the Host must be the endpoint's own (421),
/// no <c>Origin</c> at all (403), a body only as <c>application/json</c> (415), and, when the endpoint verifies
/// signatures, a SigV4 signature with its credentials, as on the AWS route (403).
/// </summary>
internal static class AdminGate
{
    /// <summary>The checks that need no body: Host, Origin, Content-Type. None when they pass.</summary>
    internal static Option<AdminRefusal> Headers(HttpRequest request, HostCheck hosts)
    {
        var host = request.Headers.Host.ToString();
        if (!hosts.Allows(host))
        {
            return new AdminRefusal(StatusCodes.Status421MisdirectedRequest, $"The Host header '{host}' is not an address this endpoint listens on; send Host: {hosts.Expected}.");
        }

        if (request.Headers.ContainsKey(HeaderNames.Origin))
        {
            return new AdminRefusal(StatusCodes.Status403Forbidden, "Admin routes refuse requests that carry an Origin header (cross-origin requests from web pages).");
        }

        var contentType = request.Headers.ContentType.ToString();
        var needsBody = HttpMethods.IsPost(request.Method);
        return (contentType.Length > 0 || needsBody) && !IsJson(contentType)
            ? new AdminRefusal(StatusCodes.Status415UnsupportedMediaType, "Admin routes take only Content-Type: application/json, not '" + contentType + "'.")
            : None;
    }

    /// <summary>The signature check, when the endpoint verifies signatures. None when it passes.</summary>
    internal static Option<AdminRefusal> Signature(HttpRequest request, ReadOnlySpan<byte> body, SigV4Verifier? verifier) =>
        (verifier is null ? None : verifier.Verify(request, body)).Map(static error => new AdminRefusal(error.Status, error.Code + ": " + error.Message));

    /// <summary><c>application/json</c>, with no charset or UTF-8.</summary>
    private static bool IsJson(string contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var parsed)
        && parsed.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
        && (parsed.Charset.Length == 0 || parsed.Charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase));

    /// <summary>A body over the endpoint's limit.</summary>
    internal static AdminRefusal TooLarge { get; } = new(StatusCodes.Status413PayloadTooLarge, ServiceError.TooLarge(LocalStepFunctions.MaxRequestBodyBytes).Message);
}
