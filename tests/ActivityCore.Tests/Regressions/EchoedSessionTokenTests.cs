using System;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using ActivityCore.Errors;
using ActivityCore.Local;
using ActivityCore.Local.Protocol;
using ActivityCore.Operations;
using ActivityCore.Parsing;
using ActivityCore.Tests.Shell;
using Amazon.Runtime;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Xunit;
using static LanguageExt.Prelude;

namespace ActivityCore.Tests.Regressions;

/// <summary>
/// Issue 7, found by <c>Worker/SecretsTests</c>: AWS's <c>InvalidSignatureException</c> quotes the canonical request it
/// computed, and with session credentials that request has an <c>x-amz-security-token:</c> header. The message was kept
/// as it came, so the session token was in the error value the client returned, in its <c>ToString</c>, and in any log
/// line a caller wrote from it. The parsers now redact quoted session tokens and signatures from every message.
/// </summary>
public class EchoedSessionTokenTests
{
    private const string SessionToken = "IQoJb3JpZ2luX2VjEBYaCXVzLWVhc3QtMSJHMEUCIQD+session/token==";
    private const string Signature = "4f0e3b1a9c2d8e7f6a5b4c3d2e1f0a9b8c7d6e5f4a3b2c1d0e9f8a7b6c5d4e3f";

    private static readonly string Canonical =
        "POST\n/\n\ncontent-type:application/x-amz-json-1.0\nhost:states.us-east-1.amazonaws.com\nx-amz-date:20260301T120000Z\n" +
        $"x-amz-security-token:{SessionToken}\nx-amz-target:AWSStepFunctions.GetActivityTask\n\n" +
        "content-type;host;x-amz-date;x-amz-security-token;x-amz-target\ne3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    private static readonly string AwsMessage =
        "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. " +
        "Consult the service documentation for details.\n\nThe Canonical String for this request should have been\n'" + Canonical +
        "'\n\nThe String-to-Sign should have been\n'AWS4-HMAC-SHA256\n20260301T120000Z\n20260301/us-east-1/states/aws4_request\n" +
        "9a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f9'\n";

