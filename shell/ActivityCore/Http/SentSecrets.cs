using System;
using System.Collections.Generic;
using System.Text;
using ActivityCore.Errors;
using ActivityCore.Operations;
using ActivityCore.Parsing;
using LanguageExt;
using IntSet = System.Collections.Generic.HashSet<int>;
using StringSet = System.Collections.Generic.HashSet<string>;

namespace ActivityCore.Http;

/// <summary>
/// Every secret of one request the client sent (the session token, the SigV4 signature, the task token, the output or
/// the cause), in each form an echoing server may quote it in: raw, JSON-escaped (once, as the request body holds it,
/// and twice, as a JSON echo of that body holds it, with the relaxed and the default encoders in any order),
/// URL-encoded (raw and escaped) and XML-escaped (the five named entities, or only <c>&amp; &lt; &gt;</c>).
/// <see cref="Redact(string)"/> replaces each occurrence by <see cref="EchoedSecrets.Redacted"/>.
/// An error code is only a piece of what the server sent (it is cut at <c>,</c> <c>:</c> <c>#</c>), and a server may
/// escape a secret in a way no list of forms foresees (numeric character references): so a code the core does not
/// know by name is also redacted whole when it may be what is left of a form after that cut, or shares
/// <see cref="MinLength"/> consecutive characters with one (<see cref="RedactCode"/>). A known code is a public constant, classified as such: never touched.
/// Built only when an answer is a failure (or a success is logged at Debug level): redaction stays off the success path.
/// Secrets shorter than <see cref="MinLength"/> characters are not searched for: they would match ordinary words.
/// </summary>
internal sealed class SentSecrets
{
    /// <summary>The shortest secret searched for: 8 characters.</summary>
    public const int MinLength = 8;

    private static readonly byte[] RedactedUtf8 = Encoding.UTF8.GetBytes(EchoedSecrets.Redacted);

    /// <summary>The forms, longest first (a form that holds another is replaced whole).</summary>
    private readonly string[] forms;

    /// <summary>The secrets themselves (<see cref="MinLength"/> characters or more).</summary>
    private readonly string[] secrets;

    private SentSecrets(string[] forms, string[] secrets)
    {
        this.forms = forms;
        this.secrets = secrets;
    }

    /// <summary>The forms of every secret given (null or short ones skipped).</summary>
    public static SentSecrets Of(CallSecrets call, Option<string> sessionToken, Option<string> signature)
    {
        var found = new StringSet(StringComparer.Ordinal);
        var raw = new List<string>(4);
        foreach (string secret in new[] { sessionToken, signature, call.TaskToken, call.Text }.Somes())
        {
            if (secret.Length >= MinLength)
            {
                SecretForms.AddTo(found, secret, MinLength);
                raw.Add(secret);
            }
        }

        string[] all = [.. found];
        Array.Sort(all, static (a, b) => b.Length.CompareTo(a.Length));
        return new SentSecrets(all, [.. raw]);
    }

    /// <summary>The text without any form of any secret; the same instance when there is none.</summary>
    public string Redact(string text)
    {
        foreach (string form in forms)
        {
            text = text.Replace(form, EchoedSecrets.Redacted, StringComparison.Ordinal);
        }

        return text;
    }

    /// <summary>
    /// The text without any form of any secret, and without any run of it that shares <see cref="MinLength"/>
    /// consecutive characters with a secret (each such run replaced by <see cref="EchoedSecrets.Redacted"/>): for texts
    /// that may quote a piece of a secret, such as the HTTP stack's "invalid header name" (a header line cut at its <c>:</c>).
    /// </summary>
    public string RedactPieces(string text)
    {
        text = Redact(text);
        bool[]? covered = null;
        for (int i = 0; i + MinLength <= text.Length; i++)
        {
            ReadOnlySpan<char> window = text.AsSpan(i, MinLength);
            foreach (string secret in secrets)
            {
                if (secret.AsSpan().IndexOf(window, StringComparison.Ordinal) >= 0)
                {
                    covered ??= new bool[text.Length];
                    covered.AsSpan(i, MinLength).Fill(true);
                    break;
                }
            }
        }

        if (covered is null)
        {
            return text;
        }

        var result = new StringBuilder(text.Length);
        for (int i = 0; i < text.Length; i++)
        {
            if (!covered[i])
            {
                result.Append(text[i]);
            }
            else if (i == 0 || !covered[i - 1])
            {
                result.Append(EchoedSecrets.Redacted);
            }
        }

        return result.ToString();
    }

    /// <summary>An error factory that builds the error from the redacted code, message and extra field.</summary>
    public ErrorFactory<TError> Redacting<TError>(ErrorFactory<TError> make) =>
        (code, message, fields, status) => make(RedactCode(code), Redact(message), new ErrorFields(Redact(fields.KmsKeyState), Redact(fields.ResourceName)), status);

