using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using ActivityCore.Local;
using ActivityCore.Operations;

namespace ActivityCore.Tests.Local;

/// <summary>What the endpoint answered, read the way a client reads it.</summary>
internal sealed record WireResponse(int Status, string Body, string? ErrorTypeHeader, string? RequestId, string? ContentType)
{
    /// <summary>The raw <c>Date</c> header, if any.</summary>
    public string? Date { get; init; }

    public JsonElement Json => JsonDocument.Parse(Body).RootElement;

    /// <summary>The sanitized error code: body <c>__type</c> after the last <c>#</c>.</summary>
    public string? Code => Json.TryGetProperty("__type", out var type) ? type.GetString()!.Split('#')[^1] : null;

    public string? Message => Json.TryGetProperty("message", out var message) ? message.GetString() : null;

    public string? String(string name) =>
        Json.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}

/// <summary>A plain HTTP client writing the AWS JSON 1.0 requests by hand; signs them when given credentials.</summary>
internal sealed class WireClient(Uri serviceUrl, LocalCredentials? credentials = null) : IDisposable
{
    private readonly HttpClient http = new() { Timeout = TimeSpan.FromSeconds(10) };

    public string SigningRegion { get; set; } = "us-east-1";

    public string SigningService { get; set; } = "states";

    public TimeProvider Clock { get; set; } = TimeProvider.System;

    public Task<WireResponse> CallAsync(string operation, object request, CancellationToken cancellationToken = default) =>
        SendAsync(operation, request as string ?? JsonSerializer.Serialize(request), null, cancellationToken);

    public async Task<WireResponse> SendAsync(string? operation, string body, Action<HttpRequestMessage>? tweak = null, CancellationToken cancellationToken = default)
    {
        using var message = new HttpRequestMessage(HttpMethod.Post, serviceUrl)
        {
            Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body)),
        };
        message.Content.Headers.ContentType = MediaTypeHeaderValue.Parse("application/x-amz-json-1.0");
        if (operation is not null)
        {
            message.Headers.Add("X-Amz-Target", "AWSStepFunctions." + operation);
        }

        if (credentials is not null)
        {
            TestSigner.Sign(message, Encoding.UTF8.GetBytes(body), credentials, SigningRegion, SigningService, Clock.GetUtcNow());
        }

        tweak?.Invoke(message);
        using var response = await http.SendAsync(message, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        return new WireResponse(
            (int)response.StatusCode,
            text,
            response.Headers.TryGetValues("x-amzn-ErrorType", out var type) ? type.Single() : null,
            response.Headers.TryGetValues("x-amzn-RequestId", out var id) ? id.Single() : null,
            response.Content.Headers.ContentType?.MediaType)
        {
            Date = response.Headers.TryGetValues("Date", out var date) ? date.Single() : null,
        };
    }

    public async Task<string> CreateActivityAsync(string name)
    {
        var response = await CallAsync("CreateActivity", new { name });
        return response.String("activityArn") ?? throw new InvalidOperationException(response.Body);
    }

    public Task<WireResponse> PollAsync(string activityArn, CancellationToken cancellationToken = default) =>
        CallAsync("GetActivityTask", new { activityArn, workerName = "test-worker" }, cancellationToken);

    public void Dispose() => http.Dispose();
}

/// <summary>SigV4 for the tests, written from the AWS documentation (header signing, POST /).</summary>
internal static class TestSigner
{
    public static void Sign(HttpRequestMessage message, byte[] body, LocalCredentials credentials, string region, string service, DateTimeOffset now)
    {
        var amzDate = now.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        var date = amzDate[..8];
        var host = message.RequestUri!.Authority;
        var target = message.Headers.TryGetValues("X-Amz-Target", out var t) ? t.Single() : string.Empty;
        message.Headers.Add("X-Amz-Date", amzDate);
        // SigV4 signs the headers sorted by name: x-amz-security-token comes before x-amz-target.
        var signedHeaders = "content-type;host;x-amz-date";
        var canonicalHeaders = $"content-type:application/x-amz-json-1.0\nhost:{host}\nx-amz-date:{amzDate}\n";
        if (credentials.SessionToken is not null)
        {
            message.Headers.Add("X-Amz-Security-Token", credentials.SessionToken);
            signedHeaders += ";x-amz-security-token";
            canonicalHeaders += $"x-amz-security-token:{credentials.SessionToken}\n";
        }

        signedHeaders += ";x-amz-target";
        canonicalHeaders += $"x-amz-target:{target}\n";

        var canonical = $"POST\n/\n\n{canonicalHeaders}\n{signedHeaders}\n{Hex(SHA256.HashData(body))}";
        var scope = $"{date}/{region}/{service}/aws4_request";
        var toSign = $"AWS4-HMAC-SHA256\n{amzDate}\n{scope}\n{Hex(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)))}";
        var key = Hmac(Encoding.UTF8.GetBytes("AWS4" + credentials.SecretAccessKey), date);
        key = Hmac(key, region);
        key = Hmac(key, service);
        key = Hmac(key, "aws4_request");
        message.Headers.TryAddWithoutValidation(
            "Authorization",
            $"AWS4-HMAC-SHA256 Credential={credentials.AccessKeyId}/{scope}, SignedHeaders={signedHeaders}, Signature={Hex(Hmac(key, toSign))}");
    }

    private static byte[] Hmac(byte[] key, string data) => HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(data));

    private static string Hex(byte[] bytes) => Convert.ToHexString(bytes).ToLowerInvariant();
}
