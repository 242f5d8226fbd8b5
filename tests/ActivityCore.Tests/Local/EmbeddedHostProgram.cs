using System;
using System.Net.Http;
using System.Runtime.InteropServices;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using ActivityCore.Local;
using ActivityCore.Operations;

namespace ActivityCore.Tests.Local;

/// <summary>
/// The test assembly's entry point (the test runner never calls it). Run as <c>dotnet ActivityCore.Tests.dll MODE</c>, it is
/// a console app that embeds <see cref="LocalStepFunctions"/>, for the signal tests:
/// <c>embedded-local</c> starts an endpoint and waits forever, leaving SIGINT and SIGTERM to the runtime's default
/// (the process must end); <c>embedded-local-own-handler</c> handles SIGINT and SIGTERM itself, then checks that the
/// endpoint still serves (only the app decides when it stops) and exits 0.
/// </summary>
internal static class EmbeddedHostProgram
{
    public static async Task<int> Main(string[] args)
    {
        switch (args)
        {
            case ["embedded-local"]:
                await using (var local = await LocalStepFunctions.StartAsync(new LocalStepFunctionsOptions { PollHoldTime = TimeSpan.FromMilliseconds(200) }))
                {
                    Console.WriteLine("ready " + local.ServiceUrl);
                    await Task.Delay(Timeout.Infinite);
                }

                return 0;
            case ["embedded-local-own-handler"]:
                return await OwnHandlerAsync();
            default:
                await Console.Error.WriteLineAsync("modes: embedded-local | embedded-local-own-handler");
                return 2;
        }
    }

    private static async Task<int> OwnHandlerAsync()
    {
        var signalled = new TaskCompletionSource<PosixSignal>(TaskCreationOptions.RunContinuationsAsynchronously);
        void Handle(PosixSignalContext context)
        {
            context.Cancel = true;
            signalled.TrySetResult(context.Signal);
        }

        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Handle);
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Handle);
        await using var local = await LocalStepFunctions.StartAsync(new LocalStepFunctionsOptions { PollHoldTime = TimeSpan.FromMilliseconds(200) });
        Console.WriteLine("ready " + local.ServiceUrl);
        var signal = await signalled.Task;
        await Task.Delay(TimeSpan.FromMilliseconds(500)); // a host lifetime that took the signal would be stopping the endpoint now

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        using var request = new HttpRequestMessage(HttpMethod.Post, local.ServiceUrl) { Content = new StringContent("{}", Encoding.UTF8) };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/x-amz-json-1.0");
        request.Headers.Add("X-Amz-Target", "AWSStepFunctions.ListActivities");
        try
        {
            using var response = await http.SendAsync(request);
            Console.WriteLine($"after {signal}: {(int)response.StatusCode}");
            return response.IsSuccessStatusCode ? 0 : 1;
        }
        catch (HttpRequestException e)
        {
            Console.WriteLine($"after {signal}: {e.Message}");
            return 1;
        }
    }
}
