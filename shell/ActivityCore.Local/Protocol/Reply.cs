using ActivityCore.Local.Service;
using LanguageExt;
using static LanguageExt.Prelude;

namespace ActivityCore.Local.Protocol;

/// <summary>
/// What an operation answers: a status and a JSON body; the error when it failed; the task it
/// dispatched (so the endpoint can count the delivery lost when the answer cannot be written).
/// </summary>
internal sealed record Reply(int Status, byte[] Body, Option<ServiceError> Error, TaskRecord? Dispatched = null, bool IsPoll = false)
{
    internal static readonly byte[] EmptyObject = "{}"u8.ToArray();

    internal static Reply Ok(byte[] body, TaskRecord? dispatched = null) => new(200, body, None, dispatched, dispatched is not null);

    internal static Reply Empty(bool isPoll = false) => new(200, EmptyObject, None, IsPoll: isPoll);

    internal static Reply Of(ServiceError error) => new(error.Status, error.ToJson(), Some(error));

    /// <summary>The empty answer of an operation that went fine, or its error's answer.</summary>
    internal static Reply Done(Option<ServiceError> error) => error.Match(Some: Of, None: static () => Empty());

    /// <summary>The answer <paramref name="ok"/> makes of an operation's value, or its error's answer.</summary>
    internal static Reply Of<T>(Either<ServiceError, T> result, System.Func<T, Reply> ok) => result.Match(Right: ok, Left: Of);
}
