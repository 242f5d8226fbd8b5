using System;
using LanguageExt;

namespace ActivityCore;

/// <summary>
/// Matches on <see cref="Option{A}"/> and <see cref="Either{L, R}"/> that pass a state to their functions, for the
/// worker's and client's per-task and per-attempt paths: with <c>static</c> lambdas and a struct (or reference) state,
/// a match allocates nothing (no closure, no delegate, no boxing of a value-type content), where a lambda over the
/// caller's locals is a closure and a delegate per call. Elsewhere, plain <c>Match</c> reads better.
/// This is the one place in the shell where a union is opened (<c>IsSome</c>/<c>IsRight</c> and language-ext's own
/// explicit conversion, which refuses a bottom <see cref="Either{L, R}"/>): every caller matches, none casts.
/// </summary>
internal static class UnionMatch
{
    /// <summary>The result of <paramref name="some"/> on the content, or of <paramref name="none"/>, both given <paramref name="state"/>.</summary>
    /// <typeparam name="TValue">The content's type.</typeparam>
    /// <typeparam name="TState">The state's type.</typeparam>
    /// <typeparam name="TResult">The result's type.</typeparam>
    /// <param name="option">The option.</param>
    /// <param name="state">What the functions need (instead of capturing it).</param>
    /// <param name="some">The result for a content.</param>
    /// <param name="none">The result for none.</param>
    /// <returns>The result.</returns>
    public static TResult Match<TValue, TState, TResult>(this Option<TValue> option, TState state, Func<TState, TValue, TResult> some, Func<TState, TResult> none) =>
        option.IsSome ? some(state, (TValue)option) : none(state);

    /// <summary>The result of <paramref name="right"/> on a right, or of <paramref name="left"/> on a left, both given <paramref name="state"/>.</summary>
    /// <typeparam name="TLeft">The left's type.</typeparam>
    /// <typeparam name="TRight">The right's type.</typeparam>
    /// <typeparam name="TState">The state's type.</typeparam>
    /// <typeparam name="TResult">The result's type.</typeparam>
    /// <param name="either">The either (a bottom one throws, from language-ext's conversion).</param>
    /// <param name="state">What the functions need (instead of capturing it).</param>
    /// <param name="right">The result for a right.</param>
    /// <param name="left">The result for a left.</param>
    /// <returns>The result.</returns>
    public static TResult Match<TLeft, TRight, TState, TResult>(this Either<TLeft, TRight> either, TState state, Func<TState, TRight, TResult> right, Func<TState, TLeft, TResult> left) =>
        either.IsRight ? right(state, (TRight)either) : left(state, (TLeft)either);

    /// <summary>Runs <paramref name="action"/> on a left, given <paramref name="state"/>; nothing on a right.</summary>
    /// <typeparam name="TLeft">The left's type.</typeparam>
    /// <typeparam name="TRight">The right's type.</typeparam>
    /// <typeparam name="TState">The state's type.</typeparam>
    /// <param name="either">The either (a bottom one throws, from language-ext's conversion).</param>
    /// <param name="state">What the action needs (instead of capturing it).</param>
    /// <param name="action">The action on a left.</param>
    public static void IfLeft<TLeft, TRight, TState>(this Either<TLeft, TRight> either, TState state, Action<TState, TLeft> action)
    {
        if (!either.IsRight)
        {
            action(state, (TLeft)either);
        }
    }
}
