using System;
using System.Collections.Generic;
using System.Linq;
using System.Security;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Threading.Tasks;
using ActivityCore.Tests.Client;
using Amazon.Runtime;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using LanguageExt;
using Xunit;
using static LanguageExt.Prelude;

namespace ActivityCore.Tests.Regressions;

/// <summary>How a hostile server echoes the request it received (its request line, headers and body, on one line).</summary>
public enum EchoShape
{
    /// <summary>In a JSON error's <c>message</c>, JSON-escaped by the server (non-ASCII and HTML characters as <c>\uXXXX</c>).</summary>
    JsonMessage,

    /// <summary>In a JSON error's <c>message</c>, as a JSON object of the headers and the body (<c>"x-amz-security-token": "…"</c>).</summary>
    JsonObjectMessage,

    /// <summary>In a JSON error's <c>__type</c>.</summary>
    JsonType,

    /// <summary>In a JSON error's <c>message</c>, URL-encoded.</summary>
    UrlEncodedMessage,

    /// <summary>In the <c>x-amzn-RequestId</c> header of an error.</summary>
    RequestIdHeader,

    /// <summary>In the <c>x-amzn-ErrorType</c> header of an error.</summary>
    ErrorTypeHeader,

    /// <summary>In an XML error's <c>Message</c>.</summary>
    XmlMessage,

    /// <summary>In an XML error's <c>Code</c>.</summary>
    XmlCode,

    /// <summary>As an invalid header line, which the HTTP stack quotes in its exception's message (a NetworkFailure).</summary>
    InvalidHeaderLine,
}

/// <summary>
/// Regression: a server that echoed the request's headers and body put the session token, the signature, the task token
/// and the output or cause into the failure, its <c>ToString()</c> and the client's log lines: the pattern rules
/// (<c>X-Amz-Security-Token:</c>, <c>Signature=</c>) miss echoes. The client knows every secret of the request it sent
/// and removes each (raw, JSON-escaped, URL-encoded) from every text it hands back or logs.
/// Secrets are printable ASCII without spaces (as header values travel unchanged), with JSON, XML and URL specials.
/// </summary>
public class EchoedRequestSecretsTests(Xunit.Abstractions.ITestOutputHelper output)
{
    /// <summary>The secrets of one request: all five kinds (SendTaskSuccess carries an output, SendTaskFailure a cause).</summary>
    public const int SecretKinds = 5;

    private static readonly JsonSerializerOptions RelaxedJson = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>12..40 printable ASCII characters, no space, weighted towards characters that escaping changes.</summary>
    private static Gen<string> Secret =>
        from chars in Gen.ArrayOf(Gen.Frequency(
                (6, Gen.Choose(0x21, 0x7E).Select(c => (char)c)),
                (2, Gen.Elements('"', '\\', '<', '>', '&', '%', '+', '/', '=', '\''))))
            .Where(a => a.Length is >= 12 and <= 40)
        select new string(chars);

    /// <summary>The one-line echo: request line, headers, body.</summary>
    private static string EchoOf(RawRequest r) =>
        r.RequestLine + "; " + string.Join("; ", r.Headers.Select(h => $"{h.Key}: {h.Value}")) + "; " + r.Body;

    /// <summary>
    /// One secret as the server received it, for the shapes that hold one value (a code, an invalid header line): 0 the
    /// session token, 1 the signature, 2 the task token, 3 the output or the cause.
    /// </summary>
    private static string ValueOf(RawRequest r, int pick)
    {
        using var body = JsonDocument.Parse(r.Body);
        string authorization = r.Header("Authorization")!;
        return pick switch
        {
            0 => r.Header("X-Amz-Security-Token")!,
            1 => authorization[(authorization.IndexOf("Signature=", StringComparison.Ordinal) + 10)..],
            2 => body.RootElement.GetProperty("taskToken").GetString()!,
            _ => body.RootElement.TryGetProperty("output", out var o) ? o.GetString()! : body.RootElement.GetProperty("cause").GetString()!,
        };
    }

