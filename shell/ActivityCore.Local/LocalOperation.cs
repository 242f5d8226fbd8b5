using ActivityCore.Operations;

namespace ActivityCore.Local;

/// <summary>The activity and tag operations the endpoint serves (the <c>X-Amz-Target</c> suffix).</summary>
public enum LocalOperation
{
    /// <summary><c>AWSStepFunctions.CreateActivity</c>.</summary>
    CreateActivity = 0,

    /// <summary><c>AWSStepFunctions.DescribeActivity</c>.</summary>
    DescribeActivity = 1,

    /// <summary><c>AWSStepFunctions.DeleteActivity</c>.</summary>
    DeleteActivity = 2,

    /// <summary><c>AWSStepFunctions.ListActivities</c>.</summary>
    ListActivities = 3,

    /// <summary><c>AWSStepFunctions.GetActivityTask</c>.</summary>
    GetActivityTask = 4,

    /// <summary><c>AWSStepFunctions.SendTaskSuccess</c>.</summary>
    SendTaskSuccess = 5,

    /// <summary><c>AWSStepFunctions.SendTaskFailure</c>.</summary>
    SendTaskFailure = 6,

    /// <summary><c>AWSStepFunctions.SendTaskHeartbeat</c>.</summary>
    SendTaskHeartbeat = 7,

    /// <summary><c>AWSStepFunctions.TagResource</c> (activity ARNs).</summary>
    TagResource = 8,

    /// <summary><c>AWSStepFunctions.UntagResource</c> (activity ARNs).</summary>
    UntagResource = 9,

    /// <summary><c>AWSStepFunctions.ListTagsForResource</c> (activity ARNs).</summary>
    ListTagsForResource = 10,
}
