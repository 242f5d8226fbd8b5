using System;
using System.Collections.Generic;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using ActivityCore.Parsing;
using LanguageExt;

namespace ActivityCore.Http;

/// <summary>The secrets a call puts in its body: the task token, and the output or the cause. None for the other calls.</summary>
/// <param name="TaskToken">The task token, or null.</param>
/// <param name="Text">The output JSON or the failure's cause, or null.</param>
internal readonly record struct CallSecrets(string? TaskToken, string? Text)
{
    /// <summary>A call that sends no secret in its body.</summary>
    public static CallSecrets None => default;
}

/// <summary>
/// Every secret of one request the client sent (the session token, the SigV4 signature, the task token, the output or
/// the cause), in each form an echoing server may quote it in: raw, JSON-escaped (once, as the request body holds it,
/// and twice, as a JSON echo of that body holds it, with the relaxed and the default encoders), and URL-encoded (raw
/// and escaped). <see cref="Redact(string?)"/> replaces each occurrence by <see cref="EchoedSecrets.Redacted"/>.
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

    private SentSecrets(string[] forms) => this.forms = forms;

    /// <summary>The forms of every secret given (null or short ones skipped).</summary>
    public static SentSecrets Of(CallSecrets call, string? sessionToken, Option<string> signature)
    {
        var found = new System.Collections.Generic.HashSet<string>(StringComparer.Ordinal);
        foreach (string? secret in new[] { sessionToken, signature.IfNoneUnsafe((string?)null), call.TaskToken, call.Text })
        {
            if (secret is { Length: >= MinLength })
            {
                AddForms(secret, found);
            }
        }

        string[] all = [.. found];
        Array.Sort(all, static (a, b) => b.Length.CompareTo(a.Length));
        return new SentSecrets(all);
    }

    /// <summary>The text without any form of any secret; the same instance when there is none (null stays null).</summary>
    public string? Redact(string? text)
    {
        if (text is null)
        {
            return null;
        }

        foreach (string form in forms)
        {
            text = text.Replace(form, EchoedSecrets.Redacted, StringComparison.Ordinal);
        }

        return text;
    }

    /// <summary>An error factory that builds the error from the redacted code, message and extra field.</summary>
    public ErrorFactory<TError> Redacting<TError>(ErrorFactory<TError> make) =>
        (code, message, kmsKeyState, status) => make(Redact(code)!, Redact(message), Redact(kmsKeyState), status);

    /// <summary>The message, redacted.</summary>
    public Option<string> Redact(Option<string> text) => text.Map(t => Redact(t)!);

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

    private static void AddForms(string secret, System.Collections.Generic.HashSet<string> into)
    {
        Add(into, secret);
        try
        {
            Add(into, Uri.EscapeDataString(secret));
            foreach (JavaScriptEncoder encoder in new[] { JavaScriptEncoder.UnsafeRelaxedJsonEscaping, JavaScriptEncoder.Default })
            {
                string once = JsonEncodedText.Encode(secret, encoder).ToString();
                Add(into, once);
                Add(into, JsonEncodedText.Encode(once, encoder).ToString());
                Add(into, Uri.EscapeDataString(once));
            }
        }
        catch (Exception e) when (e is ArgumentException or UriFormatException)
        {
            // A lone surrogate (a cause may hold one) has no escaped form: it cannot be echoed escaped either.
        }
    }

    private static void Add(System.Collections.Generic.HashSet<string> into, string form)
    {
        if (form.Length >= MinLength)
        {
            into.Add(form);
        }
    }
}
