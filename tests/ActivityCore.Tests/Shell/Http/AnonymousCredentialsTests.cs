using System;
using System.Linq;
using System.Threading.Tasks;
using ActivityCore.Operations;
using Amazon.Runtime;
using LanguageExt;
using Xunit;

namespace ActivityCore.Tests.Shell.Http;

/// <summary><see cref="AnonymousAWSCredentials"/> send unsigned requests, as the AWS SDKs do (the CLI's <c>--no-sign-request</c>).</summary>
public class AnonymousCredentialsTests
{
    [Fact]
    public async Task Anonymous_credentials_send_an_unsigned_request()
    {
        await using var server = new RawHttpServer((_, _) => RawHttpServer.Answer(200, "{}", "Content-Type: application/x-amz-json-1.0"));
        using var client = ClientFixture.NewClient(new ActivityClientOptions
        {
            Region = "us-east-1",
            ServiceUrl = server.Url,
            Credentials = new AnonymousAWSCredentials(),
        });

        var result = await client.GetActivityTaskAsync(ClientFixture.Arn, Option<WorkerName>.None);

        Assert.True(result.IsRight, result.ToString());
        var request = Assert.Single(server.Requests);
        Assert.Null(request.Header("Authorization"));
        Assert.Null(request.Header("X-Amz-Security-Token"));
        Assert.Equal("AWSStepFunctions.GetActivityTask", request.Header("X-Amz-Target"));
        Assert.NotNull(request.Header("X-Amz-Date"));
        Assert.Contains(ClientFixture.Arn.Value, request.Body, StringComparison.Ordinal);
    }
}
