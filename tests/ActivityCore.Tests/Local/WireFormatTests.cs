using System.Net.Http;
using System.Threading.Tasks;
using ActivityCore.Operations;
using Xunit;

namespace ActivityCore.Tests.Local;

public class WireFormatTests
{
    [Fact]
    public async Task Every_answer_carries_a_request_id_and_the_json_content_type()
    {
        await using var s = await LocalServer.StartAsync(o => o.PollHoldTime = System.TimeSpan.Zero);
        var arn = s.Local.CreateActivity("ids");
        var answers = new[]
        {
            await s.Client.CallAsync("CreateActivity", new { name = "ids" }),
            await s.Client.CallAsync("DescribeActivity", new { activityArn = "bad" }),
            await s.Client.PollAsync(arn),
            await s.Client.CallAsync("SendTaskHeartbeat", new { taskToken = "x" }),
            await s.Client.SendAsync("Bogus", "{}"),
            await s.Client.SendAsync("ListActivities", "not json"),
        };
        var ids = new System.Collections.Generic.HashSet<string>();
        foreach (var r in answers)
        {
            Assert.Matches("^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$", r.RequestId);
            Assert.True(ids.Add(r.RequestId!));
            Assert.Equal("application/x-amz-json-1.0", r.ContentType);
        }
    }

    [Fact]
    public async Task Errors_have_the_service_shape_type_message_and_error_type_header()
    {
        await using var s = await LocalServer.StartAsync();
        var r = await s.Client.CallAsync("DescribeActivity", new { activityArn = "nope" });
        Assert.Equal(400, r.Status);
        Assert.Equal("com.amazonaws.swf.service.v2.model#InvalidArn", r.String("__type"));
        Assert.StartsWith("Invalid Arn", r.Message, System.StringComparison.Ordinal);
        Assert.Equal("InvalidArn:http://internal.amazon.com/coral/com.amazonaws.swf.service.v2.model/", r.ErrorTypeHeader);
    }

    [Theory]
    [InlineData("AWSStepFunctions.StartExecution")]
    [InlineData("AWSStepFunctions.createActivity")]
    [InlineData("AWSStepFunctions.4")]
    [InlineData("AWSStepFunctions.CreateActivity,DescribeActivity")]
    [InlineData("Other.CreateActivity")]
    [InlineData("CreateActivity")]
    public async Task An_unknown_target_is_UnknownOperationException(string target)
    {
        await using var s = await LocalServer.StartAsync();
        var r = await s.Client.SendAsync(null, "{}", m => m.Headers.Add("X-Amz-Target", target));
        Assert.Equal(400, r.Status);
        Assert.Equal("UnknownOperationException", r.Code);
        Assert.StartsWith("UnknownOperationException:", r.ErrorTypeHeader, System.StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_target_is_UnknownOperationException()
    {
        await using var s = await LocalServer.StartAsync();
        Assert.Equal("UnknownOperationException", (await s.Client.SendAsync(null, "{}")).Code);
    }

    [Theory]
    [InlineData("{")]
    [InlineData("[1,2]")]
    [InlineData("\"text\"")]
    [InlineData("""{"activityArn": 12}""")]
    [InlineData("""{"activityArn": {"a":1}}""")]
    public async Task A_body_that_is_not_the_expected_json_is_SerializationException(string body)
    {
        await using var s = await LocalServer.StartAsync();
        var r = await s.Client.SendAsync("DescribeActivity", body);
        Assert.Equal(400, r.Status);
        Assert.Equal("SerializationException", r.Code);
    }

    [Theory]
    [InlineData("CreateActivity")]
    [InlineData("DescribeActivity")]
    [InlineData("DeleteActivity")]
    [InlineData("GetActivityTask")]
    [InlineData("SendTaskSuccess")]
    [InlineData("SendTaskFailure")]
    [InlineData("SendTaskHeartbeat")]
    public async Task A_missing_required_member_is_ValidationException(string operation)
    {
        await using var s = await LocalServer.StartAsync();
        var r = await s.Client.SendAsync(operation, "{}");
        Assert.Equal(400, r.Status);
        Assert.Equal("ValidationException", r.Code);
        Assert.Contains("Member must not be null", r.Message, System.StringComparison.Ordinal);
        Assert.Equal("com.amazon.coral.validate#ValidationException", r.String("__type"));
    }

    [Fact]
    public async Task An_empty_body_reads_as_an_empty_object()
    {
        await using var s = await LocalServer.StartAsync();
        var r = await s.Client.SendAsync("ListActivities", string.Empty);
        Assert.Equal(200, r.Status);
    }

    [Fact]
    public async Task Other_methods_and_paths_are_not_served()
    {
        await using var s = await LocalServer.StartAsync();
        using var http = new HttpClient();
        var get = await http.GetAsync(s.Local.ServiceUrl);
        Assert.Equal(404, (int)get.StatusCode);
        Assert.NotNull(get.Headers.GetValues("x-amzn-RequestId"));
        var other = await http.PostAsync(new System.Uri(s.Local.ServiceUrl, "/elsewhere"), new StringContent("{}"));
        Assert.Equal(404, (int)other.StatusCode);
    }

    [Fact]
    public async Task The_service_url_is_on_the_loopback_with_the_bound_port()
    {
        await using var s = await LocalServer.StartAsync();
        Assert.Equal("127.0.0.1", s.Local.ServiceUrl.Host);
        Assert.NotEqual(0, s.Local.ServiceUrl.Port);
        Assert.Equal("/", s.Local.ServiceUrl.AbsolutePath);
    }
}
