using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using ActivityCore.Local;
using ActivityCore.Operations;
using Xunit;

namespace ActivityCore.Tests.Local.Http;

/// <summary>Admin bodies: a fault code that could not be sent, duplicated members, odd numbers and a null input are refused up front.</summary>
public class AdminBodyTests
{
    private static List<(string, string)> Json(LocalServer s) => [("Host", s.Local.ServiceUrl.Authority), ("Content-Type", "application/json")];

    private static Task<RawResponse> PostAsync(LocalServer s, string path, string body) =>
        RawHttp.SendAsync(s.Local.ServiceUrl, "POST", path, Json(s), body);

    public static TheoryData<string> UnsendableCodes() => new()
    {
        "Throttl\\u00e9d",
        "X\\r\\nSet-Cookie: a=b",
        "Bad Code",
        new string('A', 257),
        new string('A', 100_000),
        string.Empty,
    };

    [Theory]
    [MemberData(nameof(UnsendableCodes))]
    public async Task A_fault_code_that_cannot_go_into_a_header_is_400_naming_code(string code)
    {
        await using var s = await LocalServer.StartAsync();
        var r = await PostAsync(s, "/_local/faults", $$"""{"operation":"ListActivities","kind":"error","status":429,"code":"{{code}}"}""");

        Assert.Equal(400, r.Status);
        Assert.Contains("'code'", r.Error, StringComparison.Ordinal);
        Assert.Equal(200, (await s.Client.CallAsync("ListActivities", new { })).Status);
    }

    [Theory]
    [InlineData("KmsThrottlingException")]
    [InlineData("com.amazon.coral.availability#ThrottlingException")]
    [InlineData("Sender:Throttled_2-x")]
    public async Task A_header_safe_fault_code_is_sent_as_given(string code)
    {
        await using var s = await LocalServer.StartAsync();
        Assert.Equal(200, (await PostAsync(s, "/_local/faults", $$"""{"operation":"ListActivities","kind":"error","status":429,"code":"{{code}}"}""")).Status);

        var r = await s.Client.CallAsync("ListActivities", new { });

        Assert.Equal(429, r.Status);
        Assert.StartsWith(code + ":", r.ErrorTypeHeader, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"activityArn":"ARN","maxAttempts":0,"maxAttempts":2}""", "/_local/tasks", "maxAttempts")]
    [InlineData("""{"activityArn":"ARN","maxAttempts":2,"maxAttempts":0}""", "/_local/tasks", "maxAttempts")]
    [InlineData("""{"activityArn":"ARN","activityArn":"ARN"}""", "/_local/tasks", "activityArn")]
    [InlineData("""{"operation":"ListActivities","kind":"error","code":"A","code":"B"}""", "/_local/faults", "code")]
    [InlineData("""{"operation":"ListActivities","kind":"delay","delayMs":1,"times":2,"times":3}""", "/_local/faults", "times")]
    public async Task A_duplicated_member_is_400_naming_it(string body, string path, string member)
    {
        await using var s = await LocalServer.StartAsync();
        var arn = s.Local.CreateActivity("dup");

        var r = await PostAsync(s, path, body.Replace("ARN", arn, StringComparison.Ordinal));

        Assert.Equal(400, r.Status);
        Assert.Contains("'" + member + "'", r.Error, StringComparison.Ordinal);
        Assert.Contains("more than once", r.Error, StringComparison.Ordinal);
        Assert.Equal(0, s.Local.TrackedTasks);
        Assert.Equal(0, s.Local.Faults.Pending(ActivityCore.Local.LocalOperation.ListActivities));
    }

    [Theory]
    [InlineData("\"taskTimeoutSeconds\":1e-320", "taskTimeoutSeconds")]
    [InlineData("\"taskTimeoutSeconds\":0.0000001", "taskTimeoutSeconds")]
    [InlineData("\"heartbeatTimeoutSeconds\":0.0009", "heartbeatTimeoutSeconds")]
    [InlineData("\"input\":null", "input")]
    public async Task A_timeout_under_a_millisecond_or_a_null_input_is_400_naming_it(string member, string field)
    {
        await using var s = await LocalServer.StartAsync();
        var arn = s.Local.CreateActivity("odd");

        var r = await PostAsync(s, "/_local/tasks", $$"""{"activityArn":"{{arn}}",{{member}}}""");

        Assert.Equal(400, r.Status);
        Assert.Contains("'" + field + "'", r.Error, StringComparison.Ordinal);
        Assert.Equal(0, s.Local.TrackedTasks);
    }

    [Fact]
    public async Task A_timeout_of_one_millisecond_is_accepted()
    {
        await using var s = await LocalServer.StartAsync();
        var arn = s.Local.CreateActivity("ms");
        var r = await PostAsync(s, "/_local/tasks", $$"""{"activityArn":"{{arn}}","taskTimeoutSeconds":0.001}""");
        Assert.Equal(200, r.Status);
    }

    [Theory]
    [InlineData("PUT", "/_local/counters")]
    [InlineData("POST", "/_local/counters")]
    [InlineData("GET", "/_local/faults")]
    [InlineData("DELETE", "/_local/tasks")]
    public async Task A_known_admin_path_with_the_wrong_method_is_405(string method, string path)
    {
        await using var s = await LocalServer.StartAsync();
        var r = await RawHttp.SendAsync(s.Local.ServiceUrl, method, path, Json(s), method is "GET" or "DELETE" ? null : "{}");
        Assert.Equal(405, r.Status);
        Assert.NotNull(r.Error);
    }
}
