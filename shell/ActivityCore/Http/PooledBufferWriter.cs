using System;
using System.Buffers;

namespace ActivityCore.Http;

/// <summary>An <see cref="IBufferWriter{T}"/> over arrays rented from <see cref="ArrayPool{T}.Shared"/>, cleared before they go back (they hold tokens and inputs). Not thread-safe.</summary>
internal sealed class PooledBufferWriter : IBufferWriter<byte>, IDisposable
{
    private byte[] buffer;
    private int written;

    public PooledBufferWriter(int initialCapacity = 4096) => buffer = ArrayPool<byte>.Shared.Rent(Math.Max(initialCapacity, 256));

    public int WrittenCount => written;

    public ReadOnlyMemory<byte> WrittenMemory => buffer.AsMemory(0, written);

    public ReadOnlySpan<byte> WrittenSpan => buffer.AsSpan(0, written);

    public void Advance(int count)
    {
        if (count < 0 || written + count > buffer.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(count));
        }

        written += count;
    }

    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return buffer.AsMemory(written);
    }

    public Span<byte> GetSpan(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return buffer.AsSpan(written);
    }

    public void Dispose()
    {
        byte[] old = buffer;
        buffer = [];
        written = 0;
        if (old.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(old, clearArray: true);
        }
    }

    private void Ensure(int sizeHint)
    {
        int needed = Math.Max(sizeHint, 1);
        if (buffer.Length - written >= needed)
        {
            return;
        }

        int size = (int)Math.Min(Math.Max((long)buffer.Length * 2, (long)written + needed), Array.MaxLength);
        byte[] bigger = ArrayPool<byte>.Shared.Rent(size);
        buffer.AsSpan(0, written).CopyTo(bigger);
        ArrayPool<byte>.Shared.Return(buffer, clearArray: true);
        buffer = bigger;
    }
}
