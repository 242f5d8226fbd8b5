using System;
using System.Buffers;
using System.Numerics;
using System.Runtime.Intrinsics;

namespace ActivityCore.Parsing;

/// <summary>
/// The search the JSON error scanner runs inside every string: the first byte that ends a run of plain string content
/// (the quote, the backslash, a control byte below 0x20). Where 256-bit vectors are accelerated, 32 bytes are classified
/// with three compares per step, and the last step re-reads the final 32 bytes of the span (overlapping what was
/// already searched) instead of falling back to a byte loop; elsewhere, and on spans shorter than one vector, one
/// <see cref="SearchValues{T}"/> search. Every load is a bounds-checked slice of the span. Pure and total.
/// </summary>
internal static class JsonStringStops
{
    /// <summary>The stop bytes, for the fallback search.</summary>
    private static readonly SearchValues<byte> Stops = SearchValues.Create(
        [
            0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x0E, 0x0F,
            0x10, 0x11, 0x12, 0x13, 0x14, 0x15, 0x16, 0x17, 0x18, 0x19, 0x1A, 0x1B, 0x1C, 0x1D, 0x1E, 0x1F,
            (byte)'"', (byte)'\\',
        ]);

    /// <summary>The index in <paramref name="text"/> of its first stop byte, or -1 when it has none.</summary>
    public static int IndexOf(ReadOnlySpan<byte> text)
    {
        int width = Vector256<byte>.Count;
        if (!Vector256.IsHardwareAccelerated || text.Length < width)
        {
            return text.IndexOfAny(Stops);
        }

        int last = text.Length - width;
        int i = 0;
        while (true)
        {
            // The final step starts at `last`, before i: its first (i - at) bytes were searched already.
            int at = Math.Min(i, last);
            uint mask = StopMask(Vector256.Create(text.Slice(at, width))) >> (i - at);
            if (mask != 0)
            {
                return i + BitOperations.TrailingZeroCount(mask);
            }

            if (at == last)
            {
                return -1;
            }

            i += width;
        }
    }

    /// <summary>One bit per byte of <paramref name="block"/>: set where the byte is a stop.</summary>
    private static uint StopMask(Vector256<byte> block) =>
        (Vector256.Equals(block, Vector256.Create((byte)'"'))
            | Vector256.Equals(block, Vector256.Create((byte)'\\'))
            | Vector256.LessThan(block, Vector256.Create((byte)0x20))).ExtractMostSignificantBits();
}
