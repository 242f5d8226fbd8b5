using System;
using LanguageExt;

namespace ActivityCore;

/// <summary>
/// The one exit from validation results to exceptions, for a caller that wants one (as NodaTime's
/// <c>GetValueOrThrow</c>): <c>ActivityClient.Create(options).OrThrow()</c>. The core itself never throws for bad input.
/// </summary>
public static class ValidationExtensions
{
    /// <summary>The value, or a <see cref="ValidationException"/> carrying the error.</summary>
    /// <typeparam name="T">The value's type.</typeparam>
    /// <param name="result">A validation result.</param>
    /// <returns>The value.</returns>
    /// <exception cref="ValidationException">The result is the error (<see cref="ValidationException.Error"/>).</exception>
    /// <exception cref="ArgumentException">The result is a default (bottom) <c>Either</c>.</exception>
    public static T OrThrow<T>(this Either<ValidationError, T> result) =>
        result.IsBottom
            ? throw new ArgumentException("A default (bottom) Either holds neither a value nor an error.", nameof(result))
            : result.Match(Right: static value => value, Left: static error => throw new ValidationException(error));
}
