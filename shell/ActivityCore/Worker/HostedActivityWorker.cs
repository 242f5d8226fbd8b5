using System;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Hosting;

namespace ActivityCore.Worker;

/// <summary>The hosted service <c>AddActivityWorker</c> registers: it owns a client and the worker that uses it.</summary>
internal sealed class HostedActivityWorker(ActivityClient client, ActivityWorker worker) : IHostedService, IAsyncDisposable
{
    public ActivityWorker Worker { get; } = worker;

    public Task StartAsync(CancellationToken cancellationToken) => Worker.StartAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Worker.StopAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await Worker.DisposeAsync().ConfigureAwait(false);
        client.Dispose();
    }
}
