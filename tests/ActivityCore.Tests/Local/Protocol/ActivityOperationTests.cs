using System.Linq;
using System.Threading.Tasks;
using ActivityCore.Operations;
using Xunit;

namespace ActivityCore.Tests.Local.Protocol;

public class ActivityOperationTests
{
    private const string Arn = "arn:aws:states:us-east-1:123456789012:activity:";

    [Fact]
    public async Task CreateActivity_answers_the_arn_and_an_epoch_seconds_creation_date()
    {
        await using var s = await LocalServer.StartAsync();
        var r = await s.Client.CallAsync("CreateActivity", new { name = "resize" });
        Assert.Equal(200, r.Status);
        Assert.Equal(Arn + "resize", r.String("activityArn"));
        var date = r.Json.GetProperty("creationDate").GetDouble();
        Assert.InRange(date, 1.7e9, 4e9);
    }

    [Fact]
    public async Task CreateActivity_is_idempotent_by_name()
    {
        await using var s = await LocalServer.StartAsync();
        var first = await s.Client.CallAsync("CreateActivity", new { name = "a" });
        var second = await s.Client.CallAsync("CreateActivity", new { name = "a" });
        Assert.Equal(first.Body, second.Body);
        Assert.Equal(Arn + "a", s.Local.CreateActivity("a"));
    }

    [Fact]
    public async Task CreateActivity_with_other_encryption_is_ActivityAlreadyExists_other_tags_are_ignored()
    {
        await using var s = await LocalServer.StartAsync();
        await s.Client.CallAsync("CreateActivity", new { name = "a", tags = new[] { new { key = "k", value = "v" } } });
        var sameTags = await s.Client.CallAsync("CreateActivity", new { name = "a", tags = new[] { new { key = "k", value = "v" } } });
        Assert.Equal(200, sameTags.Status);
        var otherTags = await s.Client.CallAsync("CreateActivity", new { name = "a", tags = new[] { new { key = "k", value = "w" } } });
        Assert.Equal((200, sameTags.Body), (otherTags.Status, otherTags.Body));
        var otherKey = await s.Client.CallAsync("CreateActivity", new
        {
            name = "a",
            tags = new[] { new { key = "k", value = "v" } },
            encryptionConfiguration = new { type = "CUSTOMER_MANAGED_KMS_KEY", kmsKeyId = "alias/x", kmsDataKeyReusePeriodSeconds = 300 },
        });
        Assert.Equal("ActivityAlreadyExists", otherKey.Code);
    }

    [Theory]
    [InlineData("")]
    [InlineData("has space")]
    [InlineData("tab\there")]
    [InlineData("a<b")]
    [InlineData("a{b}")]
    [InlineData("a[0]")]
    [InlineData("wild*")]
    [InlineData("what?")]
    [InlineData("quote\"")]
    [InlineData("hash#")]
    [InlineData("pct%")]
    [InlineData("back\\slash")]
    [InlineData("caret^")]
    [InlineData("pipe|")]
    [InlineData("tilde~")]
    [InlineData("tick`")]
    [InlineData("dollar$")]
    [InlineData("amp&")]
    [InlineData("comma,")]
    [InlineData("semi;")]
    [InlineData("colon:")]
    [InlineData("slash/")]
    [InlineData("ctrl\u0001")]
    [InlineData("del\u007f")]
    [InlineData("c1\u0085")]
    [InlineData("123456789012345678901234567890123456789012345678901234567890123456789012345678901")]
    public async Task CreateActivity_refuses_a_bad_name_with_InvalidName(string name)
    {
        await using var s = await LocalServer.StartAsync();
        var r = await s.Client.CallAsync("CreateActivity", new { name });
        Assert.Equal(400, r.Status);
        Assert.Equal("InvalidName", r.Code);
    }

