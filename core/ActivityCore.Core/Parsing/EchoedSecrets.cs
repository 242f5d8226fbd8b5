using System;
using System.Buffers;
using System.Text;

namespace ActivityCore;

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
        int token = message.IndexOf(SessionTokenName, StringComparison.OrdinalIgnoreCase);
        int signature = message.IndexOf(SignatureName, StringComparison.OrdinalIgnoreCase);
        while (NextValue(message, from, ref token, ref signature, out int start))
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
    /// <paramref name="token"/> and <paramref name="signature"/> are the next occurrences of each name (-1: none left);
    /// each is searched for again only once passed, so a message full of bare names is read in one pass, not one pass
    /// a name (quadratic: a hostile 8 MiB message would take minutes).
    /// </summary>
    private static bool NextValue(string message, int from, ref int token, ref int signature, out int start)
    {
        start = -1;
        while (true)
        {
            if (token >= 0 && token < from)
            {
                token = message.IndexOf(SessionTokenName, from, StringComparison.OrdinalIgnoreCase);
            }

            if (signature >= 0 && signature < from)
            {
                signature = message.IndexOf(SignatureName, from, StringComparison.OrdinalIgnoreCase);
            }

            if (token < 0 && signature < 0)
            {
                return false;
            }

            if (signature >= 0 && (token < 0 || signature < token))
            {
                start = signature + SignatureName.Length;
                return true;
            }

            int after = token + SessionTokenName.Length;
            if (after < message.Length && message[after] is ':' or '=')
            {
                start = after + 1;
                return true;
            }

            from = after; // the name alone (e.g. in a list of signed headers): nothing quoted
        }
    }
}
