using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Hosting;

namespace ActivityCore.Local.Http;

/// <summary>
/// The web host's lifetime for an endpoint that is a guest in its process: it waits for nothing and installs no Ctrl-C,
/// SIGINT or SIGTERM handler (the default console lifetime would take those signals from the host app, which then
/// never ends on Ctrl-C). The endpoint stops when it is disposed; the standalone server handles signals itself.
/// </summary>
internal sealed class EmbeddedLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
