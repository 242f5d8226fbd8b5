using System;
using System.Collections.Concurrent;
using System.IO;
using System.Net.Http;
using System.Text;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;

namespace ActivityCore.Tests.Shell.Worker;

/// <summary>
/// A client's HTTP handler that passes everything through to a real <see cref="SocketsHttpHandler"/> and keeps what
/// crossed the wire that must stay secret: every SigV4 signature sent (<c>Signature=</c> of the Authorization header)
/// and every task token in a request or an answer (an answer cut short by the endpoint included, read as far as it came).
/// </summary>
internal sealed partial class WireTap() : DelegatingHandler(new SocketsHttpHandler { AllowAutoRedirect = false })
{
    public ConcurrentQueue<string> Signatures { get; } = new();

    public ConcurrentQueue<string> Tokens { get; } = new();

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Headers.TryGetValues("Authorization", out var values))
        {
            foreach (var value in values)
            {
                foreach (Match m in SignaturePattern().Matches(value))
                {
                    Signatures.Enqueue(m.Groups[1].Value);
                }
            }
        }

        if (request.Content is not null)
        {
            KeepTokens(await request.Content.ReadAsByteArrayAsync(cancellationToken));
        }

        var response = await base.SendAsync(request, cancellationToken);
        var original = response.Content;
        var teed = new StreamContent(new TeeStream(await original.ReadAsStreamAsync(cancellationToken), original, KeepTokens));
        foreach (var header in original.Headers)
        {
            teed.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }

        response.Content = teed;
        return response;
    }

    private void KeepTokens(byte[] body)
    {
        foreach (Match m in TokenPattern().Matches(Encoding.UTF8.GetString(body)))
        {
            Tokens.Enqueue(m.Groups[1].Value);
        }
    }

    [GeneratedRegex("Signature=([0-9a-fA-F]+)")]
    private static partial Regex SignaturePattern();

    [GeneratedRegex("\"taskToken\"\\s*:\\s*\"([^\"\\\\]+)")]
    private static partial Regex TokenPattern();

    /// <summary>Reads through to the answer's stream and hands what was read to a callback when disposed.</summary>
    private sealed class TeeStream(Stream inner, HttpContent owner, Action<byte[]> onClose) : Stream
    {
        private readonly MemoryStream copy = new();
        private int closed;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            int n = inner.Read(buffer);
            copy.Write(buffer[..n]);
            return n;
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            int n = await inner.ReadAsync(buffer, cancellationToken);
            copy.Write(buffer.Span[..n]);
            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing && Interlocked.Exchange(ref closed, 1) == 0)
            {
                onClose(copy.ToArray());
                inner.Dispose();
                owner.Dispose();
                copy.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
