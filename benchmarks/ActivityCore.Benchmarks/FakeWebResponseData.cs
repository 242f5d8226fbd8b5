using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Threading.Tasks;
using Amazon.Runtime.EventStreams;
using Amazon.Runtime.Internal.Transform;

namespace ActivityCore.Benchmarks;

/// <summary>
/// The smallest <see cref="IWebResponseData"/> AWSSDK.Core's unmarshaller contexts accept: a status and a few
/// headers (header names are case-insensitive, as on HttpClient responses). Built once per benchmark class.
/// </summary>
internal sealed class FakeWebResponseData : IWebResponseData
{
    private readonly Dictionary<string, string> headers;

    public FakeWebResponseData(HttpStatusCode status, string contentType, long contentLength, params (string Name, string Value)[] headers)
    {
        StatusCode = status;
        ContentType = contentType;
        ContentLength = contentLength;
        this.headers = headers.ToDictionary(h => h.Name, h => h.Value, StringComparer.OrdinalIgnoreCase);
    }

    public long ContentLength { get; }

    public string ContentType { get; }

    public HttpStatusCode StatusCode { get; }

    public bool IsSuccessStatusCode => (int)StatusCode is >= 200 and <= 299;

    public IHttpResponseBody ResponseBody => NoBody.Instance;

    public string[] GetHeaderNames() => [.. headers.Keys];

    public bool IsHeaderPresent(string headerName) => headers.ContainsKey(headerName);

    public string GetHeaderValue(string headerName) => headers.TryGetValue(headerName, out string? value) ? value : null!;

    public IEventStreamHeader GetEventStreamHeader(string headerName) => null!;

    public bool IsEventHeaderPresent(string headerName) => false;

    /// <summary>The body is handed to the context as a stream; the unmarshallers never open it through here.</summary>
    private sealed class NoBody : IHttpResponseBody
    {
        public static readonly NoBody Instance = new();

        public Stream OpenResponse() => Stream.Null;

        public Task<Stream> OpenResponseAsync() => Task.FromResult(Stream.Null);

        public void Dispose()
        {
        }
    }
}