    private static string AnswerFor(EchoShape shape, int pick, RawRequest r)
    {
        string echo = EchoOf(r);
        string one = ValueOf(r, pick);
        string Json(object body) => JsonSerializer.Serialize(body);
        const string JsonType = "Content-Type: application/x-amz-json-1.0";
        return shape switch
        {
            EchoShape.JsonMessage => RawHttpServer.Answer(400, Json(new Dictionary<string, string> { ["__type"] = "ValidationException", ["message"] = "you sent " + echo }), JsonType),
            EchoShape.JsonObjectMessage => RawHttpServer.Answer(400, Json(new Dictionary<string, string>
            {
                ["__type"] = "ValidationException",
                ["message"] = JsonSerializer.Serialize(r.Headers.Append(new KeyValuePair<string, string>("body", r.Body)).ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value), RelaxedJson),
            }), JsonType),
            EchoShape.JsonType => RawHttpServer.Answer(400, Json(new Dictionary<string, string> { ["__type"] = one, ["message"] = "bad" }), JsonType),
            EchoShape.UrlEncodedMessage => RawHttpServer.Answer(400, Json(new Dictionary<string, string> { ["__type"] = "ValidationException", ["message"] = "request=" + Uri.EscapeDataString(echo) }), JsonType),
            EchoShape.RequestIdHeader => RawHttpServer.Answer(400, "{\"__type\":\"ValidationException\"}", JsonType, "x-amzn-RequestId: " + echo),
            EchoShape.ErrorTypeHeader => RawHttpServer.Answer(400, "{}", JsonType, "x-amzn-ErrorType: " + one),
            EchoShape.XmlMessage => RawHttpServer.Answer(400, $"<ErrorResponse><Error><Code>Sender</Code><Message>{SecurityElement.Escape(echo)}</Message></Error></ErrorResponse>", "Content-Type: text/xml"),
            EchoShape.XmlCode => RawHttpServer.Answer(400, $"<Error><Code>{SecurityElement.Escape(one)}</Code><Message>bad</Message></Error>", "Content-Type: text/xml"),
            _ => "HTTP/1.1 500 Oops\r\n" + one + "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
        };
    }

    /// <summary>The forms a secret may take in a text: raw, JSON-escaped once or twice, URL-encoded (8 characters or more).</summary>
    private static IEnumerable<string> Forms(string secret)
    {
        string escaped = JsonEncodedText.Encode(secret, JavaScriptEncoder.UnsafeRelaxedJsonEscaping).ToString();
        return new[]
        {
            secret, escaped, JsonEncodedText.Encode(escaped, JavaScriptEncoder.UnsafeRelaxedJsonEscaping).ToString(),
            Uri.EscapeDataString(secret), Uri.EscapeDataString(escaped),
        }.Where(f => f.Length >= 8).Distinct();
    }

    public sealed record EchoCase(EchoShape Shape, int Pick, bool Success, string SessionToken, string TaskToken, string Text);

    private static async Task<(string Failure, IReadOnlyList<string> Logs, IReadOnlyList<string> Secrets)> RunAsync(EchoCase c)
    {
        await using var server = new RawHttpServer((r, _) => AnswerFor(c.Shape, c.Pick, r));
        var logger = new ListLogger();
        using var client = ClientFixture.NewClient(new ActivityClientOptions
        {
            Region = "us-east-1",
            ServiceUrl = server.Url,
            Credentials = new SessionAWSCredentials(FakeHandler.AccessKey, FakeHandler.SecretKey, c.SessionToken),
            MaxAttempts = 2,
            RetryBaseDelay = TimeSpan.Zero,
            Logger = logger,
        });
        var token = TaskToken.Parse(c.TaskToken).RightOrThrow();
        string failure;
        string body;
        if (c.Success)
        {
            var output = TaskOutput.Parse(JsonSerializer.Serialize(c.Text)).RightOrThrow();
            failure = (await client.SendTaskSuccessAsync(token, output)).LeftOrThrow().ToString();
            body = output.Json;
        }
        else
        {
            var cause = TaskFailure.Create(Some("Failed"), Some(c.Text)).RightOrThrow();
            failure = (await client.SendTaskFailureAsync(token, cause)).LeftOrThrow().ToString();
            body = c.Text;
        }

        var signatures = server.Requests.Select(r => r.Header("Authorization")!).Select(a => a[(a.IndexOf("Signature=", StringComparison.Ordinal) + 10)..]);
        return (failure, logger.Lines.ToList(), [c.SessionToken, c.TaskToken, body, .. signatures]);
    }

    private static Option<string> Leak((string Failure, IReadOnlyList<string> Logs, IReadOnlyList<string> Secrets) run) =>
        (from secret in run.Secrets
         from form in Forms(secret)
         from text in run.Logs.Prepend(run.Failure)
         where text.Contains(form, StringComparison.Ordinal)
         select $"'{form}' in: {text}").HeadOrNone();

    /// <summary>The shapes times the secret kinds: every echo shape carries every secret of the request it echoes.</summary>
    public static int Combinations => Enum.GetValues<EchoShape>().Length * SecretKinds;

    public static TheoryData<EchoShape, int, bool> Shapes()
    {
        var data = new TheoryData<EchoShape, int, bool>();
        foreach (var shape in Enum.GetValues<EchoShape>())
        {
            for (int pick = 0; pick < 4; pick++)
            {
                data.Add(shape, pick, true);
                data.Add(shape, pick, false);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public async Task No_echoed_secret_reaches_a_failure_or_a_log_line(EchoShape shape, int pick, bool success)
    {
        var run = await RunAsync(new EchoCase(shape, pick, success, "FwoGZXIvYXdzEJr//////////wEaDSECRETSESSION+token=", "AAAAKgAAAAIAAAAAAAAAAQSECRET\"task<token>&", "the secret \"cause\" or <output> & 100% +more"));
        output.WriteLine(run.Failure);
        Assert.True(run.Secrets.Count >= 4);
        Assert.Equal(None, Leak(run));
    }

    [Property(MaxTest = 120)]
    public Property For_random_secrets_in_any_echo_shape_no_failure_text_or_log_line_contains_them() =>
        Prop.ForAll(
            Arb.From(
                from shape in Gen.Elements(Enum.GetValues<EchoShape>())
                from pick in Gen.Choose(0, 3)
                from success in Gen.Elements(true, false)
                from session in Secret
                from task in Secret
                from text in Secret
                select new EchoCase(shape, pick, success, session, task, text)),
            c => Leak(RunAsync(c).GetAwaiter().GetResult()).Match(Some: leak => false.ToProperty().Label(leak), None: () => true.ToProperty()));
}