    /// <summary>
    /// A sanitised error code without any secret: a known code unchanged; any other code with each form replaced, and
    /// replaced whole by <see cref="EchoedSecrets.Redacted"/> when it is a piece of a form, ends with a form's start up to
    /// its first <c>,</c> or <c>:</c>, starts with a form's end after its last <c>#</c> (where the sanitising cuts a form
    /// echoed after or before other text), or shares <see cref="MinLength"/> consecutive characters with a form (one
    /// escaped in a way the forms do not foresee). Such a code is unknown either way: its meaning (by the HTTP status) is unchanged.
    /// </summary>
    public string RedactCode(string code)
    {
        if (ErrorCodes.IsKnown(code))
        {
            return code;
        }

        string redacted = Redact(code);
        return IsPieceOfAForm(redacted) ? EchoedSecrets.Redacted : redacted;
    }

    /// <summary>Whether the code ends with the form's start up to its first <c>,</c> or <c>:</c> (a form echoed after a prefix and cut there).</summary>
    private static bool EndsWhereTheCutWouldEnd(string code, string form)
    {
        int cut = form.AsSpan().IndexOfAny(',', ':');
        ReadOnlySpan<char> head = cut > 0 ? form.AsSpan(0, cut).TrimEnd(" \t\r\n") : default;
        return !head.IsEmpty && code.AsSpan().EndsWith(head, StringComparison.Ordinal);
    }

    /// <summary>Whether the code starts with the form's end after its last <c>#</c> (a form echoed before a suffix and cut there).</summary>
    private static bool StartsWhereTheCutWouldStart(string code, string form)
    {
        int hash = form.LastIndexOf('#');
        ReadOnlySpan<char> tail = hash >= 0 ? form.AsSpan(hash + 1).TrimStart(" \t\r\n") : default;
        return !tail.IsEmpty && code.AsSpan().StartsWith(tail, StringComparison.Ordinal);
    }

    private bool IsPieceOfAForm(string code)
    {
        if (code.Length == 0 || code == EchoedSecrets.Redacted)
        {
            return false;
        }

        foreach (string form in forms)
        {
            if (EndsWhereTheCutWouldEnd(code, form) || StartsWhereTheCutWouldStart(code, form))
            {
                return true;
            }
        }

        if (code.Length <= MinLength)
        {
            foreach (string form in forms)
            {
                if (form.Contains(code, StringComparison.Ordinal))
                {
                    return true;
                }
            }

            return false;
        }

        // Shares MinLength consecutive characters with a form: the code's windows hashed once, each form's windows looked up.
        var windows = new IntSet();
        for (int i = 0; i + MinLength <= code.Length; i++)
        {
            windows.Add(string.GetHashCode(code.AsSpan(i, MinLength), StringComparison.Ordinal));
        }

        foreach (string form in forms)
        {
            for (int i = 0; i + MinLength <= form.Length; i++)
            {
                ReadOnlySpan<char> window = form.AsSpan(i, MinLength);
                if (windows.Contains(string.GetHashCode(window, StringComparison.Ordinal)) && code.AsSpan().IndexOf(window, StringComparison.Ordinal) >= 0)
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>The message, redacted.</summary>
    public Option<string> Redact(Option<string> text) => text.Map(Redact);

    /// <summary>A header value as the core's parsers take it (null when absent), redacted.</summary>
    public string? RedactHeader(string? text) => text is null ? null : Redact(text);

    /// <summary>
    /// The body with every UTF-8 form of every secret replaced, before it is parsed: so that a secret holding <c>,</c>,
    /// <c>:</c> or <c>#</c> is removed whole before an error code is cut at them. The same bytes when there is none.
    /// </summary>
    public ReadOnlySpan<byte> RedactUtf8(ReadOnlySpan<byte> body)
    {
        byte[]? copy = null;
        foreach (string form in forms)
        {
            byte[] utf8 = Encoding.UTF8.GetBytes(form);
            ReadOnlySpan<byte> current = copy ?? body;
            if (current.IndexOf(utf8) < 0)
            {
                continue;
            }

            copy = Replace(current, utf8);
        }

        return copy ?? body;
    }

    private static byte[] Replace(ReadOnlySpan<byte> text, byte[] form)
    {
        var result = new List<byte>(text.Length);
        while (true)
        {
            int at = text.IndexOf(form);
            if (at < 0)
            {
                result.AddRange(text);
                return [.. result];
            }

            result.AddRange(text[..at]);
            result.AddRange(RedactedUtf8);
            text = text[(at + form.Length)..];
        }
    }
}