    [Theory]
    [InlineData("a")]
    [InlineData("Resize_Image-v2.1")]
    [InlineData("名前")]
    [InlineData("12345678901234567890123456789012345678901234567890123456789012345678901234567890")]
    public async Task CreateActivity_accepts_a_good_name(string name)
    {
        await using var s = await LocalServer.StartAsync();
        var r = await s.Client.CallAsync("CreateActivity", new { name });
        Assert.Equal(200, r.Status);
        Assert.Equal(Arn + name, r.String("activityArn"));
    }

    [Fact]
    public async Task CreateActivity_limits_tags_and_checks_encryption()
    {
        await using var s = await LocalServer.StartAsync();
        var tooMany = await s.Client.CallAsync("CreateActivity", new { name = "t", tags = Enumerable.Range(0, 51).Select(i => new { key = "k" + i, value = "v" }).ToArray() });
        Assert.Equal("TooManyTags", tooMany.Code);
        var noKey = await s.Client.CallAsync("CreateActivity", new { name = "e", encryptionConfiguration = new { type = "CUSTOMER_MANAGED_KMS_KEY" } });
        Assert.Equal("InvalidEncryptionConfiguration", noKey.Code);
        var badType = await s.Client.CallAsync("CreateActivity", new { name = "e", encryptionConfiguration = new { type = "NOPE" } });
        Assert.Equal("InvalidEncryptionConfiguration", badType.Code);
    }

    [Fact]
    public async Task CreateActivity_beyond_the_limit_is_ActivityLimitExceeded()
    {
        await using var s = await LocalServer.StartAsync(o => o.MaxActivities = 2);
        await s.Client.CreateActivityAsync("a");
        await s.Client.CreateActivityAsync("b");
        Assert.Equal("ActivityLimitExceeded", (await s.Client.CallAsync("CreateActivity", new { name = "c" })).Code);
        Assert.Equal(200, (await s.Client.CallAsync("CreateActivity", new { name = "a" })).Status);
    }

    [Fact]
    public async Task DescribeActivity_answers_arn_name_and_date()
    {
        await using var s = await LocalServer.StartAsync();
        var created = await s.Client.CallAsync("CreateActivity", new { name = "d" });
        var r = await s.Client.CallAsync("DescribeActivity", new { activityArn = Arn + "d" });
        Assert.Equal(200, r.Status);
        Assert.Equal(Arn + "d", r.String("activityArn"));
        Assert.Equal("d", r.String("name"));
        Assert.Equal(created.Json.GetProperty("creationDate").GetDouble(), r.Json.GetProperty("creationDate").GetDouble());
    }

    [Theory]
    [InlineData("")]
    [InlineData("not-an-arn")]
    [InlineData("arn:aws:lambda:us-east-1:123456789012:function:f")]
    [InlineData("arn:aws:states:us-east-1:123456789012:stateMachine:m")]
    [InlineData("arn:aws:states:us-east-1:123456789012:activity:")]
    [InlineData("arn:aws:states:us-east-1:123456789012:activity:bad name")]
    [InlineData("arn:aws:states::123456789012:activity:a")]
    public async Task A_malformed_arn_is_InvalidArn(string activityArn)
    {
        await using var s = await LocalServer.StartAsync();
        foreach (var operation in new[] { "DescribeActivity", "DeleteActivity", "GetActivityTask" })
        {
            var r = await s.Client.CallAsync(operation, new { activityArn });
            Assert.Equal(400, r.Status);
            Assert.Equal("InvalidArn", r.Code);
        }
    }

    [Fact]
    public async Task An_arn_longer_than_256_is_InvalidArn()
    {
        await using var s = await LocalServer.StartAsync();
        var r = await s.Client.CallAsync("DescribeActivity", new { activityArn = Arn + new string('a', 257 - Arn.Length) });
        Assert.Equal("InvalidArn", r.Code);
    }

