using System;
using System.Buffers;
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
