using System;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Threading;

namespace ActivityCore.Local.Http;

/// <summary>
/// Whether a request's <c>Host</c> names the address and port the endpoint listens on (DNS rebinding: a web page whose
/// name now resolves to 127.0.0.1 still sends its own name). Served: the bound IP literal; <c>localhost</c> when bound
/// to a loopback or unspecified address; any IP literal when bound to the unspecified address (0.0.0.0, ::); always
/// with the bound port (no port only when it is 80). Any other name is refused. Thread-safe.
/// </summary>
internal sealed class HostCheck(IPAddress address)
{
    private int port = -1;

    /// <summary>The port once the endpoint listens (with port 0 it is known only then); every Host is refused before.</summary>
    internal int Port
    {
        get => Volatile.Read(ref this.port);
        set => Volatile.Write(ref this.port, value);
    }

    /// <summary>What a client should send, for the error message.</summary>
    internal string Expected
    {
        get
        {
            var port = Port.ToString(CultureInfo.InvariantCulture);
            var literal = address.AddressFamily == AddressFamily.InterNetworkV6 ? "[" + address + "]" : address.ToString();
            return IsLoopbackOrAny ? $"{literal}:{port} or localhost:{port}" : $"{literal}:{port}";
        }
    }

    private bool IsLoopbackOrAny => IPAddress.IsLoopback(address) || IsAny;

    private bool IsAny => address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any);

    /// <summary>Whether <paramref name="host"/> (the raw header value) is served.</summary>
    internal bool Allows(string host)
    {
        if (!TrySplit(host, out var name, out var portText, out var bracketed))
        {
            return false;
        }

        var port = Port;
        var portMatches = portText.Length == 0
            ? port == 80
            : int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out var given) && given == port;
        return port > 0 && portMatches && NameMatches(name, bracketed);
    }

    private bool NameMatches(string name, bool bracketed)
    {
        if (!bracketed && string.Equals(name, "localhost", StringComparison.OrdinalIgnoreCase))
        {
            return IsLoopbackOrAny;
        }

        if (!IPAddress.TryParse(name, out var literal))
        {
            return false;
        }

        // Only the canonical text of an IPv4 literal (IPAddress.Parse also reads "127.1" and "2130706433"); an IPv6
        // literal is bracketed, so never a DNS name.
        var canonical = literal.AddressFamily == AddressFamily.InterNetworkV6 ? bracketed : !bracketed && literal.ToString() == name;
        return canonical && (literal.Equals(address) || (IsAny && (address.AddressFamily == AddressFamily.InterNetworkV6 || literal.AddressFamily == address.AddressFamily)));
    }

    private static bool TrySplit(string host, out string name, out string port, out bool bracketed)
    {
        name = port = string.Empty;
        bracketed = host.StartsWith('[');
        if (bracketed)
        {
            var close = host.IndexOf(']', StringComparison.Ordinal);
            if (close < 0 || (close + 1 < host.Length && host[close + 1] != ':'))
            {
                return false;
            }

            name = host[1..close];
            port = close + 1 < host.Length ? host[(close + 2)..] : string.Empty;
            return name.Length > 0;
        }

        var colon = host.IndexOf(':', StringComparison.Ordinal);
        if (colon != host.LastIndexOf(':'))
        {
            return false;
        }

        name = colon < 0 ? host : host[..colon];
        port = colon < 0 ? string.Empty : host[(colon + 1)..];
        return name.Length > 0 && (colon < 0 || port.Length > 0);
    }
}
