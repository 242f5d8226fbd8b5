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
}
