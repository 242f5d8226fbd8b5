using System;
using LanguageExt;
using static LanguageExt.Prelude;

namespace ActivityCore;

/// <summary>
/// What a worker reports with SendTaskFailure: an error name (0..256 characters) and a cause
/// (0..32,768 characters), both optional. The cause may carry sensitive detail.
/// </summary>
/// <remarks>
/// <see cref="ToString"/> prints the error name (a classifier, like an exception type) but never the cause.
/// Immutable and thread-safe.
/// </remarks>
public sealed record TaskFailure
{
    /// <summary>The longest error name the service accepts (256).</summary>
    public const int MaxErrorLength = 256;

    /// <summary>The longest cause the service accepts (32,768).</summary>
    public const int MaxCauseLength = 32_768;

    private TaskFailure(Option<string> error, Option<string> cause)
    {
        Error = error;
        Cause = cause;
    }

    /// <summary>The error name, matched by the state machine's <c>Retry</c>/<c>Catch</c> <c>ErrorEquals</c>.</summary>
    public Option<string> Error { get; }

    /// <summary>The cause: a human-readable explanation. May be sensitive; never printed by <see cref="ToString"/>.</summary>
    public Option<string> Cause { get; }

    /// <summary>
    /// The failure with no error and no cause: SendTaskFailure writes neither field, and such a report needs no KMS
    /// permission on an execution encrypted with a customer-managed key ("A caller can mark a task as fail without using
    /// any AWS KMS permissions in the execution role if the caller provides a null value for both error and cause fields",
    /// SendTaskFailure, AWS Step Functions API Reference).
    /// </summary>
    public static TaskFailure Empty { get; } = new(None, None);

    /// <summary>Whether this failure has neither an error nor a cause (<see cref="Empty"/>).</summary>
    public bool IsEmpty => Error.IsNone && Cause.IsNone;

    /// <summary>Validates a failure report.</summary>
    /// <param name="error">The error name, or None.</param>
    /// <param name="cause">The cause, or None.</param>
    /// <returns>The failure, or why it was refused.</returns>
    public static Either<ValidationError, TaskFailure> Create(Option<string> error, Option<string> cause)
    {
        ValidationError? problem =
            TextRules.CheckLength("TaskFailure.Error", error.IfNoneUnsafe((string?)null) ?? string.Empty, 0, MaxErrorLength)
            ?? TextRules.CheckLength("TaskFailure.Cause", cause.IfNoneUnsafe((string?)null) ?? string.Empty, 0, MaxCauseLength);
        return problem is not null ? problem : new TaskFailure(error, cause);
    }

    /// <summary>
    /// Builds a failure that always fits: the error name and the cause are cut to their limits (never
    /// splitting a surrogate pair) and lone surrogates are replaced by U+FFFD. For reporting exceptions.
    /// </summary>
    /// <param name="error">The error name.</param>
    /// <param name="cause">The cause.</param>
    /// <returns>A valid failure.</returns>
    public static TaskFailure Bounded(string error, string cause) =>
        new(Some(Fit(error ?? string.Empty, MaxErrorLength)), Some(Fit(cause ?? string.Empty, MaxCauseLength)));

    private static string Fit(string text, int max)
    {
        string cut = text.Length <= max ? text
            : char.IsHighSurrogate(text[max - 1]) ? text[..(max - 1)] : text[..max];
        int lone = TextRules.IndexOfLoneSurrogate(cut);
        if (lone < 0)
        {
            return cut;
        }

        // Each lone surrogate becomes U+FFFD; the search goes on after it (one pass over the text in all).
        char[] chars = cut.ToCharArray();
        while (lone >= 0)
        {
            chars[lone] = '\uFFFD';
            int next = TextRules.IndexOfLoneSurrogate(chars.AsSpan(lone + 1));
            lone = next < 0 ? -1 : lone + 1 + next;
        }

        return new string(chars);
    }

    /// <summary>Returns <c>TaskFailure(Error = ..., Cause = redacted, N chars)</c>.</summary>
    /// <returns>A description without the cause.</returns>
    public override string ToString() =>
        $"TaskFailure(Error = {Error.IfNone("(none)")}, Cause = {Cause.Match(c => $"redacted, {c.Length} chars", () => "(none)")})";
}
