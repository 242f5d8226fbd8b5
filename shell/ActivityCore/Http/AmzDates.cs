using System;
using System.Threading;
using ActivityCore.Signing;

namespace ActivityCore.Http;

/// <summary>
/// The <c>X-Amz-Date</c> of a signing time, with its date stamp and credential scope, kept for the second it names:
/// the requests signed in the same second share them. Thread-safe.
/// </summary>
internal sealed class AmzDates(string region, string service)
{
    private AmzDate? current;

    /// <summary>The date texts of a signing time.</summary>
    public AmzDate At(DateTimeOffset signingTime)
    {
        long second = signingTime.ToUnixTimeSeconds();
        AmzDate? last = Volatile.Read(ref current);
        if (last is not null && last.Second == second)
        {
            return last;
        }

        string text = SigV4.FormatAmzDate(signingTime);
        string stamp = SigV4.DateStamp(text);
        var made = new AmzDate(second, text, stamp, SigV4.CredentialScope(stamp, region, service));
        Volatile.Write(ref current, made);
        return made;
    }
}

/// <summary>An <c>X-Amz-Date</c> value, its date stamp and the credential scope of that day.</summary>
/// <param name="Second">The Unix second it names.</param>
/// <param name="Text">The <c>X-Amz-Date</c> value.</param>
/// <param name="Stamp">Its date, <c>yyyyMMdd</c>.</param>
/// <param name="Scope">The credential scope.</param>
internal sealed record AmzDate(long Second, string Text, string Stamp, string Scope);
