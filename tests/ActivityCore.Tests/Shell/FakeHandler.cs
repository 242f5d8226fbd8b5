using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using ActivityCore.Operations;
using ActivityCore.Signing;
using Amazon.Runtime.Internal.Auth;

namespace ActivityCore.Tests.Shell;

/// <summary>A request as the fake server saw it, with its signature checked.</summary>
internal sealed record Received(Uri Uri, IReadOnlyDictionary<string, string> Headers, byte[] Body, bool SignatureValid)
{
    public string Target => Headers.TryGetValue("X-Amz-Target", out var t) ? t : "";

    public string Json => Encoding.UTF8.GetString(Body);

    public string AmzDate => Headers["X-Amz-Date"];
}

/// <summary>An in-test HTTP server: canned answers, delays, exceptions; records every request and verifies its SigV4 signature.</summary>
internal sealed class FakeHandler(Func<Received, int, CancellationToken, Task<HttpResponseMessage>> respond) : HttpMessageHandler
{
    public const string AccessKey = "AKIDFAKEFAKEFAKE";
    public const string SecretKey = "fake/secret/key+for+tests/only000000000";

    private int count;

    public ConcurrentQueue<Received> Requests { get; } = new();

    public TaskCompletionSource<Received> FirstRequest { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public static FakeHandler Always(Func<HttpResponseMessage> answer) => new((_, _, _) => Task.FromResult(answer()));

    public static FakeHandler Sequence(params Func<HttpResponseMessage>[] answers) =>
        new((_, n, _) => Task.FromResult(answers[Math.Min(n, answers.Length - 1)]()));

    public static HttpResponseMessage Json(int status, string body, string? errorType = null, string requestId = "req-0001")
    {
        var response = new HttpResponseMessage((HttpStatusCode)status)
        {
            Content = new StringContent(body, Encoding.UTF8, "application/x-amz-json-1.0"),
        };
        response.Headers.TryAddWithoutValidation("x-amzn-RequestId", requestId);
        if (errorType is not null)
        {
            response.Headers.TryAddWithoutValidation("x-amzn-ErrorType", errorType);
        }

        return response;
    }

    public static HttpResponseMessage Error(int status, string code, string message = "it failed", string requestId = "req-0001") =>
        Json(status, $"{{\"__type\":\"com.amazonaws.swf.service.v2.model#{code}\",\"message\":\"{message}\"}}", requestId: requestId);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        byte[] body = request.Content is null ? [] : await request.Content.ReadAsByteArrayAsync(cancellationToken);
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var h in request.Headers.Concat(request.Content?.Headers ?? Enumerable.Empty<KeyValuePair<string, IEnumerable<string>>>()))
        {
            headers[h.Key] = string.Join(",", h.Value);
        }

        var received = new Received(request.RequestUri!, headers, body, Verify(request.RequestUri!, headers, body));
        Requests.Enqueue(received);
        FirstRequest.TrySetResult(received);
        int n = Interlocked.Increment(ref count) - 1;
        return await respond(received, n, cancellationToken);
    }

    /// <summary>Recomputes the signature from what arrived: the core's canonical request over the signed headers, AWSSDK.Core's signature.</summary>
    private static bool Verify(Uri uri, Dictionary<string, string> headers, byte[] body)
    {
        if (!headers.TryGetValue("Authorization", out var authorization))
        {
            return false;
        }

        string credential = Part(authorization, "Credential=");
        string[] scope = credential.Split('/');
        string[] signed = Part(authorization, "SignedHeaders=").Split(';');
        string signature = Part(authorization, "Signature=");
        var signedValues = signed.Select(name => new KeyValuePair<string, string>(name, headers.TryGetValue(name, out var v) ? v : "<missing>")).ToList();
        var canonical = SigV4.Canonicalize("POST", uri.AbsolutePath, "", signedValues, SigV4.HashHex(body));
        var signedAt = DateTime.ParseExact(headers["X-Amz-Date"], "yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
        var expected = AWS4Signer.ComputeSignature(scope[0], SecretKey, scope[2], signedAt, scope[3], string.Join(';', signed), canonical.Text);
        return scope[0] == AccessKey && scope[3] == "states" && expected.Signature == signature;
    }

    private static string Part(string authorization, string key)
    {
        int start = authorization.IndexOf(key, StringComparison.Ordinal) + key.Length;
        int end = authorization.IndexOf(',', start);
        return (end < 0 ? authorization[start..] : authorization[start..end]).Trim();
    }
}