    [Fact]
    public async Task An_unknown_activity_is_ActivityDoesNotExist_for_describe_and_poll()
    {
        await using var s = await LocalServer.StartAsync();
        Assert.Equal("ActivityDoesNotExist", (await s.Client.CallAsync("DescribeActivity", new { activityArn = Arn + "nope" })).Code);
        Assert.Equal("ActivityDoesNotExist", (await s.Client.PollAsync(Arn + "nope")).Code);
        Assert.Equal("ActivityDoesNotExist", (await s.Client.PollAsync("arn:aws-cn:states:cn-north-1:1:activity:x")).Code);
    }

    [Fact]
    public async Task DeleteActivity_removes_it_and_is_quiet_about_unknown_ones()
    {
        await using var s = await LocalServer.StartAsync();
        await s.Client.CreateActivityAsync("gone");
        var r = await s.Client.CallAsync("DeleteActivity", new { activityArn = Arn + "gone" });
        Assert.Equal(200, r.Status);
        Assert.Equal("{}", r.Body);
        Assert.Equal("ActivityDoesNotExist", (await s.Client.CallAsync("DescribeActivity", new { activityArn = Arn + "gone" })).Code);
        Assert.Equal(200, (await s.Client.CallAsync("DeleteActivity", new { activityArn = Arn + "gone" })).Status);
    }

    [Fact]
    public async Task ListActivities_pages_in_creation_order()
    {
        await using var s = await LocalServer.StartAsync();
        foreach (var name in new[] { "c", "a", "b", "e", "d" })
        {
            await s.Client.CreateActivityAsync(name);
        }

        var names = new System.Collections.Generic.List<string>();
        string? next = null;
        var pages = 0;
        do
        {
            var r = next is null
                ? await s.Client.CallAsync("ListActivities", new { maxResults = 2 })
                : await s.Client.CallAsync("ListActivities", new { maxResults = 2, nextToken = next });
            Assert.Equal(200, r.Status);
            foreach (var activity in r.Json.GetProperty("activities").EnumerateArray())
            {
                Assert.Equal(Arn + activity.GetProperty("name").GetString(), activity.GetProperty("activityArn").GetString());
                Assert.True(activity.GetProperty("creationDate").GetDouble() > 1e9);
                names.Add(activity.GetProperty("name").GetString()!);
            }

            next = r.String("nextToken");
            pages++;
        }
        while (next is not null);

        Assert.Equal(["c", "a", "b", "e", "d"], names);
        Assert.Equal(3, pages);
    }

    [Fact]
    public async Task ListActivities_defaults_to_100_and_refuses_out_of_range()
    {
        await using var s = await LocalServer.StartAsync();
        for (var i = 0; i < 101; i++)
        {
            s.Local.CreateActivity("n" + i);
        }

        var r = await s.Client.CallAsync("ListActivities", new { maxResults = 0 });
        Assert.Equal(100, r.Json.GetProperty("activities").GetArrayLength());
        Assert.NotNull(r.String("nextToken"));
        var all = await s.Client.CallAsync("ListActivities", new { maxResults = 1000 });
        Assert.Equal(101, all.Json.GetProperty("activities").GetArrayLength());
        Assert.Null(all.String("nextToken"));
        Assert.Equal("ValidationException", (await s.Client.CallAsync("ListActivities", new { maxResults = 1001 })).Code);
        Assert.Equal("ValidationException", (await s.Client.CallAsync("ListActivities", new { maxResults = -1 })).Code);
    }

    [Fact]
    public async Task ListActivities_with_a_bad_nextToken_is_InvalidToken()
    {
        await using var s = await LocalServer.StartAsync();
        Assert.Equal("InvalidToken", (await s.Client.CallAsync("ListActivities", new { nextToken = "garbage!" })).Code);
        Assert.Equal("ValidationException", (await s.Client.CallAsync("ListActivities", new { nextToken = new string('a', 1025) })).Code);
    }

    [Fact]
    public async Task An_empty_list_has_no_next_token()
    {
        await using var s = await LocalServer.StartAsync();
        var r = await s.Client.CallAsync("ListActivities", new { });
        Assert.Equal("""{"activities":[]}""", r.Body);
    }
}
