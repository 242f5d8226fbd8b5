using ActivityCore.Worker.Policies;
using Xunit;

namespace ActivityCore.Tests.Shell.Worker.Policies;

/// <summary>What a report's error answer means: presumed delivered after a retried send, or a call for a report without data.</summary>
public class TaskReportsAnswerTests
{
    [Theory]
    [InlineData("TaskTimedOut", true, true)]
    [InlineData("TaskDoesNotExist", true, true)]
    [InlineData("TaskTimedOut", false, false)]
    [InlineData("TaskDoesNotExist", false, false)]
    [InlineData("InvalidToken", true, false)]
    [InlineData("ServiceUnavailable", true, false)]
    [InlineData("", true, false)]
    public void Only_a_retried_report_answered_that_the_task_ended_is_presumed_delivered(string code, bool retried, bool presumed) =>
        Assert.Equal(presumed, TaskReports.PresumedDelivered(code, retried));

    [Theory]
    [InlineData("KmsAccessDeniedException", true)]
    [InlineData("KmsInvalidStateException", false)]
    [InlineData("KmsThrottlingException", false)]
    [InlineData("AccessDeniedException", false)]
    [InlineData("", false)]
    public void Only_KmsAccessDeniedException_calls_for_a_report_without_data(string code, bool needed) =>
        Assert.Equal(needed, TaskReports.NeedsReportWithoutData(code));
}
