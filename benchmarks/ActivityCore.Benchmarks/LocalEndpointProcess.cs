using System;
using System.Diagnostics;
using System.IO;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;

namespace ActivityCore.Benchmarks;

/// <summary>
/// The standalone local endpoint (<c>ActivityCore.Local</c>) as a child process, so that its memory, threads and CPU
/// are not the benchmark's: started on a free port with a hold time, stopped (killed) on dispose.
/// </summary>
internal sealed class LocalEndpointProcess : IDisposable
{
    private readonly Process process;

    private LocalEndpointProcess(Process process, Uri url)
    {
        this.process = process;
        Url = url;
    }

    /// <summary>Where it listens.</summary>
    public Uri Url { get; }

    /// <summary>Its process's CPU time so far.</summary>
    public TimeSpan Cpu
    {
        get
        {
            process.Refresh();
            return process.TotalProcessorTime;
        }
    }

    /// <summary>Starts it and waits for its "Listening on" line.</summary>
    /// <param name="holdSeconds">How long it holds an empty poll.</param>
    /// <returns>The running endpoint.</returns>
    public static async Task<LocalEndpointProcess> StartAsync(double holdSeconds)
    {
        string dll = Path.Combine(AppContext.BaseDirectory, "ActivityCore.Local.dll");
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string arg in new[] { dll, "--port", "0", "--hold-seconds", holdSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture) })
        {
            info.ArgumentList.Add(arg);
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException("could not start the local endpoint");
        process.ErrorDataReceived += static (_, _) => { };
        process.BeginErrorReadLine();
        while (await process.StandardOutput.ReadLineAsync().ConfigureAwait(false) is { } line)
        {
            if (line.StartsWith("Listening on ", StringComparison.Ordinal))
            {
                var url = new Uri(line["Listening on ".Length..].Trim());
                _ = DrainAsync(process.StandardOutput);
                return new LocalEndpointProcess(process, url);
            }
        }

        throw new InvalidOperationException("the local endpoint ended before it listened");
    }

    /// <summary>Creates an activity through the AWS protocol (<c>CreateActivity</c>) and returns its ARN.</summary>
    /// <param name="name">The activity's name.</param>
    /// <returns>The ARN.</returns>
    public async Task<string> CreateActivityAsync(string name)
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, Url)
        {
            Content = new StringContent(JsonSerializer.Serialize(new { name }), Encoding.UTF8),
        };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/x-amz-json-1.0");
        request.Headers.TryAddWithoutValidation("X-Amz-Target", "AWSStepFunctions.CreateActivity");
        using var response = await http.SendAsync(request).ConfigureAwait(false);
        string body = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
        using var json = JsonDocument.Parse(body);
        return json.RootElement.GetProperty("activityArn").GetString() ?? throw new InvalidOperationException(body);
    }

    /// <summary>Kills it.</summary>
    public void Dispose()
    {
        try
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit(5000);
        }
        catch (InvalidOperationException)
        {
            // already gone
        }

        process.Dispose();
    }

    private static async Task DrainAsync(StreamReader output)
    {
        try
        {
            while (await output.ReadLineAsync().ConfigureAwait(false) is not null)
            {
            }
        }
        catch (IOException)
        {
            // the process ended
        }
        catch (ObjectDisposedException)
        {
            // the process ended
        }
    }
}
