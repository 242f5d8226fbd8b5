using System;
using System.Collections.Generic;
using System.IO;
using System.Text.Json;
using ActivityCore.Errors;
using ActivityCore.Retries;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using LanguageExt;
using Xunit;
using static LanguageExt.Prelude;

namespace ActivityCore.Tests.Core.Retries;

/// <summary>
/// The retry decision under both rule sets (<see cref="Retry.Decide(RetryRules, FailedAttempt, RetryQuota, double, RetryPolicy)"/>):
/// the rows of Data/retry-rules.json, each citing the public text it follows, then properties over all inputs.
/// </summary>
public class RetryRulesTests
{
    private static readonly ErrorKind[] Kinds = Enum.GetValues<ErrorKind>();

    public static IEnumerable<object[]> Rows()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Data", "retry-rules.json")));
        foreach (JsonElement row in doc.RootElement.GetProperty("rows").EnumerateArray())
        {
            yield return [row.GetProperty("name").GetString()!, row.GetRawText()];
        }
    }

    [Theory]
    [MemberData(nameof(Rows))]
    public void Each_row_of_the_table_is_decided_as_its_source_says(string name, string json)
    {
        using var doc = JsonDocument.Parse(json);
        JsonElement row = doc.RootElement;
        Assert.StartsWith("https://", row.GetProperty("source").GetString(), StringComparison.Ordinal);
        Assert.False(string.IsNullOrWhiteSpace(row.GetProperty("quote").GetString()), name);
        var rules = Enum.Parse<RetryRules>(row.GetProperty("rules").GetString()!);
        var policy = Policy(row.GetProperty("maxAttempts").GetInt32());
        var failed = new FailedAttempt(Enum.Parse<ErrorKind>(row.GetProperty("kind").GetString()!), row.GetProperty("attempt").GetInt32())
        {
            IsTimeout = row.GetProperty("timeout").GetBoolean(),
            IsLongPolling = row.GetProperty("longPoll").GetBoolean(),
            RetryAfter = Ms(row.GetProperty("retryAfterMs")),
        };
        var quota = Quota(row.GetProperty("quota").GetInt32());

        RetryStep step = Retry.Decide(rules, failed, quota, row.GetProperty("jitter").GetDouble(), policy);

        JsonElement expect = row.GetProperty("expect");
        Assert.Equal(expect.GetProperty("quotaAfter").GetInt32(), step.Quota.Available);
        step.Decision.Match(
            retryAfter: r =>
            {
                Assert.Equal("retry", expect.GetProperty("decision").GetString());
                Assert.Equal(TimeSpan.FromMilliseconds(expect.GetProperty("delayMs").GetInt32()), r.Delay);
                Assert.Equal(expect.GetProperty("cost").GetInt32(), step.Cost);
                return unit;
            },
            giveUp: g =>
            {
                Assert.Equal("giveUp", expect.GetProperty("decision").GetString());
                Assert.Equal(expect.GetProperty("reason").GetString(), g.Reason.Match(
                    notRetryable: static _ => "NotRetryable", attemptsExhausted: static _ => "AttemptsExhausted", quotaEmpty: static _ => "QuotaEmpty"));
                Assert.Equal(Ms(expect.GetProperty("waitFirstMs")), g.WaitFirst);
                Assert.Equal(0, step.Cost);
                return unit;
            });
    }

    [Theory]
    [InlineData(null, RetryRules.Standard)]
    [InlineData("", RetryRules.Standard)]
    [InlineData("false", RetryRules.Standard)]
    [InlineData("1", RetryRules.Standard)]
    [InlineData("yes", RetryRules.Standard)]
    [InlineData("truee", RetryRules.Standard)]
    [InlineData("true", RetryRules.Standard2026)]
    [InlineData("TRUE", RetryRules.Standard2026)]
    [InlineData("True", RetryRules.Standard2026)]
    [InlineData(" true ", RetryRules.Standard2026)]
    public void The_opt_in_flag_selects_the_2026_rules_only_when_true(string? value, RetryRules expected)
    {
        Assert.Equal("AWS_NEW_RETRIES_2026", RetryRulesFlag.EnvironmentVariable);
        Assert.Equal(expected, RetryRulesFlag.Parse(value));
    }

    [Theory]
    [InlineData(RetryRules.Standard, ErrorKind.Transient, false, 5)]
    [InlineData(RetryRules.Standard, ErrorKind.Transient, true, 10)]
    [InlineData(RetryRules.Standard, ErrorKind.Throttling, false, 5)]
    [InlineData(RetryRules.Standard2026, ErrorKind.Transient, false, 14)]
    [InlineData(RetryRules.Standard2026, ErrorKind.Transient, true, 14)]
    [InlineData(RetryRules.Standard2026, ErrorKind.Throttling, false, 5)]
    [InlineData(RetryRules.Standard2026, ErrorKind.Throttling, true, 5)]
    [InlineData(RetryRules.Standard2026, ErrorKind.ExpiredCredentials, false, 14)]
    public void The_cost_of_a_retry(RetryRules rules, ErrorKind kind, bool timeout, int cost) =>
        Assert.Equal(cost, RetryQuota.CostOf(rules, kind, timeout));

    [Property]
    public bool The_delay_is_never_negative_and_never_beyond_the_cap_plus_5_s(int kindIndex, PositiveInt attempts, NormalFloat random, int retryAfterMs, bool rules2026)
    {
        var rules = rules2026 ? RetryRules.Standard2026 : RetryRules.Standard;
        var failed = new FailedAttempt(Kinds[Math.Abs(kindIndex % Kinds.Length)], Math.Min(attempts.Get, 19))
        {
            RetryAfter = retryAfterMs >= 0 ? Some(TimeSpan.FromMilliseconds(retryAfterMs)) : None,
        };
        var step = Retry.Decide(rules, failed, RetryQuota.Full, random.Get, Policy(20));
        return step.Decision.NextDelay.ForAll(d => d >= TimeSpan.Zero && d <= TimeSpan.FromSeconds(25));
    }

    [Property]
    public bool Under_the_2026_rules_a_retry_after_is_held_within_the_backoff_and_5_s_more(PositiveInt attempts, NormalFloat random, NonNegativeInt retryAfterMs, bool throttling)
    {
        ErrorKind kind = throttling ? ErrorKind.Throttling : ErrorKind.Transient;
        int made = Math.Min(attempts.Get, 19);
        double r = Math.Abs(random.Get) % 1;
        var after = TimeSpan.FromMilliseconds(retryAfterMs.Get);
        var backoff = Retry.Backoff(RetryRules.Standard2026, kind, made, r, Policy(20));
        var step = Retry.Decide(RetryRules.Standard2026, new FailedAttempt(kind, made) { RetryAfter = Some(after) }, RetryQuota.Full, r, Policy(20));
        return step.Decision.NextDelay == Some(after < backoff ? backoff : after > backoff + TimeSpan.FromSeconds(5) ? backoff + TimeSpan.FromSeconds(5) : after);
    }

    [Property]
    public bool Under_the_standard_rules_a_retry_after_changes_nothing(PositiveInt attempts, NormalFloat random, NonNegativeInt retryAfterMs)
    {
        int made = Math.Min(attempts.Get, 19);
        var without = Retry.Decide(RetryRules.Standard, new FailedAttempt(ErrorKind.Transient, made), RetryQuota.Full, random.Get, Policy(20));
        var with = Retry.Decide(RetryRules.Standard, new FailedAttempt(ErrorKind.Transient, made) { RetryAfter = Some(TimeSpan.FromMilliseconds(retryAfterMs.Get)) }, RetryQuota.Full, random.Get, Policy(20));
        return without == with;
    }

    [Property]
    public bool The_quota_pays_exactly_the_cost_of_a_retry_and_nothing_else(int kindIndex, PositiveInt attempts, NonNegativeInt available, bool timeout, bool longPoll, bool rules2026)
    {
        var rules = rules2026 ? RetryRules.Standard2026 : RetryRules.Standard;
        ErrorKind kind = Kinds[Math.Abs(kindIndex % Kinds.Length)];
        var quota = Quota(available.Get % 600);
        var step = Retry.Decide(rules, new FailedAttempt(kind, attempts.Get) { IsTimeout = timeout, IsLongPolling = longPoll }, quota, 0.5, RetryPolicy.Standard);
        return step.Decision.Match(
            retryAfter: _ => step.Cost == RetryQuota.CostOf(rules, kind, timeout) && step.Quota.Available == quota.Available - step.Cost,
            giveUp: g => step.Cost == 0 && step.Quota == quota
                         && g.WaitFirst.IsSome == (rules2026 && longPoll && g.Reason is GiveUpReason.QuotaEmpty));
    }

    [Property]
    public bool The_standard_rules_decide_as_the_quota_free_decision_when_the_quota_can_pay(int kindIndex, PositiveInt attempts, NormalFloat random)
    {
        ErrorKind kind = Kinds[Math.Abs(kindIndex % Kinds.Length)];
        var step = Retry.Decide(RetryRules.Standard, new FailedAttempt(kind, attempts.Get), RetryQuota.Full, random.Get, RetryPolicy.Standard);
        return step.Decision == Retry.Decide(kind, attempts.Get, random.Get, RetryPolicy.Standard);
    }

    private static RetryPolicy Policy(int maxAttempts) =>
        RetryPolicy.Create(maxAttempts, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(20)).Match(Right: p => p, Left: e => throw new InvalidOperationException(e.ToString()));

    /// <summary>A full bucket of 500 with only <paramref name="available"/> left (spent by standard-rule retries and a remainder).</summary>
    private static RetryQuota Quota(int available)
    {
        var quota = RetryQuota.Full;
        while (quota.Available - available >= RetryQuota.RetryCost)
        {
            quota = quota.TryAcquire(false).Match(Some: p => p.Quota, None: () => throw new InvalidOperationException());
        }

        return quota.Available == available ? quota : RetryQuota.WithCapacity(available);
    }

    private static Option<TimeSpan> Ms(JsonElement value) =>
        value.ValueKind == JsonValueKind.Null ? None : Some(TimeSpan.FromMilliseconds(value.GetInt32()));
}
