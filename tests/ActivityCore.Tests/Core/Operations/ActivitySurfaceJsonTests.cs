using System;
using System.Buffers;
using System.Linq;
using System.Text;
using System.Text.Json;
using ActivityCore.Operations;
using ActivityCore.Tests.Shell;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using LanguageExt;
using Xunit;
using static LanguageExt.Prelude;

namespace ActivityCore.Tests.Core.Operations;

/// <summary>CreateActivity writes tags and encryptionConfiguration; DescribeActivity reads encryptionConfiguration back.</summary>
public class ActivitySurfaceJsonTests
{
    private static readonly ActivityName Name = ActivityName.Parse("surface").RightOrThrow();

    private static Gen<EncryptionConfiguration> Configurations =>
        Gen.OneOf(
            Gen.Constant(EncryptionConfiguration.AwsOwnedKey),
            from key in Gen.Elements("alias/k", "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab", "k\"é\\")
            from period in Gen.OneOf(Gen.Constant(Option<int>.None), Gen.Choose(60, 900).Select(static s => Some(s)))
            select EncryptionConfiguration.CustomerManaged(key, period).RightOrThrow());

    private static Gen<Tags> TagSets =>
        from count in Gen.Choose(0, 5)
        from values in Gen.ArrayOf(Gen.Elements("", "a b", "é=+-@", "x/y:z"), count)
        select Tags.FromPairs(values.Select((v, i) => new System.Collections.Generic.KeyValuePair<string, string>("k" + i, v))).RightOrThrow();

    private static JsonElement Written(CreateActivityRequest request)
    {
        var buffer = new ArrayBufferWriter<byte>();
        CreateActivity.WriteRequest(request, buffer);
        using var doc = JsonDocument.Parse(buffer.WrittenMemory);
        return doc.RootElement.Clone();
    }

    [Fact]
    public void A_name_alone_is_written_as_before()
    {
        var buffer = new ArrayBufferWriter<byte>();
        CreateActivity.WriteRequest(new CreateActivityRequest(Name), buffer);
        Assert.Equal("{\"name\":\"surface\"}", Encoding.UTF8.GetString(buffer.WrittenSpan));
    }

    [Property(MaxTest = 200)]
    public Property Tags_and_encryption_are_written_as_the_service_model_names_them() =>
        Prop.ForAll(Arb.From(TagSets), Arb.From(Configurations), (tags, configuration) =>
        {
            var json = Written(new CreateActivityRequest(Name) { Tags = tags, EncryptionConfiguration = Some(configuration) });
            bool tagsRight = tags.Count == 0
                ? !json.TryGetProperty("tags", out _)
                : json.GetProperty("tags").EnumerateArray().Select(static t => (t.GetProperty("key").GetString(), t.GetProperty("value").GetString()))
                    .SequenceEqual(tags.Select(static t => ((string?)t.Key, (string?)t.Value)));
            var e = json.GetProperty("encryptionConfiguration");
            bool encryptionRight = e.GetProperty("type").GetString() == EncryptionConfiguration.WireName(configuration.Type)
                && (e.TryGetProperty("kmsKeyId", out var k) ? Some(k.GetString()!) : None) == configuration.KmsKeyId
                && (e.TryGetProperty("kmsDataKeyReusePeriodSeconds", out var p) ? Some(p.GetInt32()) : None) == configuration.KmsDataKeyReusePeriodSeconds;
            return tagsRight && encryptionRight;
        });

    [Property(MaxTest = 200)]
    public Property DescribeActivity_reads_back_the_configuration_written() =>
        Prop.ForAll(Arb.From(Configurations), configuration =>
        {
            var written = Written(new CreateActivityRequest(Name) { EncryptionConfiguration = Some(configuration) }).GetProperty("encryptionConfiguration").GetRawText();
            string answer = "{\"activityArn\":\"arn:aws:states:us-east-1:123456789012:activity:surface\",\"name\":\"surface\",\"creationDate\":1.7E9,\"encryptionConfiguration\":" + written + "}";
            var info = DescribeActivity.ParseResponse(200, null, Encoding.UTF8.GetBytes(answer)).RightOrThrow();
            return info.EncryptionConfiguration == Some(configuration);
        });

    [Theory]
    [InlineData("")]
    [InlineData(",\"encryptionConfiguration\":null")]
    [InlineData(",\"encryptionConfiguration\":{\"type\":\"SOME_FUTURE_KEY\"}")]
    [InlineData(",\"encryptionConfiguration\":{\"kmsKeyId\":\"k\"}")]
    [InlineData(",\"encryptionConfiguration\":[1]")]
    public void A_missing_or_unknown_configuration_is_None_and_the_answer_still_reads(string member)
    {
        string answer = "{\"activityArn\":\"arn:aws:states:us-east-1:123456789012:activity:a\",\"name\":\"a\",\"creationDate\":1" + member + "}";
        var info = DescribeActivity.ParseResponse(200, null, Encoding.UTF8.GetBytes(answer)).RightOrThrow();
        Assert.True(info.EncryptionConfiguration.IsNone);
    }

    [Fact]
    public void The_service_answer_is_taken_as_it_is()
    {
        const string Answer = "{\"activityArn\":\"arn:aws:states:us-east-1:123456789012:activity:a\",\"name\":\"a\",\"creationDate\":1,"
            + "\"encryptionConfiguration\":{\"kmsDataKeyReusePeriodSeconds\":300,\"type\":\"CUSTOMER_MANAGED_KMS_KEY\",\"kmsKeyId\":\"arn:aws:kms:us-east-1:1:key/x\",\"extra\":{}}}";
        var configuration = DescribeActivity.ParseResponse(200, null, Encoding.UTF8.GetBytes(Answer)).RightOrThrow().EncryptionConfiguration;
        Assert.Equal(EncryptionConfiguration.CustomerManaged("arn:aws:kms:us-east-1:1:key/x", Some(300)).RightOrThrow(), configuration.IfNone(EncryptionConfiguration.AwsOwnedKey));
    }
}
