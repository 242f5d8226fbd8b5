using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using System.Xml.Linq;
using ActivityCore.Operations;
using Microsoft.Extensions.Time.Testing;
using Xunit;
using static ActivityCore.Tests.Shell.ClientFixture;

namespace ActivityCore.Tests.Shell;

/// <summary>The client's options: one table of ranges and defaults behind the defaults, the messages and the XML docs; the injectable randomizer.</summary>
public class ClientOptionLimitsTests
{
    [Theory]
    [InlineData("PollTimeout", "must be in 61 s..15 min (the service holds a poll up to 60 s), is 00:01:00.9990000")]
    [InlineData("RequestTimeout", "must be in 1 ms..5 min, is 00:05:00.0010000")]
    [InlineData("RetryQuotaCapacity", "must be in 0..100000, is -1")]
    [InlineData("MaxResponseBytes", "must be in 64 KiB..256 MiB, is 65535")]
    [InlineData("MaxConnectionsPerServer", "must be in 1..65536, is 65537")]
    public void A_value_just_outside_the_range_is_refused_with_the_table_s_words(string field, string message)
    {
        var options = Options(FakeHandler.Always(() => FakeHandler.Json(200, "{}")));
        switch (field)
        {
            case "PollTimeout": options.PollTimeout = ClientOptionLimits.PollTimeout.Min - TimeSpan.FromMilliseconds(1); break;
            case "RequestTimeout": options.RequestTimeout = ClientOptionLimits.RequestTimeout.Max + TimeSpan.FromMilliseconds(1); break;
            case "RetryQuotaCapacity": options.RetryQuotaCapacity = ClientOptionLimits.RetryQuotaCapacity.Min - 1; break;
            case "MaxResponseBytes": options.MaxResponseBytes = ClientOptionLimits.MaxResponseBytes.Min - 1; break;
            default: options.MaxConnectionsPerServer = ClientOptionLimits.MaxConnectionsPerServer.Max + 1; break;
        }

        var error = ActivityClient.Create(options).Match(Right: c => { c.Dispose(); return null; }, Left: e => e);
        Assert.NotNull(error);
        Assert.Equal((field, ValidationFailure.OutOfRange, message), (error.Field, error.Failure, error.Message));
    }

    [Fact]
    public void A_null_randomizer_is_refused()
    {
        var options = Options(FakeHandler.Always(() => FakeHandler.Json(200, "{}")));
        options.Randomizer = null!;
        var error = ActivityClient.Create(options).Match(Right: c => { c.Dispose(); return null; }, Left: e => e);
        Assert.Equal(("Randomizer", ValidationFailure.Missing), (error?.Field, error?.Failure));
    }

    [Theory]
    [InlineData("PollTimeout")]
    [InlineData("RequestTimeout")]
    [InlineData("MaxAttempts")]
    [InlineData("RetryBaseDelay")]
    [InlineData("RetryQuotaCapacity")]
    [InlineData("MaxResponseBytes")]
    [InlineData("MaxConnectionsPerServer")]
    public void The_xml_doc_of_an_option_states_the_table_s_range(string property)
    {
        string range = property switch
        {
            "PollTimeout" => ClientOptionLimits.PollTimeout.Text,
            "RequestTimeout" => ClientOptionLimits.RequestTimeout.Text,
            "MaxAttempts" => ClientOptionLimits.MaxAttempts.Text,
            "RetryBaseDelay" => ClientOptionLimits.RetryBaseDelay.Text,
            "RetryQuotaCapacity" => ClientOptionLimits.RetryQuotaCapacity.Text,
            "MaxResponseBytes" => ClientOptionLimits.MaxResponseBytes.Text,
            _ => ClientOptionLimits.MaxConnectionsPerServer.Text,
        };
        string xml = Path.ChangeExtension(typeof(ActivityClientOptions).Assembly.Location, ".xml");
        string summary = XDocument.Load(xml).Descendants("member")
            .Single(m => (string?)m.Attribute("name") == $"P:ActivityCore.ActivityClientOptions.{property}")
            .Element("summary")!.Value;
        string words = range.Split(" (")[0];
        Assert.Contains($"{words}, default", string.Join(' ', summary.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_pinned_randomizer_gives_the_documented_delay()
    {
        // Randomizer() * min(RetryBaseDelay * 2^i, 20 s): 0.5 * 1 s = 500 ms before the first retry, 0.5 * 2 s before the second.
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 8, 0, 0, TimeSpan.Zero));
        var handler = FakeHandler.Sequence(
            () => FakeHandler.Error(400, "ThrottlingException"),
            () => FakeHandler.Error(400, "ThrottlingException"),
            () => FakeHandler.Json(200, "{}"));
        using var client = NewClient(handler, o =>
        {
            o.RetryBaseDelay = TimeSpan.FromSeconds(1);
            o.Randomizer = () => 0.5;
            o.TimeProvider = clock;
        });

        var call = client.SendTaskHeartbeatAsync(Token);
        await WaitFor(() => handler.Requests.Count == 1);
        clock.Advance(TimeSpan.FromMilliseconds(499));
        await Task.Delay(50);
        Assert.Single(handler.Requests);
        clock.Advance(TimeSpan.FromMilliseconds(1));
        await WaitFor(() => handler.Requests.Count == 2);
        clock.Advance(TimeSpan.FromMilliseconds(999));
        await Task.Delay(50);
        Assert.Equal(2, handler.Requests.Count);
        clock.Advance(TimeSpan.FromMilliseconds(1));

        Assert.True((await call.WaitAsync(TimeSpan.FromSeconds(10))).IsRight);
        Assert.Equal(3, handler.Requests.Count);
    }

    private static async Task WaitFor(Func<bool> condition)
    {
        for (int i = 0; i < 500 && !condition(); i++)
        {
            await Task.Delay(10);
        }

        Assert.True(condition());
    }
}
