using ActivityCore.Local.Service;

namespace ActivityCore.Local.Protocol;

/// <summary>
/// What an operation answers: a status and a JSON body; the error when it failed; the task it
/// dispatched (so the endpoint can count the delivery lost when the answer cannot be written).
/// </summary>
internal sealed record Reply(int Status, byte[] Body, ServiceError? Error = null, TaskRecord? Dispatched = null, bool IsPoll = false)
{
    internal static readonly byte[] EmptyObject = "{}"u8.ToArray();

    internal static Reply Ok(byte[] body, TaskRecord? dispatched = null) => new(200, body, null, dispatched, dispatched is not null);

    internal static Reply Empty(bool isPoll = false) => new(200, EmptyObject, IsPoll: isPoll);

    internal static Reply Of(ServiceError error) => new(error.Status, error.ToJson(), error);
}
