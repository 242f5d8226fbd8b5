using System;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using ActivityCore.Local;
using ActivityCore.Operations;
using Xunit;

namespace ActivityCore.Tests.Local.Http;

public class AdminRouteTests
{
    private static async Task<(int Status, JsonElement Json)> SendAsync(HttpClient http, HttpMethod method, Uri url, string? body = null)
    {
        using var request = new HttpRequestMessage(method, url);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        using var response = await http.SendAsync(request);
        return ((int)response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement);
    }

    [Fact]
    public async Task A_task_enqueued_over_http_is_polled_and_its_outcome_read_back()
    {
        await using var s = await LocalServer.StartAsync();
        using var http = new HttpClient();
        var arn = s.Local.CreateActivity("admin");
        var (status, created) = await SendAsync(http, HttpMethod.Post, new Uri(s.Local.ServiceUrl, "/_local/tasks"), $$"""{"activityArn":"{{arn}}","input":"{\"a\":1}","heartbeatTimeoutSeconds":30}""");
        Assert.Equal(200, status);
        var id = created.GetProperty("taskId").GetString()!;
        var taskUrl = new Uri(s.Local.ServiceUrl, "/_local/tasks/" + id);
        Assert.Equal("pending", (await SendAsync(http, HttpMethod.Get, taskUrl)).Json.GetProperty("status").GetString());

        var poll = await s.Client.PollAsync(arn);
        Assert.Equal("""{"a":1}""", poll.String("input"));
        await s.Client.CallAsync("SendTaskFailure", new { taskToken = poll.String("taskToken"), error = "E", cause = "C" });
        var (_, outcome) = await SendAsync(http, HttpMethod.Get, taskUrl);
        Assert.Equal("failed", outcome.GetProperty("status").GetString());
        Assert.Equal("E", outcome.GetProperty("error").GetString());
        Assert.Equal("C", outcome.GetProperty("cause").GetString());
        Assert.Equal(1, outcome.GetProperty("deliveries").GetInt32());
    }

    [Fact]
    public async Task Succeeded_and_timed_out_outcomes_read_back()
    {
        await using var s = await LocalServer.StartAsync();
        using var http = new HttpClient();
        var arn = s.Local.CreateActivity("outcomes");
        var ok = s.Local.EnqueueTask(arn, "{}");
        var late = s.Local.EnqueueTask(arn, "{}", new LocalTaskOptions { TaskTimeout = TimeSpan.FromMilliseconds(1) });
        await late.Outcome;
        var poll = await s.Client.PollAsync(arn);
        await s.Client.CallAsync("SendTaskSuccess", new { taskToken = poll.String("taskToken"), output = """{"r":2}""" });
        var (_, succeeded) = await SendAsync(http, HttpMethod.Get, new Uri(s.Local.ServiceUrl, "/_local/tasks/" + ok.Id));
        Assert.Equal(("succeeded", """{"r":2}"""), (succeeded.GetProperty("status").GetString(), succeeded.GetProperty("output").GetString()));
        var (_, timedOut) = await SendAsync(http, HttpMethod.Get, new Uri(s.Local.ServiceUrl, "/_local/tasks/" + late.Id));
        Assert.Equal(("timedOut", "task"), (timedOut.GetProperty("status").GetString(), timedOut.GetProperty("timeout").GetString()));
    }

    [Fact]
    public async Task Counters_and_faults_are_reachable_over_http()
    {
        await using var s = await LocalServer.StartAsync();
        using var http = new HttpClient();
        var faults = new Uri(s.Local.ServiceUrl, "/_local/faults");
        Assert.Equal(200, (await SendAsync(http, HttpMethod.Post, faults, """{"operation":"ListActivities","kind":"error","status":503,"code":"ServiceUnavailable","times":2}""")).Status);
        Assert.Equal(2, s.Local.Faults.Pending(LocalOperation.ListActivities));
        Assert.Equal(503, (await s.Client.CallAsync("ListActivities", new { })).Status);
        Assert.Equal(200, (await SendAsync(http, HttpMethod.Delete, faults)).Status);
        Assert.Equal(200, (await s.Client.CallAsync("ListActivities", new { })).Status);
        foreach (var kind in new[] { "dropBeforeDispatch", "dropAfterDispatch", "truncatedBody" })
        {
            Assert.Equal(200, (await SendAsync(http, HttpMethod.Post, faults, $$"""{"operation":"GetActivityTask","kind":"{{kind}}"}""")).Status);
        }

        Assert.Equal(200, (await SendAsync(http, HttpMethod.Post, faults, """{"operation":"GetActivityTask","kind":"delay","delayMs":10}""")).Status);
        Assert.Equal(4, s.Local.Faults.Pending(LocalOperation.GetActivityTask));
        var (status, counters) = await SendAsync(http, HttpMethod.Get, new Uri(s.Local.ServiceUrl, "/_local/counters"));
        Assert.Equal(200, status);
        Assert.Equal(0, counters.GetProperty("tasksDispatched").GetInt64());
        Assert.True(counters.TryGetProperty("deliveriesLost", out _));
    }

    [Fact]
    public async Task Bad_admin_requests_are_400_and_unknown_ones_404()
    {
        await using var s = await LocalServer.StartAsync();
        using var http = new HttpClient();
        var tasks = new Uri(s.Local.ServiceUrl, "/_local/tasks");
        Assert.Equal(400, (await SendAsync(http, HttpMethod.Post, tasks, """{"activityArn":"arn:aws:states:us-east-1:123456789012:activity:none"}""")).Status);
        Assert.Equal(400, (await SendAsync(http, HttpMethod.Post, tasks, "{}")).Status);
        Assert.Equal(400, (await SendAsync(http, HttpMethod.Post, tasks, "[")).Status);
        Assert.Equal(400, (await SendAsync(http, HttpMethod.Post, new Uri(s.Local.ServiceUrl, "/_local/faults"), """{"operation":"Nope","kind":"error"}""")).Status);
        Assert.Equal(404, (await SendAsync(http, HttpMethod.Get, new Uri(s.Local.ServiceUrl, "/_local/tasks/unknown"))).Status);
        Assert.Equal(404, (await SendAsync(http, HttpMethod.Get, new Uri(s.Local.ServiceUrl, "/_local/nothing"))).Status);
    }

    [Fact]
    public async Task Admin_routes_can_be_turned_off()
    {
        await using var s = await LocalServer.StartAsync(o => o.EnableAdminRoutes = false);
        using var http = new HttpClient();
        var response = await http.GetAsync(new Uri(s.Local.ServiceUrl, "/_local/counters"));
        Assert.Equal(404, (int)response.StatusCode);
    }
}
