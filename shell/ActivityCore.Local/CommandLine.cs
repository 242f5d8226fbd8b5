using System;
using System.Globalization;

namespace ActivityCore.Local;

/// <summary>
/// The standalone server's arguments: <c>--port N [--host H] [--hold-seconds S] [--region R]
/// [--account-id A] [--access-key-id K --secret-access-key S [--session-token T]]</c>.
/// </summary>
internal static class CommandLine
{
    internal const string Usage =
        "usage: ActivityCore.Local [--port N] [--host 127.0.0.1] [--hold-seconds 60] [--region us-east-1] [--account-id 123456789012]\n" +
        "                          [--access-key-id K --secret-access-key S [--session-token T]] [--no-admin]\n" +
        "Serves the Step Functions activity API on http://HOST:PORT/ until Ctrl-C. With credentials, requests must be SigV4-signed.";

    /// <summary>The options, or an error message.</summary>
    internal static (LocalStepFunctionsOptions? Options, string? Error) Parse(string[] args)
    {
        var options = new LocalStepFunctionsOptions();
        string? keyId = null, secret = null, session = null;
        for (var i = 0; i < args.Length; i++)
        {
            var name = args[i];
            if (name == "--no-admin")
            {
                options.EnableAdminRoutes = false;
                continue;
            }

            if (name is "--help" or "-h")
            {
                return (null, Usage);
            }

            if (i + 1 >= args.Length)
            {
                return (null, $"{name} needs a value.\n{Usage}");
            }

            var value = args[++i];
            switch (name)
            {
                case "--port" when int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port <= 65_535:
                    options.Port = port;
                    break;
                case "--host":
                    options.Host = value;
                    break;
                case "--hold-seconds" when double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var hold) && hold >= 0:
                    options.PollHoldTime = TimeSpan.FromSeconds(hold);
                    break;
                case "--region":
                    options.Region = value;
                    break;
                case "--account-id":
                    options.AccountId = value;
                    break;
                case "--access-key-id":
                    keyId = value;
                    break;
                case "--secret-access-key":
                    secret = value;
                    break;
                case "--session-token":
                    session = value;
                    break;
                default:
                    return (null, $"Bad argument: {name} {value}\n{Usage}");
            }
        }

        if ((keyId is null) != (secret is null) || (session is not null && keyId is null))
        {
            return (null, "--access-key-id and --secret-access-key go together (and --session-token needs them).\n" + Usage);
        }

        if (keyId is not null)
        {
            options.Credentials = new LocalCredentials(keyId, secret!, session);
        }

        return (options, null);
    }
}
