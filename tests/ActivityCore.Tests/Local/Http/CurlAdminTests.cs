using System;
using System.Diagnostics;
using System.Text.Json;
using System.Threading.Tasks;
using ActivityCore.Local;
using ActivityCore.Operations;
using Xunit;

namespace ActivityCore.Tests.Local.Http;

/// <summary>The admin routes with signing on, driven by a signer nobody here wrote: <c>curl --aws-sigv4</c>, as the README shows.</summary>
[Collection(ProcessTestGroup.Name)]
public class CurlAdminTests
{
    private static readonly LocalCredentials Credentials = new("AKIDCURL", "curl-secret");

    private static async Task<(int Status, string Body)> CurlAsync(params string[] args)
    {
        var info = new ProcessStartInfo("curl") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in (string[])["-s", "-w", "\n%{http_code}", "--aws-sigv4", "aws:amz:us-east-1:states", "--user", "AKIDCURL:curl-secret", .. args])
        {
            info.ArgumentList.Add(arg);
        }

        using var curl = Process.Start(info)!;
        var output = await curl.StandardOutput.ReadToEndAsync();
        await curl.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
        var split = output.LastIndexOf('\n');
        return (int.Parse(output[(split + 1)..], System.Globalization.CultureInfo.InvariantCulture), output[..split]);
    }

    [Fact]
    public async Task Curl_signed_with_the_endpoint_credentials_enqueues_and_reads_back_a_task()
    {
        await using var s = await LocalServer.StartAsync(o => o.Credentials = Credentials);
        var arn = s.Local.CreateActivity("curl");
        var url = s.Local.ServiceUrl.GetLeftPart(UriPartial.Authority);

        var (status, body) = await CurlAsync("-H", "content-type: application/json", "-d", $$"""{"activityArn":"{{arn}}","input":"{\"x\":1}"}""", url + "/_local/tasks");
        Assert.Equal(200, status);
        var id = JsonDocument.Parse(body).RootElement.GetProperty("taskId").GetString();
        var (readStatus, read) = await CurlAsync(url + "/_local/tasks/" + id);

        Assert.Equal(200, readStatus);
        Assert.Equal("pending", JsonDocument.Parse(read).RootElement.GetProperty("status").GetString());
        Assert.Equal("""{"x":1}""", (await s.Client.PollAsync(arn)).String("input"));
    }
}
