using System;
using System.Collections.Generic;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace ActivityCore.Http;

/// <summary>
/// The forms in which an echoing server may quote a secret: raw, JSON-escaped (once, as a request body holds it, and
/// twice, as a JSON echo of that body holds it, with the relaxed and the default encoders in any order), URL-encoded
/// (raw and escaped) and XML-escaped (the five named entities, or only <c>&amp; &lt; &gt;</c>).
/// </summary>
internal static class SecretForms
{
    /// <summary>Adds every form of <paramref name="secret"/> that is at least <paramref name="minLength"/> characters long.</summary>
    public static void AddTo(HashSet<string> into, string secret, int minLength)
    {
        Add(into, minLength, secret);
        AddXml(into, minLength, secret);
        try
        {
            Add(into, minLength, Uri.EscapeDataString(secret));
            JavaScriptEncoder[] encoders = [JavaScriptEncoder.UnsafeRelaxedJsonEscaping, JavaScriptEncoder.Default];
            foreach (JavaScriptEncoder encoder in encoders)
            {
                string once = JsonEncodedText.Encode(secret, encoder).ToString();
                Add(into, minLength, once);
                AddXml(into, minLength, once);
                Add(into, minLength, Uri.EscapeDataString(once));
                foreach (JavaScriptEncoder outer in encoders)
                {
                    Add(into, minLength, JsonEncodedText.Encode(once, outer).ToString());
                }
            }
        }
        catch (Exception e) when (e is ArgumentException or UriFormatException)
        {
            // A lone surrogate (a cause may hold one) has no escaped form: it cannot be echoed escaped either.
        }
    }

    /// <summary>The XML-escaped forms: all five named entities (as <c>SecurityElement.Escape</c>), and only <c>&amp; &lt; &gt;</c> (as an XML writer escapes text).</summary>
    private static void AddXml(HashSet<string> into, int minLength, string form)
    {
        string text = form.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);
        Add(into, minLength, text);
        Add(into, minLength, text.Replace("\"", "&quot;", StringComparison.Ordinal).Replace("'", "&apos;", StringComparison.Ordinal));
    }

    private static void Add(HashSet<string> into, int minLength, string form)
    {
        if (form.Length >= minLength)
        {
            into.Add(form);
        }
    }
}
