using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using ActivityCore.Local;
using ActivityCore.Operations;
using Xunit;

namespace ActivityCore.Tests.Local.Http;

/// <summary>
/// CSRF against the admin routes: a web page can make a browser send a request with its Origin and a simple content type
/// (text/plain, a form) to 127.0.0.1. The admin routes refuse any Origin, any content type but JSON, and, when the
/// endpoint verifies signatures, any request not signed with its credentials.
/// </summary>
public class AdminSecurityTests
{
    private static readonly LocalCredentials Credentials = new("AKIDADMIN", "admin-secret");

    private static string Host(LocalServer s) => s.Local.ServiceUrl.Authority;

    [Fact]
    public async Task The_issue_probe_unsigned_cross_origin_text_plain_from_a_rebound_host_is_refused_on_every_route()
    {
        await using var s = await LocalServer.StartAsync(o => o.Credentials = Credentials);
        var arn = s.Local.CreateActivity("probe");
        var task = s.Local.EnqueueTask(arn, """{"secret":1}""");
        var hostile = new List<(string, string)> { ("Host", $"rebind.evil.example:{s.Local.ServiceUrl.Port}"), ("Origin", "http://evil.example"), ("Content-Type", "text/plain") };

        var enqueue = await RawHttp.SendAsync(s.Local.ServiceUrl, "POST", "/_local/tasks", hostile, $$"""{"activityArn":"{{arn}}"}""");
        var read = await RawHttp.SendAsync(s.Local.ServiceUrl, "GET", "/_local/tasks/" + task.Id, hostile);
        var fault = await RawHttp.SendAsync(s.Local.ServiceUrl, "POST", "/_local/faults", hostile, """{"operation":"GetActivityTask","kind":"dropAfterDispatch"}""");
        var clear = await RawHttp.SendAsync(s.Local.ServiceUrl, "DELETE", "/_local/faults", hostile);

        Assert.All(new[] { enqueue, read, fault, clear }, r => Assert.True(r.Status is >= 400 and < 500, r.Status + " " + r.Body));
        Assert.Equal(0, s.Local.Faults.Pending(LocalOperation.GetActivityTask));
    }

    [Theory]
    [InlineData("POST", "/_local/tasks")]
    [InlineData("GET", "/_local/tasks/{id}")]
    [InlineData("GET", "/_local/counters")]
    [InlineData("POST", "/_local/faults")]
    [InlineData("DELETE", "/_local/faults")]
    public async Task Any_Origin_is_403_even_with_the_right_Host_and_JSON(string method, string route)
    {
        await using var s = await LocalServer.StartAsync();
        var arn = s.Local.CreateActivity("origin");
        var task = s.Local.EnqueueTask(arn, "{}");
        foreach (var origin in new[] { "http://evil.example", "null", $"http://{Host(s)}" })
        {
            var body = method == "POST" ? (route.EndsWith("faults", StringComparison.Ordinal) ? """{"operation":"ListActivities","kind":"error","code":"X"}""" : $$"""{"activityArn":"{{arn}}"}""") : null;
            var r = await RawHttp.SendAsync(s.Local.ServiceUrl, method, route.Replace("{id}", task.Id, StringComparison.Ordinal), [("Host", Host(s)), ("Origin", origin), ("Content-Type", "application/json")], body);
            Assert.Equal(403, r.Status);
            Assert.Contains("Origin", r.Error, StringComparison.Ordinal);
        }

        Assert.Equal(0, s.Local.Faults.Pending(LocalOperation.ListActivities));
        Assert.NotNull((await s.Client.PollAsync(arn)).String("taskToken")); // the one task the .NET API enqueued
        Assert.Null((await s.Client.PollAsync(arn)).String("taskToken")); // and none of the refused requests
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("multipart/form-data; boundary=x")]
    [InlineData("application/jsonx")]
    [InlineData(null)]
    public async Task A_body_that_is_not_declared_JSON_is_415_and_admits_nothing(string? contentType)
    {
        await using var s = await LocalServer.StartAsync();
        var arn = s.Local.CreateActivity("types");
        var headers = new List<(string, string)> { ("Host", Host(s)) };
        if (contentType is not null)
        {
            headers.Add(("Content-Type", contentType));
        }

        var enqueue = await RawHttp.SendAsync(s.Local.ServiceUrl, "POST", "/_local/tasks", headers, $$"""{"activityArn":"{{arn}}"}""");
        var fault = await RawHttp.SendAsync(s.Local.ServiceUrl, "POST", "/_local/faults", headers, """{"operation":"ListActivities","kind":"error","code":"X"}""");

        Assert.Equal((415, 415), (enqueue.Status, fault.Status));
        Assert.Contains("application/json", enqueue.Error, StringComparison.Ordinal);
        Assert.Null((await s.Client.PollAsync(arn)).String("taskToken"));
        Assert.Equal(0, s.Local.Faults.Pending(LocalOperation.ListActivities));
    }

