using System;
using ActivityCore.Errors;
using ActivityCore.Operations;
using LanguageExt;

namespace ActivityCore;

/// <summary>A core <c>ParseResponse</c> function.</summary>
internal delegate Either<TError, TResult> ResponseParser<TError, TResult>(int status, string? errorTypeHeader, ReadOnlySpan<byte> body, bool isXml);

/// <summary>
/// What the transport needs to know of an operation: its name, its target header, its parser, its error factory (to
/// read an error answer whose texts the client redacts), whether it is the long poll.
/// </summary>
internal sealed record OperationSpec<TError, TResult>(string Name, string Target, ResponseParser<TError, TResult> Parse, ErrorFactory<TError> MakeError, bool IsPoll)
    where TError : IOperationError;

/// <summary>The activity and tag operations.</summary>
internal static class OperationSpecs
{
    public static readonly OperationSpec<GetActivityTaskError, Option<ActivityTask>> Poll =
        new(GetActivityTask.OperationName, GetActivityTask.Target, GetActivityTask.ParseResponse, GetActivityTaskError.FromCode, IsPoll: true);

    public static readonly OperationSpec<SendTaskSuccessError, Unit> Success =
        new(SendTaskSuccess.OperationName, SendTaskSuccess.Target, SendTaskSuccess.ParseResponse, SendTaskSuccessError.FromCode, IsPoll: false);

    public static readonly OperationSpec<SendTaskFailureError, Unit> Failure =
        new(SendTaskFailure.OperationName, SendTaskFailure.Target, SendTaskFailure.ParseResponse, SendTaskFailureError.FromCode, IsPoll: false);

    public static readonly OperationSpec<SendTaskHeartbeatError, Unit> Heartbeat =
        new(SendTaskHeartbeat.OperationName, SendTaskHeartbeat.Target, SendTaskHeartbeat.ParseResponse, SendTaskHeartbeatError.FromCode, IsPoll: false);

    public static readonly OperationSpec<CreateActivityError, CreatedActivity> Create =
        new(CreateActivity.OperationName, CreateActivity.Target, CreateActivity.ParseResponse, CreateActivityError.FromCode, IsPoll: false);

    public static readonly OperationSpec<DescribeActivityError, ActivityInfo> Describe =
        new(DescribeActivity.OperationName, DescribeActivity.Target, DescribeActivity.ParseResponse, DescribeActivityError.FromCode, IsPoll: false);

    public static readonly OperationSpec<DeleteActivityError, Unit> Delete =
        new(DeleteActivity.OperationName, DeleteActivity.Target, DeleteActivity.ParseResponse, DeleteActivityError.FromCode, IsPoll: false);

    public static readonly OperationSpec<ListActivitiesError, ActivityPage> List =
        new(ListActivities.OperationName, ListActivities.Target, ListActivities.ParseResponse, ListActivitiesError.FromCode, IsPoll: false);

    public static readonly OperationSpec<TagResourceError, Unit> Tag =
        new(TagResource.OperationName, TagResource.Target, TagResource.ParseResponse, TagResourceError.FromCode, IsPoll: false);

    public static readonly OperationSpec<UntagResourceError, Unit> Untag =
        new(UntagResource.OperationName, UntagResource.Target, UntagResource.ParseResponse, UntagResourceError.FromCode, IsPoll: false);

    public static readonly OperationSpec<ListTagsForResourceError, System.Collections.Generic.IReadOnlyList<System.Collections.Generic.KeyValuePair<string, string>>> ListTags =
        new(ListTagsForResource.OperationName, ListTagsForResource.Target, ListTagsForResource.ParseResponse, ListTagsForResourceError.FromCode, IsPoll: false);
}
