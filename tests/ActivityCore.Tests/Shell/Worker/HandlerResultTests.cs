using ActivityCore.Worker;
using FsCheck.Xunit;
using LanguageExt;
using Xunit;
using static LanguageExt.Prelude;

namespace ActivityCore.Tests.Shell.Worker;

public class HandlerResultTests
{
    [Property]
    public bool An_output_converts_to_a_success(int output)
    {
        HandlerResult<int> result = output;
        return result.IsSuccess && result.ToEither() == Right<TaskFailure, int>(output) && result == HandlerResult.Success(output);
    }

    [Fact]
    public void A_TaskFailure_converts_to_a_failure()
    {
        var failure = TaskFailure.Bounded("Odd", "why");
        HandlerResult<int> result = failure;
        Assert.False(result.IsSuccess);
        Assert.Equal(Left<TaskFailure, int>(failure), result.ToEither());
    }

    [Fact]
    public void TaskFailure_Create_converts_to_its_failure_or_to_InvalidResult_naming_the_rule_and_not_the_text()
    {
        HandlerResult<int> valid = TaskFailure.Create("Odd", "why");
        HandlerResult<int> refused = TaskFailure.Create(new string('Z', TaskFailure.MaxErrorLength + 1), "why");

        Assert.Equal(Some("Odd"), valid.Match(Success: _ => None, Failure: f => f.Error));
        var invalid = refused.Match(Success: _ => TaskFailure.Bounded("", ""), Failure: f => f);
        Assert.Equal(Some(WorkerErrorCodes.InvalidResult), invalid.Error);
        Assert.Contains("TaskFailure.Error", invalid.Cause.IfNone(""), System.StringComparison.Ordinal);
        Assert.DoesNotContain("ZZZZ", invalid.Cause.IfNone(""), System.StringComparison.Ordinal);
    }

    [Fact]
    public void A_default_result_and_a_bottom_Either_are_failures_InvalidResult()
    {
        Assert.Equal(Some(WorkerErrorCodes.InvalidResult), default(HandlerResult<int>).Match(Success: _ => None, Failure: f => f.Error));
        HandlerResult<int> bottom = default(Either<TaskFailure, int>);
        Assert.Equal(Some(WorkerErrorCodes.InvalidResult), bottom.Match(Success: _ => None, Failure: f => f.Error));
        Assert.False(default(Either<TaskFailure, int>).IsRight);
    }

    [Fact]
    public void ToString_never_shows_the_output()
    {
        HandlerResult<string> result = "secret output";
        Assert.DoesNotContain("secret", result.ToString(), System.StringComparison.Ordinal);
    }
}
