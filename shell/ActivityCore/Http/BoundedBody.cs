using System.IO;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace ActivityCore.Http;

/// <summary>Reads an answer's body into a pooled buffer, refusing (without reading it whole) a body over a bound.</summary>
internal static class BoundedBody
{
    /// <summary>Reads the body; false when it is larger than <paramref name="maxBytes"/> (by its Content-Length or as read).</summary>
    public static async Task<bool> ReadAsync(HttpContent content, int maxBytes, PooledBufferWriter into, CancellationToken cancellationToken)
    {
        long? declared = content.Headers.ContentLength;
        if (declared > maxBytes)
        {
            return false;
        }

        Stream stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            while (true)
            {
                int read = await stream.ReadAsync(into.GetMemory(8192), cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    return true;
                }

                into.Advance(read);
                if (into.WrittenCount > maxBytes)
                {
                    return false;
                }
            }
        }
    }
}
