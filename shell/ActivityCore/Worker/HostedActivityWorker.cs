using System;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Hosting;

namespace ActivityCore.Worker;

/// <summary>The hosted service <c>AddActivityWorker</c> registers: it owns a client and the worker that uses it.</summary>
internal sealed class HostedActivityWorker(ActivityClient client, ActivityWorker worker, Action? beforeStart = null) : IHostedService, IAsyncDisposable
{
    public ActivityWorker Worker { get; } = worker;

    /// <summary>The client the worker polls with.</summary>
    public ActivityClient Client { get; } = client;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        beforeStart?.Invoke();
        return Worker.StartAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Worker.StopAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await Worker.DisposeAsync().ConfigureAwait(false);
        Client.Dispose();
    }
}
