using System;
using System.Buffers;
using System.Linq;
using ActivityCore.Parsing;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Xunit;

namespace ActivityCore.Tests.Core.Parsing;

/// <summary>
/// The vectorised string search of the JSON error scanner against the plain search it replaced
/// (<see cref="MemoryExtensions.IndexOfAny{T}(ReadOnlySpan{T}, SearchValues{T})"/> over the same stop bytes), from every
/// offset of every text: the steps of 32 bytes, the overlapping last step and the short spans all give the same index.
/// </summary>
public class JsonStringStopsTests
{
    private static readonly SearchValues<byte> Stops = SearchValues.Create(
        [.. Enumerable.Range(0, 0x20).Select(b => (byte)b), (byte)'"', (byte)'\\']);

    /// <summary>Text of 0-200 bytes, mostly plain (ASCII and high bytes), stops now and then: the run lengths vary widely.</summary>
    private static Gen<byte[]> Text =>
        from length in Gen.Choose(0, 200)
        from bytes in Gen.ArrayOf(
            Gen.Frequency(
                (60, Gen.Choose(0x20, 0x7E).Select(b => (byte)b)),
                (6, Gen.Choose(0x80, 0xFF).Select(b => (byte)b)),
                (1, Gen.Elements((byte)'"', (byte)'\\', (byte)0x00, (byte)0x1F, (byte)'\n'))),
            length)
        select bytes;

    [Property(MaxTest = 2000)]
    public Property Finds_the_first_stop_from_every_offset() =>
        Prop.ForAll(Arb.From(Text), text =>
            Enumerable.Range(0, text.Length + 1).All(i => JsonStringStops.IndexOf(text.AsSpan(i)) == text.AsSpan(i).IndexOfAny(Stops)));

    [Theory]
    [InlineData(31)]
    [InlineData(32)]
    [InlineData(33)]
    [InlineData(63)]
    [InlineData(64)]
    [InlineData(65)]
    public void A_stop_at_any_position_of_a_span_around_the_vector_width_is_found(int length)
    {
        foreach (byte stop in new[] { (byte)'"', (byte)'\\', (byte)0x00, (byte)0x1F })
        {
            for (int at = 0; at < length; at++)
            {
                byte[] text = Enumerable.Repeat((byte)'a', length).ToArray();
                text[at] = stop;
                Assert.Equal(at, JsonStringStops.IndexOf(text));
            }
        }

        Assert.Equal(-1, JsonStringStops.IndexOf(Enumerable.Repeat((byte)0xC3, length).ToArray()));
        Assert.Equal(-1, JsonStringStops.IndexOf(Enumerable.Repeat((byte)0x20, length).ToArray()));
    }
}
