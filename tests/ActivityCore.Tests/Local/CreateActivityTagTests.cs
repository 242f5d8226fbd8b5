using System.Linq;
using System.Threading.Tasks;
using ActivityCore.Operations;
using Xunit;

namespace ActivityCore.Tests.Local;

/// <summary>CreateActivity again with the same name: the service ignores tags ("tags will not be updated") and refuses only another encryption configuration.</summary>
public class CreateActivityTagTests
{
    private static Task<RawResponse> CreateAsync(LocalServer s, string body) =>
        RawHttp.SendAsync(s.Local.ServiceUrl, "POST", "/", RawHttp.AwsHeaders(s.Local.ServiceUrl, "CreateActivity"), body);

    [Fact]
    public async Task Other_tags_answer_the_same_activity_and_do_not_update_its_tags()
    {
        await using var s = await LocalServer.StartAsync();
        var first = await CreateAsync(s, """{"name":"tagged","tags":[{"key":"team","value":"a"}]}""");
        var otherTags = await CreateAsync(s, """{"name":"tagged","tags":[{"key":"team","value":"b"},{"key":"more","value":""}]}""");
        var noTags = await CreateAsync(s, """{"name":"tagged"}""");

        Assert.Equal(200, first.Status);
        Assert.Equal((200, first.Body), (otherTags.Status, otherTags.Body));
        Assert.Equal((200, first.Body), (noTags.Status, noTags.Body));
    }

    [Fact]
    public async Task Another_encryption_configuration_is_ActivityAlreadyExists_whatever_the_tags()
    {
        await using var s = await LocalServer.StartAsync();
        await CreateAsync(s, """{"name":"keyed","tags":[{"key":"team","value":"a"}]}""");
        var otherKey = await CreateAsync(s, """{"name":"keyed","tags":[{"key":"team","value":"a"}],"encryptionConfiguration":{"type":"CUSTOMER_MANAGED_KMS_KEY","kmsKeyId":"alias/x","kmsDataKeyReusePeriodSeconds":300}}""");
        var sameKeyOtherTags = await CreateAsync(s, """{"name":"keyed","tags":[{"key":"team","value":"z"}],"encryptionConfiguration":{"type":"AWS_OWNED_KEY"}}""");

        Assert.Equal((400, "ActivityAlreadyExists"), (otherKey.Status, otherKey.Code));
        Assert.Equal(200, sameKeyOtherTags.Status);
    }

    private static Task<RawResponse> CallAsync(LocalServer s, string operation, string body) =>
        RawHttp.SendAsync(s.Local.ServiceUrl, "POST", "/", RawHttp.AwsHeaders(s.Local.ServiceUrl, operation), body);

    [Fact]
    public async Task DescribeActivity_returns_the_encryption_configuration_it_was_created_with()
    {
        await using var s = await LocalServer.StartAsync();
        var keyed = await CreateAsync(s, """{"name":"keyed","encryptionConfiguration":{"type":"CUSTOMER_MANAGED_KMS_KEY","kmsKeyId":"alias/x","kmsDataKeyReusePeriodSeconds":120}}""");
        var plain = await CreateAsync(s, """{"name":"plain"}""");

        var describedKeyed = await CallAsync(s, "DescribeActivity", "{\"activityArn\":\"" + keyed.Json.GetProperty("activityArn").GetString() + "\"}");
        var describedPlain = await CallAsync(s, "DescribeActivity", "{\"activityArn\":\"" + plain.Json.GetProperty("activityArn").GetString() + "\"}");

        Assert.Equal("""{"type":"CUSTOMER_MANAGED_KMS_KEY","kmsKeyId":"alias/x","kmsDataKeyReusePeriodSeconds":120}""", describedKeyed.Json.GetProperty("encryptionConfiguration").GetRawText());
        Assert.Equal("""{"type":"AWS_OWNED_KEY"}""", describedPlain.Json.GetProperty("encryptionConfiguration").GetRawText());
    }

    [Fact]
    public async Task More_than_50_tags_is_TooManyTags_naming_the_resource()
    {
        await using var s = await LocalServer.StartAsync();
        string tags = string.Join(",", System.Linq.Enumerable.Range(0, 51).Select(static i => "{\"key\":\"k" + i + "\",\"value\":\"v\"}"));
        var answer = await CreateAsync(s, "{\"name\":\"crowded\",\"tags\":[" + tags + "]}");

        Assert.Equal((400, "TooManyTags"), (answer.Status, answer.Code));
        Assert.Equal("arn:aws:states:us-east-1:123456789012:activity:crowded", answer.Json.GetProperty("resourceName").GetString());
        Assert.Equal(400, (await CallAsync(s, "DescribeActivity", """{"activityArn":"arn:aws:states:us-east-1:123456789012:activity:crowded"}""")).Status);
    }

    [Theory]
    [InlineData("""[{"key":"","value":"v"}]""", "tags.1.member.key")]
    [InlineData("""[{"key":"ok","value":"v"},{"value":"v"}]""", "tags.2.member.key")]
    [InlineData("""[{"key":"has*star","value":"v"}]""", "tags.1.member.key")]
    [InlineData("""[{"key":"aws:reserved","value":"v"}]""", "tags.1.member.key")]
    [InlineData("""[{"key":"k","value":"tab\there"}]""", "tags.1.member.value")]
    [InlineData("""[{"key":"k","value":"a"},{"key":"k","value":"b"}]""", "tags")]
    public async Task An_invalid_tag_is_a_ValidationException_and_creates_nothing(string tags, string member)
    {
        await using var s = await LocalServer.StartAsync();
        var answer = await CreateAsync(s, "{\"name\":\"invalid\",\"tags\":" + tags + "}");

        Assert.Equal((400, "ValidationException"), (answer.Status, answer.Code));
        Assert.Contains("'" + member + "'", answer.Json.GetProperty("message").GetString(), System.StringComparison.Ordinal);
        Assert.Equal(400, (await CallAsync(s, "DescribeActivity", """{"activityArn":"arn:aws:states:us-east-1:123456789012:activity:invalid"}""")).Status);
    }

    [Fact]
    public async Task A_key_of_128_and_a_value_of_256_allowed_characters_are_kept()
    {
        await using var s = await LocalServer.StartAsync();
        string key = new string('k', 127) + "é";
        string value = "a b_.:/=+-@日" + new string('v', 244);
        var created = await CreateAsync(s, "{\"name\":\"edge\",\"tags\":[{\"key\":\"" + key + "\",\"value\":\"" + value + "\"}]}");
        var listed = await CallAsync(s, "ListTagsForResource", "{\"resourceArn\":\"" + created.Json.GetProperty("activityArn").GetString() + "\"}");

        Assert.Equal(200, created.Status);
        var tag = Assert.Single(listed.Json.GetProperty("tags").EnumerateArray());
        Assert.Equal((key, value), (tag.GetProperty("key").GetString(), tag.GetProperty("value").GetString()));
    }
}
