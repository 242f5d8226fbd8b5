using System;
using System.Linq;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using LanguageExt;
using Xunit;

namespace ActivityCore.Tests.Core;

public class ValueTests
{
    private static Gen<string> StringOfLength(int min, int max) =>
        Gen.Choose(min, max).SelectMany(n => Gen.ArrayOf(Gen.Elements("abcXYZ09-_.é日".ToCharArray()), n)).Select(c => new string(c));

    [Property(MaxTest = 300)]
    public Property TaskToken_accepts_exactly_1_to_2048_characters() =>
        Prop.ForAll(Arb.From(StringOfLength(0, 2100)), s =>
            TaskToken.Parse(s).IsRight == s.Length is >= 1 and <= 2048);

    [Property(MaxTest = 300)]
    public Property WorkerName_accepts_exactly_1_to_80_characters() =>
        Prop.ForAll(Arb.From(StringOfLength(0, 120)), s =>
            WorkerName.Parse(s).IsRight == s.Length is >= 1 and <= 80);

    [Property(MaxTest = 300)]
    public Property ActivityName_accepts_1_to_80_safe_characters() =>
        Prop.ForAll(Arb.From(StringOfLength(0, 120)), s =>
            ActivityName.Parse(s).IsRight == s.Length is >= 1 and <= 80);

    [Property(MaxTest = 300)]
    public Property ActivityArn_accepts_the_activity_shape_up_to_256_characters() =>
        Prop.ForAll(
            Arb.From(
                from partition in Gen.Elements("aws", "aws-cn", "aws-us-gov", "local")
                from region in Gen.Elements("us-east-1", "cn-north-1", "eu-west-3")
                from name in StringOfLength(0, 240)
                select $"arn:{partition}:states:{region}:123456789012:activity:{name.Replace('.', '-')}"),
            arn =>
            {
                int nameLength = arn.Length - arn.LastIndexOf(':') - 1;
                bool valid = arn.Length <= 256 && nameLength is >= 1 and <= 80;
                return ActivityArn.Parse(arn).IsRight == valid;
            });

    [Theory]
    [InlineData(null, ValidationFailure.Missing)]
    [InlineData("", ValidationFailure.TooShort)]
    [InlineData("arn:aws:states:us-east-1:123456789012:stateMachine:x", ValidationFailure.InvalidFormat)]
    [InlineData("arn:aws:lambda:us-east-1:123456789012:activity:x", ValidationFailure.InvalidFormat)]
    [InlineData("arn:aws:states:us-east-1:123456789012:activity:", ValidationFailure.TooShort)]
    [InlineData("arn:aws:states:us-east-1:123456789012:activity:a:b", ValidationFailure.InvalidFormat)]
    [InlineData("arn::states:us-east-1:123456789012:activity:x", ValidationFailure.InvalidFormat)]
    [InlineData("arn:aws:states:us-east-1:123456789012:activity:has space", ValidationFailure.InvalidCharacter)]
    public void ActivityArn_refuses_with_a_typed_reason(string? arn, ValidationFailure expected) =>
        Assert.Equal(expected, ActivityArn.Parse(arn).Match(Right: _ => (ValidationFailure)(-1), Left: e => e.Failure));

    [Fact]
    public void ActivityArn_exposes_its_parts()
    {
        var arn = Assert.Single(ActivityArn.Parse("arn:aws-cn:states:cn-north-1:111122223333:activity:resize").RightToSeq());
        Assert.Equal(("aws-cn", "cn-north-1", "111122223333", "resize"), (arn.Partition, arn.Region, arn.Account, arn.Name));
        Assert.Equal("arn:aws-cn:states:cn-north-1:111122223333:activity:resize", arn.ToString());
    }

    [Theory]
    [InlineData("a b")]
    [InlineData("a<b")]
    [InlineData("a*b")]
    [InlineData("a/b")]
    [InlineData("a\u0007b")]
    public void ActivityName_refuses_the_characters_the_service_refuses(string name) =>
        Assert.True(ActivityName.Parse(name).IsLeft);

    [Fact]
    public void Lone_surrogates_are_refused_everywhere()
    {
        Assert.True(TaskToken.Parse("ab\uD800c").IsLeft);
        Assert.True(WorkerName.Parse("\uDC00").IsLeft);
        Assert.True(TaskOutput.Parse("\"\uD800\"").IsLeft);
        Assert.True(TaskFailure.Create("e\uD800", Option<string>.None).IsLeft);
        Assert.True(TaskToken.Parse("ok\uD83D\uDE00").IsRight);
    }

