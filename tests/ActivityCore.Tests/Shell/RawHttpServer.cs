using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using ActivityCore.Operations;

namespace ActivityCore.Tests.Shell;

/// <summary>A request as a raw server read it off the socket: the request line, the headers as sent, the body.</summary>
internal sealed record RawRequest(string RequestLine, IReadOnlyList<KeyValuePair<string, string>> Headers, string Body)
{
    public string? Header(string name)
    {
        foreach (var (key, value) in Headers)
        {
            if (string.Equals(key, name, StringComparison.OrdinalIgnoreCase))
            {
                return value;
            }
        }

        return null;
    }
}

/// <summary>
/// An HTTP/1.1 server on 127.0.0.1 written on a bare <see cref="TcpListener"/>, answering as hostile servers and
/// proxies do: the test writes the answer's bytes itself (status line, headers, body), one answer per connection
/// (<c>Connection: close</c>). A responder that returns null never answers (a black hole): the connection stays open
/// until the server is disposed.
/// </summary>
internal sealed class RawHttpServer : IAsyncDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly Func<RawRequest, int, string?> respond;
    private readonly CancellationTokenSource stop = new();
    private readonly ConcurrentBag<TcpClient> open = [];
    private readonly Task accepting;
    private int count;

    public RawHttpServer(Func<RawRequest, int, string?> respond)
    {
        this.respond = respond;
        listener.Start();
        accepting = AcceptAsync();
    }

    public Uri Url => new($"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}/");

    public ConcurrentQueue<RawRequest> Requests { get; } = new();

    /// <summary>A whole answer: the status line, the headers given (each "Name: value"), a Content-Length and Connection: close, the body.</summary>
    public static string Answer(int status, string body, params string[] headers)
    {
        var text = new StringBuilder($"HTTP/1.1 {status} Status\r\n");
        foreach (string header in headers)
        {
            text.Append(header).Append("\r\n");
        }

        return text.Append($"Content-Length: {Encoding.UTF8.GetByteCount(body)}\r\nConnection: close\r\n\r\n").Append(body).ToString();
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        listener.Stop();
        foreach (var client in open)
        {
            client.Dispose();
        }

        try
        {
            await accepting;
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }

        stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!stop.IsCancellationRequested)
        {
            TcpClient client = await listener.AcceptTcpClientAsync(stop.Token);
            open.Add(client);
            _ = ServeAsync(client);
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        try
        {
            NetworkStream stream = client.GetStream();
            RawRequest request = await ReadRequestAsync(stream, stop.Token);
            Requests.Enqueue(request);
            string? answer = respond(request, Interlocked.Increment(ref count) - 1);
            if (answer is null)
            {
                return; // a black hole: the connection stays open, unanswered
            }

            await stream.WriteAsync(Encoding.UTF8.GetBytes(answer), stop.Token);
            await stream.FlushAsync(stop.Token);
            client.Client.Shutdown(SocketShutdown.Send);
            await Task.Delay(200, stop.Token); // let the client read before the socket closes
            client.Dispose();
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
        }
    }

    private static async Task<RawRequest> ReadRequestAsync(NetworkStream stream, CancellationToken cancellationToken)
    {
        var bytes = new List<byte>();
        var buffer = new byte[8192];
        int headerEnd;
        while ((headerEnd = IndexOfHeaderEnd(bytes)) < 0)
        {
            int read = await stream.ReadAsync(buffer, cancellationToken);
            if (read == 0)
            {
                throw new IOException("the client closed before its headers ended");
            }

            bytes.AddRange(buffer.AsSpan(0, read));
        }

        string head = Encoding.UTF8.GetString(bytes.GetRange(0, headerEnd).ToArray());
        string[] lines = head.Split("\r\n");
        var headers = new List<KeyValuePair<string, string>>();
        int length = 0;
        foreach (string line in lines[1..])
        {
            int colon = line.IndexOf(':', StringComparison.Ordinal);
            string name = line[..colon];
            string value = line[(colon + 1)..].Trim();
            headers.Add(new(name, value));
            if (name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
            {
                length = int.Parse(value, System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        int bodyStart = headerEnd + 4;
        while (bytes.Count < bodyStart + length)
        {
            int read = await stream.ReadAsync(buffer, cancellationToken);
            if (read == 0)
            {
                break;
            }

            bytes.AddRange(buffer.AsSpan(0, read));
        }

        string body = Encoding.UTF8.GetString(bytes.GetRange(bodyStart, Math.Min(length, bytes.Count - bodyStart)).ToArray());
        return new RawRequest(lines[0], headers, body);
    }

    private static int IndexOfHeaderEnd(List<byte> bytes)
    {
        for (int i = 0; i + 3 < bytes.Count; i++)
        {
            if (bytes[i] == '\r' && bytes[i + 1] == '\n' && bytes[i + 2] == '\r' && bytes[i + 3] == '\n')
            {
                return i;
            }
        }

        return -1;
    }
}
