using System;
using System.Buffers;
using System.Runtime.Intrinsics;
using System.Text;

namespace ActivityCore.Parsing;

/// <summary>
/// The secrets a service's error message may quote back from the request. AWS's <c>InvalidSignatureException</c>
/// quotes the canonical request it computed, whose headers include the session token
/// (<c>x-amz-security-token:…</c>); an <c>IncompleteSignatureException</c> may quote the Authorization header, with its
/// <c>Signature=…</c>. Their values are replaced by <see cref="Redacted"/>; the rest of the message, which is what
/// explains the failure, is kept. Pure and total.
/// </summary>
internal static class EchoedSecrets
{
    /// <summary>What a redacted value becomes.</summary>
    public const string Redacted = "(redacted)";

    private const string SessionTokenName = "x-amz-security-token";
    private const string SignatureName = "signature=";

    /// <summary>Both names, found in one vectorised pass ignoring case.</summary>
    private static readonly SearchValues<string> Names =
        SearchValues.Create([SessionTokenName, SignatureName], StringComparison.OrdinalIgnoreCase);

    /// <summary>Where a quoted value ends: a line, a quote, the next parameter or header, markup.</summary>
    private static readonly SearchValues<char> ValueEnds = SearchValues.Create("\n\r'\"&,; <>");

    /// <summary>
    /// The message with every quoted session token (<c>x-amz-security-token:</c> or <c>=</c>, as a canonical header or
    /// a query parameter) and signature (<c>Signature=</c>, <c>X-Amz-Signature=</c>) replaced by <see cref="Redacted"/>;
    /// names matched ignoring case. The same instance when there is nothing to redact (no allocation).
    /// </summary>
    /// <param name="message">A service's message, or null.</param>
    /// <returns>The message without the secrets it quoted.</returns>
    public static string? Redact(string? message)
    {
        if (message is null)
        {
            return null;
        }

        StringBuilder? redacted = null;
        int copied = 0;
        int from = 0;
        while (NextValue(message, from, out int start))
        {
            while (start < message.Length && message[start] == ' ')
            {
                start++; // "X-Amz-Security-Token: value", as a header is written
            }

            int length = message.AsSpan(start).IndexOfAny(ValueEnds);
            int end = length < 0 ? message.Length : start + length;
            if (end > start)
            {
                redacted ??= new StringBuilder(message.Length);
                redacted.Append(message, copied, start - copied).Append(Redacted);
                copied = end;
            }

            from = end;
        }

        return redacted is null ? message : redacted.Append(message, copied, message.Length - copied).ToString();
    }

    /// <summary>
    /// The pre-check that lets a message skip <see cref="Redact"/>: false only when the ASCII text
    /// <paramref name="ascii"/> holds neither name in any case, so that <see cref="Redact"/> would return it unchanged.
    /// It looks, in one vectorised pass, for a pair of bytes each name has at a fixed distance: an <c>s</c> with an
    /// <c>=</c> 9 bytes later (<c>signature=</c>), an <c>x</c> with an <c>n</c> 19 bytes later (<c>x-amz-security-token</c>);
    /// letters are compared with their 0x20 bit set, which matches both cases and no other ASCII letter. A pair that
    /// is not a name only costs the full search; so does text shorter than the window of 32 positions, or a machine
    /// without 256-bit vectors. Only for ASCII: ignoring case, UTF-16 text may match a name with non-ASCII letters.
    /// </summary>
    /// <param name="ascii">The message's bytes, all ASCII (they are its chars, one for one).</param>
    /// <returns>Whether <see cref="Redact"/> may change the message.</returns>
    public static bool MayQuote(ReadOnlySpan<byte> ascii)
    {
        const int SignatureLast = 9; // '=' in "signature="
        const int TokenLast = 19; // 'n' in "x-amz-security-token"
        int width = Vector256<byte>.Count;
        if (!Vector256.IsHardwareAccelerated || ascii.Length < TokenLast + width)
        {
            return true;
        }

        // Every start of a token name ([0, length - 20]) and of a signature name up to there, in steps of 32; the last
        // step overlaps the one before it so that every load stays inside the span.
        int last = ascii.Length - TokenLast - width;
        for (int at = 0; ; at = Math.Min(at + width, last))
        {
            Vector256<byte> first = Lower(ascii.Slice(at, width));
            Vector256<byte> pairs =
                (Vector256.Equals(first, Vector256.Create((byte)'s'))
                    & Vector256.Equals(Vector256.Create(ascii.Slice(at + SignatureLast, width)), Vector256.Create((byte)'=')))
                | (Vector256.Equals(first, Vector256.Create((byte)'x'))
                    & Vector256.Equals(Lower(ascii.Slice(at + TokenLast, width)), Vector256.Create((byte)'n')));
            if (pairs != Vector256<byte>.Zero)
            {
                return true;
            }

            if (at == last)
            {
                break;
            }
        }

        // The signature names that start in the last 10 positions a token name cannot start from.
        int tail = ascii.Length - SignatureLast - width;
        Vector256<byte> signature =
            Vector256.Equals(Lower(ascii.Slice(tail, width)), Vector256.Create((byte)'s'))
            & Vector256.Equals(Vector256.Create(ascii.Slice(tail + SignatureLast, width)), Vector256.Create((byte)'='));
        return signature != Vector256<byte>.Zero;
    }

    /// <summary>32 bytes with the 0x20 bit set: an ASCII letter of either case becomes its lower case.</summary>
    private static Vector256<byte> Lower(ReadOnlySpan<byte> bytes) => Vector256.Create(bytes) | Vector256.Create((byte)0x20);

    /// <summary>
    /// Finds the first quoted secret value at or after <paramref name="from"/>; its start in <paramref name="start"/>.
    /// One forward pass: each search starts where the last one stopped (searching for each name again from each bare
    /// one was quadratic: a hostile 8 MiB message would take minutes).
    /// </summary>
    private static bool NextValue(string message, int from, out int start)
    {
        while (from < message.Length)
        {
            int found = message.AsSpan(from).IndexOfAny(Names);
            if (found < 0)
            {
                break;
            }

            int at = from + found;
            if (message.AsSpan(at).StartsWith(SignatureName, StringComparison.OrdinalIgnoreCase))
            {
                start = at + SignatureName.Length;
                return true;
            }

            int after = at + SessionTokenName.Length;
            if (after < message.Length && message[after] is ':' or '=')
            {
                start = after + 1;
                return true;
            }

            from = after; // the name alone (e.g. in a list of signed headers): nothing quoted
        }

        start = -1;
        return false;
    }
}