    [Theory]
    [InlineData("{}", true)]
    [InlineData("[1,2]", true)]
    [InlineData("\"s\"", true)]
    [InlineData("null", true)]
    [InlineData(" 42 ", true)]
    [InlineData("{", false)]
    [InlineData("{} {}", false)]
    [InlineData("nope", false)]
    [InlineData("{'a':1}", false)]
    public void TaskOutput_and_TaskInput_require_one_JSON_value(string json, bool valid)
    {
        Assert.Equal(valid, TaskOutput.Parse(json).IsRight);
        Assert.Equal(valid, TaskInput.Parse(json).IsRight);
    }

    [Fact]
    public void TaskOutput_is_capped_at_262144_UTF8_bytes()
    {
        string fits = "\"" + new string('a', TaskOutput.MaxUtf8Bytes - 2) + "\"";
        string over = "\"" + new string('a', TaskOutput.MaxUtf8Bytes - 3) + "é\"";
        Assert.True(TaskOutput.Parse(fits).IsRight);
        var error = Assert.Single(TaskOutput.Parse(over).LeftToSeq());
        Assert.Equal(ValidationFailure.TooLong, error.Failure);
    }

    [Fact]
    public void TaskInput_accepts_up_to_1048576_characters()
    {
        string fits = "\"" + new string('a', TaskInput.MaxLength - 2) + "\"";
        Assert.True(TaskInput.Parse(fits).IsRight);
        Assert.True(TaskInput.Parse(fits + " ").IsLeft);
    }

    [Fact]
    public void TaskFailure_limits_error_and_cause()
    {
        Assert.True(TaskFailure.Create(new string('e', 256), new string('c', 32_768)).IsRight);
        Assert.True(TaskFailure.Create(new string('e', 257), Option<string>.None).IsLeft);
        Assert.True(TaskFailure.Create(Option<string>.None, new string('c', 32_769)).IsLeft);
        Assert.True(TaskFailure.Create(string.Empty, string.Empty).IsRight);
    }

    [Property]
    public Property TaskFailure_Bounded_always_fits(NonNull<string> error, NonNull<string> cause)
    {
        var bounded = TaskFailure.Bounded(error.Get + new string('x', 300), cause.Get + "\uD800" + new string('y', 40_000));
        return (TaskFailure.Create(bounded.Error, bounded.Cause).IsRight).ToProperty();
    }

    [Fact]
    public void Sensitive_values_never_print_their_text()
    {
        const string Secret = "AAAAKgAAAAIAAAAAAAAAAxSecretTokenText";
        var token = Assert.Single(TaskToken.Parse(Secret).RightToSeq());
        var input = Assert.Single(TaskInput.Parse("{\"password\":\"hunter2\"}").RightToSeq());
        var output = Assert.Single(TaskOutput.Parse("{\"card\":\"4111\"}").RightToSeq());
        var failure = Assert.Single(TaskFailure.Create("Boom", "the cause mentions hunter2").RightToSeq());
        string printed = string.Join("|", token, input, output, failure, new ActivityTask(token, input));
        Assert.DoesNotContain("SecretToken", printed, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", printed, StringComparison.Ordinal);
        Assert.DoesNotContain("4111", printed, StringComparison.Ordinal);
        Assert.Contains("Boom", printed, StringComparison.Ordinal);
        Assert.Contains(token.Fingerprint, token.ToString(), StringComparison.Ordinal);

        // Validation messages never repeat the value either.
        string tooLong = new string('s', 2049);
        Assert.DoesNotContain("sss", TaskToken.Parse(tooLong).LeftToSeq().Single().ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", TaskOutput.Parse("{hunter2").LeftToSeq().Single().ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Values_have_value_equality()
    {
        Assert.Equal(TaskToken.Parse("t"), TaskToken.Parse("t"));
        Assert.NotEqual(TaskToken.Parse("t"), TaskToken.Parse("T"));
        Assert.Equal(ActivityArn.Parse("arn:aws:states:r:1:activity:a"), ActivityArn.Parse("arn:aws:states:r:1:activity:a"));
        Assert.Equal(TaskInput.Parse("{}"), TaskInput.Parse("{}"));
        Assert.Equal(WorkerName.Parse("w"), WorkerName.Parse("w"));

        // == is value equality too (not reference equality).
        ActivityArn a = ActivityArn.Parse("arn:aws:states:r:1:activity:a").Match(x => x, _ => null!);
        ActivityArn b = ActivityArn.Parse("arn:aws:states:r:1:activity:a").Match(x => x, _ => null!);
        Assert.True(a == b);
        Assert.False(a != b);
        Assert.False(a == null);
    }
}
