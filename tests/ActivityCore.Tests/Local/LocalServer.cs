using System;
using System.Threading.Tasks;
using ActivityCore.Local;

namespace ActivityCore.Tests.Local;

/// <summary>An endpoint on a free port with short holds, and a hand-written client for it.</summary>
internal sealed class LocalServer : IAsyncDisposable
{
    public static readonly TimeSpan ShortHold = TimeSpan.FromMilliseconds(200);

    private LocalServer(LocalStepFunctions local, WireClient client)
    {
        Local = local;
        Client = client;
    }

    public LocalStepFunctions Local { get; }

    public WireClient Client { get; }

    public static async Task<LocalServer> StartAsync(Action<LocalStepFunctionsOptions>? configure = null)
    {
        var options = new LocalStepFunctionsOptions { PollHoldTime = ShortHold };
        configure?.Invoke(options);
        var local = await LocalStepFunctions.StartAsync(options);
        return new LocalServer(local, new WireClient(local.ServiceUrl, options.Credentials) { Clock = options.TimeProvider });
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Local.DisposeAsync();
    }
}