    [Fact]
    public void A_JSON_InvalidSignatureException_keeps_its_explanation_but_not_the_session_token()
    {
        byte[] body = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new { __type = "InvalidSignatureException", message = AwsMessage }));

        var document = ErrorDocument.ParseJson(body, null);
        string message = document.Message.IfNone(string.Empty);

        Assert.DoesNotContain(SessionToken, message, StringComparison.Ordinal);
        Assert.DoesNotContain(SessionToken, document.ToString(), StringComparison.Ordinal);
        Assert.Contains("\nx-amz-security-token:(redacted)\nx-amz-target:", message, StringComparison.Ordinal);
        Assert.Equal(AwsMessage.Replace(SessionToken, "(redacted)", StringComparison.Ordinal), message);
    }

    [Fact]
    public void An_XML_error_is_redacted_the_same_way()
    {
        string xml = "<ErrorResponse><Error><Type>Sender</Type><Code>InvalidSignatureException</Code><Message>" +
            System.Security.SecurityElement.Escape(AwsMessage) + "</Message></Error><RequestId>r-1</RequestId></ErrorResponse>";

        var document = ErrorDocument.ParseXml(Encoding.UTF8.GetBytes(xml));

        Assert.Equal(AwsMessage.Replace(SessionToken, "(redacted)", StringComparison.Ordinal), document.Message.IfNone(string.Empty));
    }

    [Theory]
    [InlineData("Authorization header requires 'Credential' parameter. Authorization=AWS4-HMAC-SHA256 SignedHeaders=host;x-amz-date, Signature={0}")]
    [InlineData("Signature={0}, SignedHeaders=host")]
    [InlineData("a presigned query: X-Amz-Signature={0}&X-Amz-Security-Token={1}&X-Amz-Date=20260301T120000Z")]
    [InlineData("as a header: X-Amz-Security-Token: {1}\nsignature={0}")]
    public void Quoted_signatures_and_session_tokens_are_redacted_wherever_they_stand(string shape)
    {
        string message = string.Format(System.Globalization.CultureInfo.InvariantCulture, shape, Signature, SessionToken);

        string redacted = EchoedSecrets.Redact(message)!;

        Assert.DoesNotContain(Signature, redacted, StringComparison.Ordinal);
        Assert.DoesNotContain(SessionToken, redacted, StringComparison.Ordinal);
        Assert.Contains(EchoedSecrets.Redacted, redacted, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Invalid Arn: 'arn:aws:states:us-east-1:123456789012:activity:x'")]
    [InlineData("SignedHeaders=content-type;host;x-amz-date;x-amz-security-token;x-amz-target")]
    [InlineData("Signature expired: 20260301T120000Z is now earlier than 20260301T121000Z")]
    [InlineData("x-amz-security-token:")]
    [InlineData("")]
    public void A_message_without_a_quoted_secret_is_the_same_string(string message) =>
        Assert.Same(message, EchoedSecrets.Redact(message));

    [Fact]
    public void A_message_full_of_bare_names_is_read_in_one_pass()
    {
        // 100,000 bare header names, then one quoted signature: searching for both names again after each bare one was
        // quadratic (about 10^11 character comparisons here; minutes). Found by review of the redaction.
        string message = string.Concat(Enumerable.Repeat("x-amz-security-token;", 100_000)) + "Signature=" + Signature;
        var clock = System.Diagnostics.Stopwatch.StartNew();

        string redacted = EchoedSecrets.Redact(message)!;

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed}");
        Assert.EndsWith("x-amz-security-token;Signature=(redacted)", redacted, StringComparison.Ordinal);
        Assert.Equal(message.Length - Signature.Length + EchoedSecrets.Redacted.Length, redacted.Length);
    }

    [Property(MaxTest = 300)]
    public Property Redaction_is_total_and_idempotent() =>
        Prop.ForAll(
            Arb.From(Gen.OneOf(
                ArbMap.Default.GeneratorFor<string>().Where(s => s is not null),
                from prefix in ArbMap.Default.GeneratorFor<string>().Where(s => s is not null)
                from name in Gen.Elements("x-amz-security-token:", "X-AMZ-SECURITY-TOKEN=", "Signature=", "x-amz-signature=", "x-amz-security-token: ")
                from value in ArbMap.Default.GeneratorFor<string>().Where(s => s is not null)
                select prefix + name + value)),
            message =>
            {
                string once = EchoedSecrets.Redact(message)!;
                return once == EchoedSecrets.Redact(once);
            });

    [Fact]
    public async Task The_client_returns_a_wrong_signature_failure_without_the_session_token()
    {
        await using var local = await LocalStepFunctions.StartAsync(new LocalStepFunctionsOptions
        {
            PollHoldTime = TimeSpan.FromMilliseconds(100),
            Credentials = new LocalCredentials("AKIDECHO", "right-secret", SessionToken),
        });
        using var client = ClientFixture.NewClient(new ActivityClientOptions
        {
            Region = "us-east-1",
            ServiceUrl = local.ServiceUrl,
            Credentials = new SessionAWSCredentials("AKIDECHO", "wrong-secret", SessionToken),
            MaxAttempts = 1,
        });

        var failure = (await client.GetActivityTaskAsync(ActivityArn.Parse(local.CreateActivity("echo")).RightOrThrow(), None)).LeftOrThrow();

        var error = Assert.IsType<ActivityFailure<GetActivityTaskError>.ServiceError>(failure).Error;
        Assert.Equal("InvalidSignatureException", error.Code);
        Assert.Contains("x-amz-security-token:(redacted)", error.Message.IfNone(string.Empty), StringComparison.Ordinal);
        Assert.DoesNotContain(SessionToken, failure.ToString(), StringComparison.Ordinal);
    }
}
