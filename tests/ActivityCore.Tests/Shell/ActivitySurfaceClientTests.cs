using System;
using System.Linq;
using System.Threading.Tasks;
using ActivityCore.Errors;
using ActivityCore.Local;
using ActivityCore.Operations;
using Amazon.Runtime;
using LanguageExt;
using Xunit;
using static ActivityCore.Tests.Shell.ClientFixture;
using static LanguageExt.Prelude;

namespace ActivityCore.Tests.Shell;

/// <summary>
/// The client's CreateActivity with tags and an encryption configuration, DescribeActivity's configuration, and the
/// client's parse of the local endpoint's answers (the same endpoint the JS SDK conformance rows drive).
/// </summary>
public class ActivitySurfaceClientTests
{
    private const string AccessKey = "AKIDSURFACETEST";
    private const string SecretKey = "surface/test/secret+key/000000000000000";

    private static Task<LocalStepFunctions> StartAsync() =>
        LocalStepFunctions.StartAsync(new LocalStepFunctionsOptions
        {
            PollHoldTime = TimeSpan.FromMilliseconds(200),
            Credentials = new LocalCredentials(AccessKey, SecretKey),
        });

    private static ActivityClient ClientFor(LocalStepFunctions local) => NewClient(new ActivityClientOptions
    {
        Region = "us-east-1",
        ServiceUrl = local.ServiceUrl,
        Credentials = new BasicAWSCredentials(AccessKey, SecretKey),
        RetryBaseDelay = TimeSpan.Zero,
    });

    private static readonly EncryptionConfiguration CustomerKey = EncryptionConfiguration.CustomerManaged("alias/surface", Some(120)).RightOrThrow();

    private static CreateActivityRequest Request(string name, params (string Key, string Value)[] tags) =>
        new(ActivityName.Parse(name).RightOrThrow())
        {
            Tags = Tags.FromPairs(System.Array.ConvertAll(tags, static t => new System.Collections.Generic.KeyValuePair<string, string>(t.Key, t.Value))).RightOrThrow(),
        };

    [Fact]
    public async Task Created_with_a_customer_key_and_tags_it_describes_its_configuration()
    {
        await using var local = await StartAsync();
        using var client = ClientFor(local);

        var created = (await client.CreateActivityAsync(Request("keyed", ("team", "a")) with { EncryptionConfiguration = Some(CustomerKey) })).RightOrThrow();
        var described = (await client.DescribeActivityAsync(created.ActivityArn)).RightOrThrow();
        var plain = (await client.CreateActivityAsync(ActivityName.Parse("plain").RightOrThrow())).RightOrThrow();
        var describedPlain = (await client.DescribeActivityAsync(plain.ActivityArn)).RightOrThrow();

        Assert.Equal(Some(CustomerKey), described.EncryptionConfiguration);
        Assert.Equal(Some(EncryptionConfiguration.AwsOwnedKey), describedPlain.EncryptionConfiguration);
    }

    [Fact]
    public async Task The_same_name_with_other_tags_is_the_same_activity_and_another_key_is_ActivityAlreadyExists()
    {
        await using var local = await StartAsync();
        using var client = ClientFor(local);

        var first = (await client.CreateActivityAsync(Request("same", ("team", "a")))).RightOrThrow();
        var otherTags = (await client.CreateActivityAsync(Request("same", ("team", "b"), ("x", "y")))).RightOrThrow();
        var otherKey = (await client.CreateActivityAsync(Request("same") with { EncryptionConfiguration = Some(CustomerKey) })).LeftOrThrow();

        Assert.Equal(first.ActivityArn, otherTags.ActivityArn);
        Assert.IsType<CreateActivityError.ActivityAlreadyExists>(Assert.IsType<ActivityFailure<CreateActivityError>.ServiceError>(otherKey).Error);
    }

    [Fact]
    public async Task TagResource_UntagResource_and_ListTagsForResource_manage_an_activity_s_tags()
    {
        await using var local = await StartAsync();
        using var client = ClientFor(local);
        var arn = (await client.CreateActivityAsync(Request("tagged", ("team", "a"), ("env", "dev")))).RightOrThrow().ActivityArn;

        (await client.TagResourceAsync(arn, Tags.FromPairs([new("team", "b"), new("cost", "42")]).RightOrThrow())).RightOrThrow();
        (await client.UntagResourceAsync(arn, TagKeys.Create(["env", "absent"]).RightOrThrow())).RightOrThrow();
        var tags = (await client.ListTagsForResourceAsync(arn)).RightOrThrow();

        Assert.Equal([new("team", "b"), new("cost", "42")], tags);
    }

    [Fact]
    public async Task The_tag_operations_errors_come_back_as_their_cases()
    {
        await using var local = await StartAsync();
        using var client = ClientFor(local);
        var arn = (await client.CreateActivityAsync(Request("full"))).RightOrThrow().ActivityArn;
        var missing = ActivityArn.Parse(arn.Value + "-missing").RightOrThrow();
        var fifty = Tags.FromPairs(System.Linq.Enumerable.Range(0, 50).Select(static i => new System.Collections.Generic.KeyValuePair<string, string>("k" + i, "v"))).RightOrThrow();
        (await client.TagResourceAsync(arn, fifty)).RightOrThrow();

        var tooMany = (await client.TagResourceAsync(arn, Tags.FromPairs([new("one", "more")]).RightOrThrow())).LeftOrThrow();
        var notFound = (await client.ListTagsForResourceAsync(missing)).LeftOrThrow();
        var untagMissing = (await client.UntagResourceAsync(missing, TagKeys.Create(["k0"]).RightOrThrow())).LeftOrThrow();

        var tooManyError = Assert.IsType<TagResourceError.TooManyTags>(Assert.IsType<ActivityFailure<TagResourceError>.ServiceError>(tooMany).Error);
        Assert.Equal(Some(arn.Value), tooManyError.ResourceName);
        var notFoundError = Assert.IsType<ListTagsForResourceError.ResourceNotFound>(Assert.IsType<ActivityFailure<ListTagsForResourceError>.ServiceError>(notFound).Error);
        Assert.Equal(Some(missing.Value), notFoundError.ResourceName);
        Assert.IsType<UntagResourceError.ResourceNotFound>(Assert.IsType<ActivityFailure<UntagResourceError>.ServiceError>(untagMissing).Error);
        Assert.Equal(50, (await client.ListTagsForResourceAsync(arn)).RightOrThrow().Count);
    }
}
