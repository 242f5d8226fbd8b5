using System;
using FsCheck.Xunit;
using LanguageExt;
using Xunit;
using static LanguageExt.Prelude;

namespace ActivityCore.Tests.Shell;

/// <summary>The state-passing matches: the same answers as language-ext's Match, and no allocation with static lambdas and a struct state.</summary>
public class UnionMatchTests
{
    [Property]
    public bool An_option_matches_as_language_ext_does(int? content, int state)
    {
        Option<int> option = content is { } c ? Some(c) : None;
        var passed = option.Match(state, some: static (s, v) => (long)s + v, none: static s => -(long)s);
        return passed == option.Match(Some: v => (long)state + v, None: () => -(long)state);
    }

    [Property]
    public bool An_either_matches_as_language_ext_does(bool isRight, int value, int state)
    {
        Either<string, int> either = isRight ? Right(value) : Left(value.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var passed = either.Match(state, right: static (s, r) => $"R{s}:{r}", left: static (s, l) => $"L{s}:{l}");
        return passed == either.Match(Right: r => $"R{state}:{r}", Left: l => $"L{state}:{l}");
    }

    [Fact]
    public void IfLeft_runs_on_a_left_only()
    {
        var seen = new System.Collections.Generic.List<string>();
        Left<string, int>("no").IfLeft(seen, static (s, l) => s.Add(l));
        Right<string, int>(1).IfLeft(seen, static (s, l) => s.Add(l));
        Assert.Equal(["no"], seen);
    }

    [Fact]
    public void A_bottom_either_throws_and_calls_neither_function()
    {
        var calls = new int[1];
        Either<string, int> bottom = default;
        Assert.ThrowsAny<Exception>(() => bottom.Match(calls, right: static (c, _) => ++c[0], left: static (c, _) => ++c[0]));
        Assert.ThrowsAny<Exception>(() => bottom.IfLeft(calls, static (c, _) => c[0]++));
        Assert.Equal(0, calls[0]);
    }

    [Fact]
    public void Matching_a_value_type_option_with_a_struct_state_allocates_nothing()
    {
        Option<TimeSpan> some = Some(TimeSpan.FromSeconds(3));
        Option<TimeSpan> none = None;
        Either<int, TimeSpan> right = Right(TimeSpan.FromSeconds(1));
        Either<int, TimeSpan> left = Left(7);
        var state = (Scale: 2L, Offset: 1L);
        long sum = Run(some, none, right, left, state); // warm-up: the static lambdas' delegates are cached on first use
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 1000; i++)
        {
            sum += Run(some, none, right, left, state);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal(1001 * ((3 * 2) + 1 + (1 * 2) + 7 + 1), sum);
    }

    private static long Run(Option<TimeSpan> some, Option<TimeSpan> none, Either<int, TimeSpan> right, Either<int, TimeSpan> left, (long Scale, long Offset) state) =>
        some.Match(state, some: static (s, t) => (long)t.TotalSeconds * s.Scale, none: static s => s.Offset)
        + none.Match(state, some: static (s, t) => (long)t.TotalSeconds * s.Scale, none: static s => s.Offset)
        + right.Match(state, right: static (s, t) => (long)t.TotalSeconds * s.Scale, left: static (s, l) => l + s.Offset)
        + left.Match(state, right: static (s, t) => (long)t.TotalSeconds * s.Scale, left: static (s, l) => l + s.Offset);
}