    [Theory]
    [InlineData("application/json")]
    [InlineData("application/json; charset=utf-8")]
    [InlineData("Application/JSON")]
    public async Task JSON_with_or_without_a_charset_is_served(string contentType)
    {
        await using var s = await LocalServer.StartAsync();
        var arn = s.Local.CreateActivity("json");
        var r = await RawHttp.SendAsync(s.Local.ServiceUrl, "POST", "/_local/tasks", [("Host", Host(s)), ("Content-Type", contentType)], $$"""{"activityArn":"{{arn}}"}""");
        Assert.Equal(200, r.Status);
    }

    [Theory]
    [InlineData("POST", "/_local/tasks")]
    [InlineData("GET", "/_local/tasks/{id}")]
    [InlineData("GET", "/_local/counters")]
    [InlineData("POST", "/_local/faults")]
    [InlineData("DELETE", "/_local/faults")]
    public async Task With_credentials_an_unsigned_or_wrongly_signed_admin_request_is_403_and_a_signed_one_is_served(string method, string route)
    {
        await using var s = await LocalServer.StartAsync(o => o.Credentials = Credentials);
        var arn = s.Local.CreateActivity("signed");
        var task = s.Local.EnqueueTask(arn, """{"secret":1}""");
        var path = route.Replace("{id}", task.Id, StringComparison.Ordinal);
        var body = method == "POST" ? (route.EndsWith("faults", StringComparison.Ordinal) ? """{"operation":"ListActivities","kind":"error","code":"X"}""" : $$"""{"activityArn":"{{arn}}"}""") : string.Empty;
        var type = method == "POST" ? "application/json" : null;
        var unsignedHeaders = new List<(string, string)> { ("Host", Host(s)) };
        if (type is not null)
        {
            unsignedHeaders.Add(("Content-Type", type));
        }

        var unsigned = await RawHttp.SendAsync(s.Local.ServiceUrl, method, path, unsignedHeaders, body);
        var wrongKey = await RawHttp.SendAsync(s.Local.ServiceUrl, method, path, AdminSigner.Headers(method, path, Host(s), type, body, Credentials with { SecretAccessKey = "guess" }, "us-east-1", DateTimeOffset.UtcNow), body);

        Assert.Equal((403, 403), (unsigned.Status, wrongKey.Status));
        Assert.StartsWith("MissingAuthenticationTokenException", unsigned.Error, StringComparison.Ordinal);
        Assert.StartsWith("InvalidSignatureException", wrongKey.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", unsigned.Body + wrongKey.Body, StringComparison.Ordinal);
        Assert.Equal(0, s.Local.Faults.Pending(LocalOperation.ListActivities));

        var signed = await RawHttp.SendAsync(s.Local.ServiceUrl, method, path, AdminSigner.Headers(method, path, Host(s), type, body, Credentials, "us-east-1", DateTimeOffset.UtcNow), body);
        Assert.Equal(200, signed.Status);
    }
}
