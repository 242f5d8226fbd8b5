using System;
using System.Linq;
using ActivityCore.Errors;
using ActivityCore.Operations;
using ActivityCore.Retries;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using LanguageExt;
using Xunit;

namespace ActivityCore.Tests.Core.Retries;

/// <summary>The retry decision union: its cases, its reasons, and that it agrees with the one meaning of "retryable".</summary>
public class RetryDecisionTests
{
    private static readonly ErrorKind[] Kinds = Enum.GetValues<ErrorKind>();


    [Property]
    public bool A_decision_retries_exactly_when_the_kind_is_retryable_and_attempts_are_left(int kindIndex, PositiveInt attempts, NormalFloat random)
    {
        ErrorKind kind = Kinds[Math.Abs(kindIndex % Kinds.Length)];
        double r = Math.Abs(random.Get) % 1;
        RetryDecision decision = Retry.Decide(kind, attempts.Get, r, RetryPolicy.Standard);
        bool retries = kind.IsRetryable() && attempts.Get < RetryPolicy.Standard.MaxAttempts;
        return decision.Match(retryAfter: _ => true, giveUp: _ => false) == retries;
    }

    [Property]
    public bool A_retry_waits_the_backoff(PositiveInt attempts, NormalFloat random)
    {
        double r = Math.Abs(random.Get) % 1;
        var policy = RetryPolicy.Create(20, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(20)).IfLeft(_ => throw new InvalidOperationException());
        int made = Math.Min(attempts.Get, 19);
        return Retry.Decide(ErrorKind.Throttling, made, r, policy).Match(
            retryAfter: retry => retry.Delay == Retry.Backoff(made, r, policy),
            giveUp: _ => false);
    }

    [Property]
    public bool Giving_up_says_why(int kindIndex, PositiveInt attempts)
    {
        ErrorKind kind = Kinds[Math.Abs(kindIndex % Kinds.Length)];
        int made = RetryPolicy.Standard.MaxAttempts + (attempts.Get % 5);
        return Retry.Decide(kind, made, 0.5, RetryPolicy.Standard).Match(
            retryAfter: _ => false,
            giveUp: g => g.Reason.Match(
                notRetryable: n => !kind.IsRetryable() && n.Kind == kind,
                attemptsExhausted: a => kind.IsRetryable() && a.Attempts == made,
                quotaEmpty: _ => false));
    }

    [Property]
    public bool The_design_card_form_is_the_delay_of_the_decision(int kindIndex, int attempts, NormalFloat random)
    {
        ErrorKind kind = Kinds[Math.Abs(kindIndex % Kinds.Length)];
        var error = new GetActivityTaskError.UnknownOperationError(kind switch
        {
            ErrorKind.Throttling => "ThrottlingException",
            ErrorKind.Transient => "InternalFailure",
            ErrorKind.ClockSkew => "RequestTimeTooSkewed",
            ErrorKind.ExpiredCredentials => "ExpiredTokenException",
            ErrorKind.TaskEnded => "TaskTimedOut",
            ErrorKind.Configuration => "InvalidArn",
            _ => "ValidationException",
        }, Prelude.None);
        return error.Kind == kind
            && Retry.Decide(error, attempts, random.Get) == Retry.Decide(error, attempts, random.Get, RetryPolicy.Standard).NextDelay;
    }

    [Fact]
    public void Every_case_matches_to_its_own_function()
    {
        RetryDecision[] decisions = [new RetryDecision.RetryAfter(TimeSpan.FromSeconds(2)), new RetryDecision.GiveUp(GiveUpReason.QuotaEmpty.Instance)];
        Assert.Equal(["retry 2s", "give up"], decisions.Select(d => d.Match(retryAfter: r => $"retry {r.Delay.TotalSeconds}s", giveUp: _ => "give up")));

        GiveUpReason[] reasons = [new GiveUpReason.NotRetryable(ErrorKind.TaskEnded), new GiveUpReason.AttemptsExhausted(3), GiveUpReason.QuotaEmpty.Instance];
        Assert.Equal(
            ["not retryable TaskEnded", "exhausted 3", "quota"],
            reasons.Select(r => r.Match(notRetryable: n => $"not retryable {n.Kind}", attemptsExhausted: a => $"exhausted {a.Attempts}", quotaEmpty: _ => "quota")));
        Assert.Equal(Prelude.Some(TimeSpan.FromSeconds(2)), decisions[0].NextDelay);
        Assert.True(decisions[1].NextDelay.IsNone);
    }

    [Theory]
    [InlineData(ErrorKind.ClockSkew)]
    [InlineData(ErrorKind.ExpiredCredentials)]
    public void Clock_skew_and_expired_credentials_are_retryable_in_the_one_vocabulary(ErrorKind kind)
    {
        Assert.True(kind.IsRetryable());
        Assert.IsType<RetryDecision.RetryAfter>(Retry.Decide(kind, 1, 0.5, RetryPolicy.Standard));
    }

    [Theory]
    [InlineData("RequestTimeTooSkewed", 400)]
    [InlineData("ExpiredTokenException", 400)]
    [InlineData("ThrottlingException", 400)]
    [InlineData("InternalFailure", 500)]
    [InlineData("InvalidArn", 400)]
    [InlineData("TaskTimedOut", 400)]
    public void Every_union_case_is_retryable_by_its_kind(string code, int status)
    {
        byte[] body = System.Text.Encoding.UTF8.GetBytes($"{{\"__type\":\"{code}\"}}");
        IOperationError[] errors =
        [
            .. GetActivityTask.ParseResponse(status, null, body).LeftToSeq(),
            .. SendTaskSuccess.ParseResponse(status, null, body).LeftToSeq(),
            .. SendTaskFailure.ParseResponse(status, null, body).LeftToSeq(),
            .. SendTaskHeartbeat.ParseResponse(status, null, body).LeftToSeq(),
            .. CreateActivity.ParseResponse(status, null, body).LeftToSeq(),
            .. DescribeActivity.ParseResponse(status, null, body).LeftToSeq(),
            .. DeleteActivity.ParseResponse(status, null, body).LeftToSeq(),
            .. ListActivities.ParseResponse(status, null, body).LeftToSeq(),
        ];
        Assert.Equal(8, errors.Length);
        Assert.All(errors, e => Assert.Equal(e.Kind.IsRetryable(), e.IsRetryable));
    }
}
