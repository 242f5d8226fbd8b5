using System;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using ActivityCore.Operations;
using ActivityCore.Retries;
using ActivityCore.Tests.Shell;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using LanguageExt;
using Xunit;

namespace ActivityCore.Tests.Regressions;

/// <summary>
/// Regression: an emulator answered an empty poll with HTTP 200, <c>Content-Length: 0</c> and no <c>Content-Type</c>.
/// The client read it as <c>MalformedResponse</c> (transient) and retried it, and an idle worker drained the retry
/// quota. An empty or whitespace-only 2xx body is the empty output <c>{}</c> for every operation, as the AWS SDKs read it.
/// </summary>
public class EmptyBodyTests
{
    private static readonly ActivityArn Arn = ClientFixture.Arn;

    /// <summary>Each operation's parse of a 2xx answer, as a text that tells the results apart (ActivityPage holds a list).</summary>
    private static readonly (string Name, Func<int, byte[], string> Parse)[] Operations =
    [
        ("GetActivityTask", (s, b) => GetActivityTask.ParseResponse(s, null, b).ToString()),
        ("SendTaskSuccess", (s, b) => SendTaskSuccess.ParseResponse(s, null, b).ToString()),
        ("SendTaskFailure", (s, b) => SendTaskFailure.ParseResponse(s, null, b).ToString()),
        ("SendTaskHeartbeat", (s, b) => SendTaskHeartbeat.ParseResponse(s, null, b).ToString()),
        ("CreateActivity", (s, b) => CreateActivity.ParseResponse(s, null, b).ToString()),
        ("DescribeActivity", (s, b) => DescribeActivity.ParseResponse(s, null, b).ToString()),
        ("DeleteActivity", (s, b) => DeleteActivity.ParseResponse(s, null, b).ToString()),
        ("ListActivities", (s, b) => ListActivities.ParseResponse(s, null, b).Match(
            Right: p => $"page {p.Activities.Count} {p.NextToken}", Left: e => e.ToString())),
    ];

    /// <summary>JSON whitespace (space, tab, CR, LF), maybe after a UTF-8 byte order mark.</summary>
    private static Gen<byte[]> EmptyBodies =>
        from bom in Gen.Elements(true, false)
        from blanks in Gen.ListOf(Gen.Elements((byte)' ', (byte)'\t', (byte)'\r', (byte)'\n'))
        select (bom ? new byte[] { 0xEF, 0xBB, 0xBF } : []).Concat(blanks).ToArray();

    [Property(MaxTest = 300)]
    public Property For_every_operation_an_empty_2xx_body_parses_exactly_as_an_empty_object() =>
        Prop.ForAll(
            Arb.From(
                from op in Gen.Elements(Operations)
                from status in Gen.Choose(200, 299)
                from body in EmptyBodies
                select (op, status, body)),
            c => c.op.Parse(c.status, c.body) == c.op.Parse(c.status, "{}"u8.ToArray()));

    [Fact]
    public void An_empty_poll_answer_is_none()
    {
        var result = GetActivityTask.ParseResponse(200, null, []);
        Assert.True(result.Match(Right: o => o.IsNone, Left: _ => false), result.ToString());
    }

    [Fact]
    public async Task A_200_with_no_length_and_no_content_type_is_an_empty_poll_in_one_attempt()
    {
        await using var server = new RawHttpServer((_, _) => "HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
        var options = new ActivityClientOptions
        {
            Region = "us-east-1",
            ServiceUrl = server.Url,
            Credentials = new Amazon.Runtime.BasicAWSCredentials(FakeHandler.AccessKey, FakeHandler.SecretKey),
            RetryBaseDelay = TimeSpan.Zero,
        };
        using var client = ClientFixture.NewClient(options);

        var result = await client.GetActivityTaskAsync(Arn, Option<WorkerName>.None);

        Assert.True(result.Match(Right: o => o.IsNone, Left: _ => false), result.ToString());
        Assert.Single(server.Requests);
        Assert.Equal(RetryQuota.InitialTokens, client.RetryQuotaAvailable);
    }
}
