using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using LanguageExt;
using ActivityCore.Tests.Shell;
using Xunit;

namespace ActivityCore.Tests.Core;

/// <summary>
/// Tag, Tags and TagKeys: key 1..128 and value 0..256 characters of the tagging pattern
/// <c>^([\p{L}\p{Z}\p{N}_.:/=+\-@]*)$</c> (service model Tag/TagKey/TagValue), no <c>aws:</c> key, at most 50 unique keys
/// (Step Functions quotas, "Tags").
/// </summary>
public class TagTests
{
    /// <summary>Characters of the pattern: ASCII letters and digits, the symbols, a space, letters and digits of other scripts.</summary>
    private static readonly Gen<string> Allowed =
        Gen.Elements("a", "Z", "0", "9", "_", ".", ":", "/", "=", "+", "-", "@", " ", "é", "日", "٣", "\u00A0", "𝒜");

    /// <summary>Characters outside the pattern.</summary>
    private static readonly Gen<string> Refused = Gen.Elements("*", "#", "!", "\t", "\n", "\"", "\\", "<", "%", "$", ",", ";", "?", "\u0000", "😀");

    private static Gen<string> TextOf(int min, int max) =>
        Gen.Choose(min, max).SelectMany(n => Gen.ArrayOf(Allowed, n)).Select(parts => string.Concat(parts));

    [Property(MaxTest = 300)]
    public Property A_key_is_accepted_exactly_with_1_to_128_allowed_characters() =>
        Prop.ForAll(Arb.From(TextOf(0, 140)), key =>
        {
            bool expected = key.Length is >= 1 and <= Tag.MaxKeyLength && !key.StartsWith("aws:", StringComparison.OrdinalIgnoreCase);
            return Tag.Create(key, "v").IsRight == expected;
        });

    [Property(MaxTest = 300)]
    public Property A_value_is_accepted_exactly_with_0_to_256_allowed_characters() =>
        Prop.ForAll(Arb.From(TextOf(0, 270)), value =>
            Tag.Create("k", value).IsRight == value.Length <= Tag.MaxValueLength);

    [Property(MaxTest = 300)]
    public Property One_refused_character_anywhere_refuses_the_tag() =>
        Prop.ForAll(Arb.From(TextOf(1, 20)), Arb.From(Refused), Arb.From(Gen.Choose(0, 20)), (text, bad, at) =>
        {
            string spoiled = text.Insert(Math.Min(at, text.Length), bad);
            var keyError = Tag.Create(spoiled, "v").Match(Right: _ => ValidationFailure.Missing, Left: e => e.Failure);
            var valueError = Tag.Create("k", spoiled).Match(Right: _ => ValidationFailure.Missing, Left: e => e.Failure);
            return (keyError, valueError) == (ValidationFailure.InvalidCharacter, ValidationFailure.InvalidCharacter)
                || spoiled.Length > Tag.MaxKeyLength;
        });

    [Theory]
    [InlineData("aws:cloudformation:stack-name")]
    [InlineData("AWS:x")]
    [InlineData("Aws:")]
    public void A_key_with_the_reserved_prefix_is_refused(string key)
    {
        var error = Tag.Create(key, "v").Match(Right: _ => null, Left: e => e);
        Assert.Equal(ValidationFailure.InvalidFormat, error?.Failure);
        Assert.True(Tag.Create("k", key).IsRight, "the prefix is reserved for keys only");
        Assert.True(Tag.Create("awsx:" + key, "v").IsRight);
    }

    [Fact]
    public void Null_and_lone_surrogates_are_refused()
    {
        Assert.Equal(ValidationFailure.Missing, Tag.Create(null, "v").Match(Right: _ => default, Left: e => e.Failure));
        Assert.Equal(ValidationFailure.Missing, Tag.Create("k", null).Match(Right: _ => default, Left: e => e.Failure));
        Assert.Equal(ValidationFailure.InvalidCharacter, Tag.Create("a\ud800", "v").Match(Right: _ => default, Left: e => e.Failure));
    }

    [Property(MaxTest = 200)]
    public Property Tags_accepts_at_most_50_unique_keys() =>
        Prop.ForAll(Arb.From(Gen.Choose(0, 60)), Arb.From(Gen.Elements(true, false)), (count, duplicate) =>
        {
            var tags = Enumerable.Range(0, count).Select(i => Tag.Create("k" + i.ToString(CultureInfo.InvariantCulture), "v").RightOrThrow()).ToList();
            if (duplicate && count > 0)
            {
                tags.Add(Tag.Create("k0", "other").RightOrThrow());
            }

            bool expected = tags.Count <= Tags.MaxCount && !(duplicate && count > 0);
            return Tags.Create(tags).Match(Right: t => expected && t.SequenceEqual(tags), Left: _ => !expected);
        });

    [Fact]
    public void Keys_are_case_sensitive_and_pairs_are_validated_one_by_one()
    {
        var tags = Tags.FromPairs([new("Team", "a"), new("team", "b")]).RightOrThrow();
        Assert.Equal(["Team=a", "team=b"], tags.Select(static t => t.ToString()));
        Assert.Equal("Tag.Key", Tags.FromPairs([new("ok", "v"), new("bad*", "v")]).LeftOrThrow().Field);
        Assert.Same(Tags.Empty, Tags.Create([]).RightOrThrow());
        Assert.Equal(tags, Tags.FromPairs([new("Team", "a"), new("team", "b")]).RightOrThrow());
    }

    [Fact]
    public void TagKeys_are_valid_keys_each_once()
    {
        Assert.Equal(["a", "b"], TagKeys.Create(["a", "b"]).RightOrThrow());
        Assert.Equal(ValidationFailure.InvalidFormat, TagKeys.Create(["a", "a"]).LeftOrThrow().Failure);
        Assert.Equal(ValidationFailure.TooShort, TagKeys.Create([""]).LeftOrThrow().Failure);
        Assert.Equal(ValidationFailure.InvalidFormat, TagKeys.Create(["aws:x"]).LeftOrThrow().Failure);
        Assert.True(TagKeys.Create([]).IsRight);
    }
}
