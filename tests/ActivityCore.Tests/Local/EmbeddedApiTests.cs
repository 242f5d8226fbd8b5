using System;
using System.Threading.Tasks;
using ActivityCore.Local;
using ActivityCore.Operations;
using Xunit;

namespace ActivityCore.Tests.Local;

public class EmbeddedApiTests
{
    [Fact]
    public async Task Options_out_of_range_are_refused_at_start()
    {
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => LocalStepFunctions.StartAsync(new LocalStepFunctionsOptions { PollHoldTime = TimeSpan.FromSeconds(-1) }));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => LocalStepFunctions.StartAsync(new LocalStepFunctionsOptions { Port = 70_000 }));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => LocalStepFunctions.StartAsync(new LocalStepFunctionsOptions { MaxPollersPerActivity = 0 }));
        await Assert.ThrowsAsync<ArgumentException>(() => LocalStepFunctions.StartAsync(new LocalStepFunctionsOptions { Region = " " }));
    }

    [Fact]
    public async Task The_defaults_listen_on_a_free_loopback_port_and_name_us_east_1()
    {
        await using var local = await LocalStepFunctions.StartAsync();
        Assert.Equal("127.0.0.1", local.ServiceUrl.Host);
        Assert.Equal("arn:aws:states:us-east-1:123456789012:activity:x", local.CreateActivity("x"));
        Assert.Equal(TimeSpan.FromSeconds(60), local.Options.PollHoldTime);
    }

    [Fact]
    public async Task Region_and_account_shape_the_arns()
    {
        await using var local = await LocalStepFunctions.StartAsync(new LocalStepFunctionsOptions { Region = "eu-central-1", AccountId = "111122223333", Host = "localhost" });
        Assert.Equal("arn:aws:states:eu-central-1:111122223333:activity:y", local.CreateActivity("y"));
    }

    [Fact]
    public async Task Dispose_is_idempotent_and_frees_the_port()
    {
        var local = await LocalStepFunctions.StartAsync();
        var port = local.ServiceUrl.Port;
        await local.DisposeAsync();
        await local.DisposeAsync();
        await using var again = await LocalStepFunctions.StartAsync(new LocalStepFunctionsOptions { Port = port });
        Assert.Equal(port, again.ServiceUrl.Port);
    }

    [Fact]
    public async Task Handles_are_found_by_id_and_outcomes_match_exhaustively()
    {
        await using var local = await LocalStepFunctions.StartAsync();
        var arn = local.CreateActivity("h");
        var handle = local.EnqueueTask(arn, "{}");
        Assert.Same(handle, local.FindTask(handle.Id));
        Assert.Null(local.FindTask("nope"));
        Assert.Equal(arn, handle.ActivityArn);
        Assert.Contains(handle.Id, handle.ToString(), StringComparison.Ordinal);
        Assert.Equal("s:1", new LocalTaskSucceeded("1").Match(o => "s:" + o, (e, c) => "f", k => "t"));
        Assert.Equal("f:E:C", new LocalTaskFailed("E", "C").Match(o => "s", (e, c) => $"f:{e}:{c}", k => "t"));
        Assert.Equal("t:Heartbeat", new LocalTaskTimedOut(LocalTimeoutKind.Heartbeat).Match(o => "s", (e, c) => "f", k => "t:" + k));
    }
}

public class OutcomePrintingTests
{
    [Fact]
    public void Outcomes_never_print_an_output_or_a_cause()
    {
        Assert.DoesNotContain("secret", new LocalTaskSucceeded("""{"secret":1}""").ToString(), StringComparison.Ordinal);
        var failed = new LocalTaskFailed("Boom", "secret cause").ToString();
        Assert.Contains("Boom", failed, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", failed, StringComparison.Ordinal);
        Assert.Contains("Heartbeat", new LocalTaskTimedOut(LocalTimeoutKind.Heartbeat).ToString(), StringComparison.Ordinal);
    }
}
