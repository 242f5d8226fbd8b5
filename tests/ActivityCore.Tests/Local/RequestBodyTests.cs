using System;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using ActivityCore.Local;
using ActivityCore.Operations;
using Xunit;

namespace ActivityCore.Tests.Local;

/// <summary>Bodies the endpoint cannot take: too large, or not decodable. Client errors with the service's error body, never a 200 or a retryable 500.</summary>
public class RequestBodyTests
{
    private static readonly LocalCredentials Credentials = new("AKIDBODY", "body-secret");

    [Fact]
    public async Task A_signed_body_over_16_MiB_is_413_with_an_AWS_error_body_and_dispatches_nothing()
    {
        await using var s = await LocalServer.StartAsync(o => o.Credentials = Credentials);
        var arn = s.Local.CreateActivity("big");
        var task = s.Local.EnqueueTask(arn, "{}");
        var body = new byte[(16 * 1024 * 1024) + 1];
        Encoding.ASCII.GetBytes("""{"activityArn":" """.TrimEnd() + arn + "\",\"pad\":\"").CopyTo(body, 0);
        Array.Fill(body, (byte)'x', 200, body.Length - 202);
        "\"}"u8.CopyTo(body.AsSpan(body.Length - 2));
        using var message = new System.Net.Http.HttpRequestMessage(System.Net.Http.HttpMethod.Post, s.Local.ServiceUrl);
        message.Headers.Add("X-Amz-Target", "AWSStepFunctions.GetActivityTask");
        TestSigner.Sign(message, body, Credentials, "us-east-1", "states", DateTimeOffset.UtcNow);
        var headers = RawHttp.AwsHeaders(s.Local.ServiceUrl, "GetActivityTask")
            .Concat(message.Headers.Where(h => h.Key is "X-Amz-Date" or "Authorization").Select(h => (h.Key, h.Value.Single())))
            .ToList();

        var r = await RawHttp.SendAsync(s.Local.ServiceUrl, "POST", "/", headers, body);

        Assert.Equal(413, r.Status);
        Assert.Equal("application/x-amz-json-1.0", r.Header("content-type"));
        Assert.Equal("RequestEntityTooLargeException", r.Code);
        Assert.StartsWith("RequestEntityTooLargeException:", r.Header("x-amzn-errortype"), StringComparison.Ordinal);
        Assert.False(task.Outcome.IsCompleted);
        Assert.Equal(0, s.Local.Counters.TasksDispatched);
    }

    [Theory]
    [InlineData("CreateActivity", new byte[] { 0x7B, 0x22, 0x6E, 0x61, 0x6D, 0x65, 0x22, 0x3A, 0x22, 0x61, 0xC3, 0x28, 0x22, 0x7D })] // {"name":"a\xC3(\"}
    [InlineData("CreateActivity", new byte[] { 0x7B, 0x22, 0x6E, 0x61, 0x6D, 0x65, 0x22, 0x3A, 0x22, 0xFF, 0x22, 0x7D })] // {"name":"\xFF"}
    [InlineData("SendTaskFailure", new byte[] { 0x7B, 0x22, 0x74, 0x61, 0x73, 0x6B, 0x54, 0x6F, 0x6B, 0x65, 0x6E, 0x22, 0x3A, 0x22, 0x74, 0x22, 0x2C, 0x22, 0x63, 0x61, 0x75, 0x73, 0x65, 0x22, 0x3A, 0x22, 0xED, 0xA0, 0x80, 0x22, 0x7D })] // an encoded surrogate
    public async Task Invalid_UTF_8_in_a_string_is_400_SerializationException(string operation, byte[] body)
    {
        await using var s = await LocalServer.StartAsync();
        var r = await RawHttp.SendAsync(s.Local.ServiceUrl, "POST", "/", RawHttp.AwsHeaders(s.Local.ServiceUrl, operation), body);
        Assert.Equal((400, "SerializationException"), (r.Status, r.Code));
    }

    [Theory]
    [InlineData("CreateActivity", """{"name":"a\ud800"}""")]
    [InlineData("CreateActivity", """{"name":"a","tags":[{"key":"\udc00","value":"v"}]}""")]
    [InlineData("SendTaskSuccess", """{"taskToken":"t","output":"\"\ud800\""}""")]
    [InlineData("ListActivities", """{"ignored\udfff":1}""")]
    public async Task An_escaped_lone_surrogate_is_400_SerializationException(string operation, string body)
    {
        await using var s = await LocalServer.StartAsync();
        var r = await RawHttp.SendAsync(s.Local.ServiceUrl, "POST", "/", RawHttp.AwsHeaders(s.Local.ServiceUrl, operation), body);
        Assert.Equal((400, "SerializationException"), (r.Status, r.Code));
    }
}
