using System;
using System.Diagnostics;
using System.IO;
using System.Text;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using ActivityCore.Tests.Readme;
using Xunit;
using Xunit.Abstractions;

namespace ActivityCore.Tests.Conformance;

/// <summary>
/// The official AWS SDK for JavaScript v3 (<c>@aws-sdk/client-sfn</c>, pinned in tests/conformance-js/package-lock.json)
/// drives the standalone local server (the ActivityCore.Local executable, started as its own process) with SigV4 on.
/// Needs Node.js 20+ and <c>npm ci --prefix tests/conformance-js</c> (.ci/run does it); fails, never skips, without them.
/// </summary>
[Collection(ProcessTestGroup.Name)]
public sealed partial class JsConformanceTests(ITestOutputHelper output)
{
    private const string AccessKeyId = "AKIDLOCALCONFORMANCE";
    private const string SecretAccessKey = "local-conformance-secret/not-a-real-key";
    private const string Region = "us-west-2";

    [GeneratedRegex(@"Listening on (http://[0-9.:]+)")]
    private static partial Regex ListeningLine();

    [Fact]
    public async Task The_AWS_SDK_for_JavaScript_passes_against_the_standalone_server()
    {
        string suite = Path.GetDirectoryName(ReadmeSampleTests.RepositoryFile("tests/conformance-js/conformance.test.mjs"))!;
        Assert.True(Directory.Exists(Path.Combine(suite, "node_modules", "@aws-sdk", "client-sfn")),
            "run `npm ci --prefix tests/conformance-js` first (.ci/run does)");

        string server = Path.Combine(AppContext.BaseDirectory, "ActivityCore.Local.dll");
        using var local = Start("dotnet", suite, $"\"{server}\" --port 0 --hold-seconds 1 --region {Region} --access-key-id {AccessKeyId} --secret-access-key {SecretAccessKey}", endpoint: null);
        var serverLog = new StringBuilder();
        var url = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        local.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                return;
            }

            lock (serverLog)
            {
                serverLog.AppendLine(e.Data);
            }

            if (ListeningLine().Match(e.Data) is { Success: true } m)
            {
                url.TrySetResult(m.Groups[1].Value);
            }
        };
        local.ErrorDataReceived += (_, e) =>
        {
            lock (serverLog)
            {
                serverLog.AppendLine(e.Data);
            }
        };
        local.BeginOutputReadLine();
        local.BeginErrorReadLine();

        try
        {
            string endpoint = await url.Task.WaitAsync(TimeSpan.FromSeconds(30));
            using var node = Start("node", suite, "--test --test-reporter=spec conformance.test.mjs", endpoint);
            var stdout = node.StandardOutput.ReadToEndAsync();
            var stderr = node.StandardError.ReadToEndAsync();
            bool exited = node.WaitForExit(TimeSpan.FromMinutes(3));
            output.WriteLine(await stdout);
            output.WriteLine(await stderr);
            Assert.True(exited, "node --test did not finish within 3 minutes");
            Assert.True(node.ExitCode == 0, $"node --test exited with {node.ExitCode}:\n{await stdout}\n{await stderr}");
            Assert.Matches(@"(?m)^. fail 0\s*$", await stdout);
        }
        finally
        {
            local.Kill(entireProcessTree: true);
            await local.WaitForExitAsync();
            lock (serverLog)
            {
                output.WriteLine("== server log\n" + serverLog);
            }
        }
    }

    private static Process Start(string file, string directory, string arguments, string? endpoint)
    {
        var info = new ProcessStartInfo(file, arguments)
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.Environment["AWS_ACCESS_KEY_ID"] = AccessKeyId;
        info.Environment["AWS_SECRET_ACCESS_KEY"] = SecretAccessKey;
        info.Environment["SFN_REGION"] = Region;
        if (endpoint is not null)
        {
            info.Environment["SFN_ENDPOINT"] = endpoint;
        }

        return Process.Start(info) ?? throw new InvalidOperationException($"could not start {file}");
    }
}
