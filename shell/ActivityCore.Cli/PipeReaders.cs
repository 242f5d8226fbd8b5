using System;
using System.IO;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace ActivityCore.Cli;

/// <summary>
/// What was read from a command's stdout: at most a limit of bytes, and whether it wrote more. Filled while the
/// command runs; <see cref="Snapshot"/> can be taken even if a process that left the group still holds the pipe.
/// </summary>
internal sealed class BoundedStdout(int limit)
{
    private readonly Lock gate = new();
    private byte[] buffer = new byte[Math.Min(limit + 1, 4096)];
    private int length;

    /// <summary>Reads until the end, the limit plus one byte (then calls <paramref name="overflowed"/> and stops), or the token.</summary>
    public async Task ReadAsync(Stream stream, Action overflowed, CancellationToken cancellationToken)
    {
        try
        {
            int read;
            while (length <= limit && (read = await stream.ReadAsync(Room(), cancellationToken).ConfigureAwait(false)) > 0)
            {
                lock (gate)
                {
                    length += read;
                }
            }

            if (length > limit)
            {
                overflowed();
            }
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or ObjectDisposedException)
        {
            // the pipes' grace ran out, or the process went: decide with what was read
        }
    }

    /// <summary>What was read so far: the text (invalid UTF-8 replaced), or none past the limit.</summary>
    public (string Text, bool Overflowed) Snapshot()
    {
        lock (gate)
        {
            return length > limit ? (string.Empty, true) : (Encoding.UTF8.GetString(buffer, 0, length), false);
        }
    }

    /// <summary>The free part of the buffer, grown (doubled, up to the limit plus one byte) when full: small outputs stay small.</summary>
    private Memory<byte> Room()
    {
        if (length == buffer.Length)
        {
            lock (gate)
            {
                Array.Resize(ref buffer, Math.Min(limit + 1, buffer.Length * 2));
            }
        }

        return buffer.AsMemory(length);
    }
}

/// <summary>The last characters of a command's stderr (the cause's limit), read to the end, however much it writes.</summary>
internal sealed class StderrTail(int max)
{
    private readonly StringBuilder kept = new();

    /// <summary>Reads until the end or the token.</summary>
    public async Task ReadAsync(StreamReader reader, CancellationToken cancellationToken)
    {
        var chunk = new char[8192];
        try
        {
            int read;
            while ((read = await reader.ReadAsync(chunk.AsMemory(), cancellationToken).ConfigureAwait(false)) > 0)
            {
                lock (kept)
                {
                    kept.Append(chunk, 0, read);
                    if (kept.Length > 2 * max)
                    {
                        kept.Remove(0, kept.Length - max);
                    }
                }
            }
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or ObjectDisposedException)
        {
            // as for stdout: what was read is kept
        }
    }

    /// <summary>The last <c>max</c> characters read so far.</summary>
    public string Snapshot()
    {
        lock (kept)
        {
            return kept.Length > max ? kept.ToString(kept.Length - max, max) : kept.ToString();
        }
    }
}
