using System;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Hosting;

namespace ActivityCore.Worker;

/// <summary>The hosted service <c>AddActivityWorker</c> registers: it owns a client and the worker that uses it.</summary>
internal sealed class HostedActivityWorker(ActivityClient client, ActivityWorker worker, Action? beforeStart = null) : IHostedService, IAsyncDisposable
{
    private int disposed;

    public ActivityWorker Worker { get; } = worker;

    /// <summary>The client the worker polls with.</summary>
    public ActivityClient Client { get; } = client;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        beforeStart?.Invoke();
        return Worker.StartAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Worker.StopAsync(cancellationToken);

    /// <summary>Disposes the worker, then the client; once (the container disposes this instance under each of its registrations).</summary>
    /// <returns>When done.</returns>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref disposed, 1) != 0)
        {
            return;
        }

        await Worker.DisposeAsync().ConfigureAwait(false);
        Client.Dispose();
    }
}
