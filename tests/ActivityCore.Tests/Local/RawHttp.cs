using System;
using System.Collections.Generic;
using System.IO;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace ActivityCore.Tests.Local;

/// <summary>One answer read off the socket: the status, the headers (names lower-cased) and the body.</summary>
internal sealed record RawResponse(int Status, IReadOnlyDictionary<string, string> Headers, string Body)
{
    public JsonElement Json => JsonDocument.Parse(Body).RootElement;

    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;

    /// <summary>The body's <c>__type</c> after the last <c>#</c>, or null.</summary>
    public string? Code => Body.Length > 0 && Json.TryGetProperty("__type", out var type) ? type.GetString()!.Split('#')[^1] : null;

    /// <summary>The admin routes' <c>error</c> member, or null.</summary>
    public string? Error => Body.Length > 0 && Json.TryGetProperty("error", out var error) ? error.GetString() : null;
}

/// <summary>
/// HTTP/1.1 written byte for byte on a TcpClient: the request line and every header exactly as given (Host, Origin,
/// Content-Type included; nothing added but Content-Length and Connection: close), as a browser, a proxy or an
/// attacker would send them.
/// </summary>
internal static class RawHttp
{
    public static Task<RawResponse> SendAsync(Uri server, string method, string path, IEnumerable<(string Name, string Value)> headers, string? body = null) =>
        SendAsync(server, method, path, headers, body is null ? null : Encoding.UTF8.GetBytes(body));

    public static async Task<RawResponse> SendAsync(Uri server, string method, string path, IEnumerable<(string Name, string Value)> headers, byte[]? body)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(server.Host, server.Port, timeout.Token);
        var stream = tcp.GetStream();
        var head = new StringBuilder().Append(method).Append(' ').Append(path).Append(" HTTP/1.1\r\n");
        foreach (var (name, value) in headers)
        {
            head.Append(name).Append(": ").Append(value).Append("\r\n");
        }

        head.Append("Content-Length: ").Append(body?.Length ?? 0).Append("\r\nConnection: close\r\n\r\n");
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head.ToString()), timeout.Token);
        if (body is not null)
        {
            try
            {
                await stream.WriteAsync(body, timeout.Token);
            }
            catch (IOException)
            {
                // The server may answer and close before it has read a body it refuses; read its answer anyway.
            }
        }

        using var received = new MemoryStream();
        try
        {
            await stream.CopyToAsync(received, timeout.Token);
        }
        catch (IOException) when (received.Length > 0)
        {
            // A reset after the answer was read.
        }

        return Parse(received.ToArray());
    }

    /// <summary>The usual headers of an AWS JSON 1.0 call to <paramref name="server"/>, unsigned.</summary>
    public static List<(string, string)> AwsHeaders(Uri server, string operation) =>
    [
        ("Host", server.Authority),
        ("Content-Type", "application/x-amz-json-1.0"),
        ("X-Amz-Target", "AWSStepFunctions." + operation),
    ];

    private static RawResponse Parse(byte[] bytes)
    {
        var text = Encoding.UTF8.GetString(bytes);
        var end = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        if (end < 0)
        {
            throw new InvalidDataException("No complete answer: '" + text + "'");
        }

        var lines = text[..end].Split("\r\n");
        var status = int.Parse(lines[0].Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
        var headers = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in lines[1..])
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            headers[line[..colon].Trim().ToLowerInvariant()] = line[(colon + 1)..].Trim();
        }

        return new RawResponse(status, headers, text[(end + 4)..]);
    }
}
