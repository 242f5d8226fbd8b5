using System.Collections.Generic;
using System.Threading.Tasks;
using ActivityCore.Operations;
using Xunit;

namespace ActivityCore.Tests.Local.Http;

/// <summary>DNS rebinding: the endpoint answers only requests whose Host names an address it listens on, on every route.</summary>
public class HostHeaderTests
{
    private static List<(string, string)> Aws(string host, string operation) =>
        [("Host", host), ("Content-Type", "application/x-amz-json-1.0"), ("X-Amz-Target", "AWSStepFunctions." + operation)];

    [Theory]
    [InlineData("rebind.evil.example:{port}")]
    [InlineData("rebind.evil.example")]
    [InlineData("127.0.0.1:1")]
    [InlineData("127.0.0.1")]
    [InlineData("127.0.0.2:{port}")]
    [InlineData("localhost.evil.example:{port}")]
    [InlineData("[::1]:{port}")]
    public async Task A_foreign_Host_is_421_on_the_AWS_route_and_changes_nothing(string host)
    {
        await using var s = await LocalServer.StartAsync();
        var foreign = host.Replace("{port}", s.Local.ServiceUrl.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), System.StringComparison.Ordinal);

        var r = await RawHttp.SendAsync(s.Local.ServiceUrl, "POST", "/", Aws(foreign, "CreateActivity"), """{"name":"rebound"}""");

        Assert.Equal((421, "MisdirectedRequest"), (r.Status, r.Code));
        Assert.Equal("application/x-amz-json-1.0", r.Header("content-type"));
        var list = await RawHttp.SendAsync(s.Local.ServiceUrl, "POST", "/", RawHttp.AwsHeaders(s.Local.ServiceUrl, "ListActivities"), "{}");
        Assert.Equal("""{"activities":[]}""", list.Body);
    }

    [Fact]
    public async Task A_foreign_Host_is_421_on_the_admin_routes_and_enqueues_nothing()
    {
        await using var s = await LocalServer.StartAsync();
        var arn = s.Local.CreateActivity("rebind");
        var port = s.Local.ServiceUrl.Port;

        var enqueue = await RawHttp.SendAsync(s.Local.ServiceUrl, "POST", "/_local/tasks", [("Host", $"rebind.evil.example:{port}"), ("Content-Type", "application/json")], $$"""{"activityArn":"{{arn}}"}""");
        var counters = await RawHttp.SendAsync(s.Local.ServiceUrl, "GET", "/_local/counters", [("Host", $"rebind.evil.example:{port}")]);

        Assert.Equal(421, enqueue.Status);
        Assert.Contains("Host", enqueue.Error, System.StringComparison.Ordinal);
        Assert.Equal(421, counters.Status);
        Assert.Null((await s.Client.PollAsync(arn)).String("taskToken"));
    }

    [Theory]
    [InlineData(true, "/anything")]
    [InlineData(false, "/_local/counters")]
    public async Task A_foreign_Host_is_421_on_any_other_path_too(bool admin, string path)
    {
        await using var s = await LocalServer.StartAsync(o => o.EnableAdminRoutes = admin);
        var foreign = await RawHttp.SendAsync(s.Local.ServiceUrl, "GET", path, [("Host", $"rebind.evil.example:{s.Local.ServiceUrl.Port}")]);
        var own = await RawHttp.SendAsync(s.Local.ServiceUrl, "GET", path, [("Host", s.Local.ServiceUrl.Authority)]);
        Assert.Equal((421, 404), (foreign.Status, own.Status));
    }

    [Theory]
    [InlineData("127.0.0.1:{port}")]
    [InlineData("localhost:{port}")]
    [InlineData("LocalHost:{port}")]
    public async Task The_addresses_it_listens_on_are_served(string host)
    {
        await using var s = await LocalServer.StartAsync();
        var own = host.Replace("{port}", s.Local.ServiceUrl.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), System.StringComparison.Ordinal);

        var aws = await RawHttp.SendAsync(s.Local.ServiceUrl, "POST", "/", Aws(own, "ListActivities"), "{}");
        var admin = await RawHttp.SendAsync(s.Local.ServiceUrl, "GET", "/_local/counters", [("Host", own)]);

        Assert.Equal((200, 200), (aws.Status, admin.Status));
    }
}
