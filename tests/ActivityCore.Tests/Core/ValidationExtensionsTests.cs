using System;
using FsCheck.Xunit;
using LanguageExt;
using Xunit;

namespace ActivityCore.Tests.Core;

public class ValidationExtensionsTests
{
    [Property]
    public void OrThrow_gives_the_value_or_throws_a_ValidationException_carrying_the_error(string? text)
    {
        ActivityArn.Parse(text!).Match(
            Right: arn => Assert.Equal(arn, ActivityArn.Parse(text!).OrThrow()),
            Left: error =>
            {
                var thrown = Assert.Throws<ValidationException>(() => ActivityArn.Parse(text!).OrThrow());
                Assert.Equal(error, thrown.Error);
                Assert.Equal(error.ToString(), thrown.Message);
            });
    }

    [Fact]
    public void OrThrow_returns_a_valid_value()
    {
        const string Arn = "arn:aws:states:us-east-1:123456789012:activity:work";
        Assert.Equal(Arn, ActivityArn.Parse(Arn).OrThrow().Value);
    }

    [Fact]
    public void OrThrow_refuses_a_bottom_Either() =>
        Assert.Throws<ArgumentException>(() => default(Either<ValidationError, int>).OrThrow());
}
