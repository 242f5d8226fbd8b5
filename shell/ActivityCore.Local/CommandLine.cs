using System;
using System.Collections.Generic;
using System.Globalization;
using System.Net;
using ActivityCore.Signing;

namespace ActivityCore.Local;

/// <summary>
/// The standalone server's arguments: <c>--port N [--host H] [--hold-seconds S] [--region R] [--account-id A]
/// [--access-key-id K --secret-access-key S [--session-token T] | --credentials-file F] [--no-admin]</c>; credentials
/// may instead come from the <c>ACTIVITYCORE_LOCAL_*</c> environment variables.
/// </summary>
internal static class CommandLine
{
    internal const string AccessKeyIdVariable = "ACTIVITYCORE_LOCAL_ACCESS_KEY_ID";
    internal const string SecretAccessKeyVariable = "ACTIVITYCORE_LOCAL_SECRET_ACCESS_KEY";
    internal const string SessionTokenVariable = "ACTIVITYCORE_LOCAL_SESSION_TOKEN";

    internal static readonly string Usage =
        $"usage: ActivityCore.Local [--port N] [--host {LocalOptionLimits.DefaultHost}] [--hold-seconds {LocalOptionLimits.Seconds(LocalOptionLimits.DefaultPollHoldTime)}] [--region {LocalOptionLimits.DefaultRegion}] [--account-id {LocalOptionLimits.DefaultAccountId}]\n" +
        "                          [--access-key-id K --secret-access-key S [--session-token T] | --credentials-file F] [--no-admin]\n" +
        "                          [--closed-task-answer TaskDoesNotExist|TaskTimedOut]\n" +
        "Serves the Step Functions activity API on http://HOST:PORT/ until Ctrl-C. With credentials, requests (admin routes included)\n" +
        "must be SigV4-signed. Credentials also come from " + AccessKeyIdVariable + ", " + SecretAccessKeyVariable + "\n" +
        "[, " + SessionTokenVariable + "]. A --host that is not a loopback address needs credentials. --hold-seconds: 0.." + LocalOptionLimits.Seconds(LocalOptionLimits.MaxPollHoldTime) + ".";

    private static readonly HashSet<string> ValueOptions =
    [
        "--port", "--host", "--hold-seconds", "--region", "--account-id", "--access-key-id", "--secret-access-key", "--session-token", "--credentials-file",
        "--closed-task-answer",
    ];

    /// <summary>Whether the arguments ask for the usage text (print it to stdout, exit 0).</summary>
    internal static bool AsksForHelp(string[] args) => Array.Exists(args, static a => a is "--help" or "-h");

    /// <summary>
    /// The options (or an error message), and notes to print at start: where the credentials came from, warnings. Pure:
    /// the environment is read through <paramref name="environment"/>, which the entry point gives.
    /// </summary>
    internal static (LocalStepFunctionsOptions? Options, string? Error, IReadOnlyList<string> Notes) Parse(string[] args, Func<string, string?> environment)
    {
        var options = new LocalStepFunctionsOptions();
        string? keyId = null, secret = null, session = null, file = null;
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
                return Fail(Usage);
            }

            if (!ValueOptions.Contains(name))
            {
                return Fail($"unknown option {name}\n{Usage}");
            }

            if (i + 1 >= args.Length)
            {
                return Fail($"{name} needs a value.\n{Usage}");
            }

            var value = args[++i];
            switch (name)
            {
                case "--port" when int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port <= LocalOptionLimits.MaxPort:
                    options.Port = port;
                    break;
                case "--host":
                    options.Host = value;
                    break;
                case "--hold-seconds":
                    if (!double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var hold)
                        || !(hold >= 0 && hold <= LocalOptionLimits.MaxPollHoldTime.TotalSeconds))
                    {
                        return Fail($"--hold-seconds must be a number of seconds from 0 to {LocalOptionLimits.Seconds(LocalOptionLimits.MaxPollHoldTime)}, not '{value}'.\n{Usage}");
                    }

                    options.PollHoldTime = TimeSpan.FromSeconds(hold);
                    break;
                case "--region" when ArnParts.IsRegion(value):
                    options.Region = value;
                    break;
                case "--region":
                    return Fail($"--region must be an AWS region such as us-east-1 (lowercase letters and dashes, ending in -N), not '{value}'.\n{Usage}");
                case "--account-id" when ArnParts.IsAccountId(value):
                    options.AccountId = value;
                    break;
                case "--account-id":
                    return Fail($"--account-id must be 12 digits, not '{value}'.\n{Usage}");
                case "--access-key-id":
                    keyId = value;
                    break;
                case "--secret-access-key":
                    secret = value;
                    break;
                case "--session-token":
                    session = value;
                    break;
                case "--credentials-file":
                    file = value;
                    break;
                case "--closed-task-answer" when value is nameof(LocalClosedTaskAnswer.TaskDoesNotExist) or nameof(LocalClosedTaskAnswer.TaskTimedOut):
                    options.ClosedTaskAnswer = Enum.Parse<LocalClosedTaskAnswer>(value);
                    break;
                case "--closed-task-answer":
                    return Fail($"--closed-task-answer must be TaskDoesNotExist or TaskTimedOut, not '{value}'.\n{Usage}");
                default:
                    return Fail($"Bad argument: {name} {value}\n{Usage}");
            }
        }

        var notes = new List<string>();
        if (keyId is not null || secret is not null || session is not null)
        {
            if (file is not null)
            {
                return Fail("--credentials-file and --access-key-id/--secret-access-key/--session-token exclude each other.\n" + Usage);
            }

            if ((keyId is null) != (secret is null) || keyId is null)
            {
                return Fail("--access-key-id and --secret-access-key go together (and --session-token needs them).\n" + Usage);
            }

            options.Credentials = new LocalCredentials(keyId, secret!, session);
            notes.Add($"warning: a secret on the command line is visible to other users of this machine (ps); prefer {SecretAccessKeyVariable} or --credentials-file.");
        }
        else if (file is not null)
        {
            var (credentials, fileError) = CredentialsFile.Read(file);
            if (credentials is null)
            {
                return Fail(fileError + "\n" + Usage);
            }

            options.Credentials = credentials;
            notes.Add("credentials from " + file);
        }
        else if (FromEnvironment(environment, out var fromEnvironment) is { } environmentError)
        {
            return Fail(environmentError + "\n" + Usage);
        }
        else if (fromEnvironment is not null)
        {
            options.Credentials = fromEnvironment;
            notes.Add("credentials from the environment (" + AccessKeyIdVariable + ")");
        }

        if (!IPAddress.TryParse(options.Host, out var address) && options.Host is not "localhost")
        {
            return Fail($"--host must be an IP address or localhost, not '{options.Host}'.\n{Usage}");
        }

        if (address is not null && !IPAddress.IsLoopback(address))
        {
            if (options.Credentials is null)
            {
                return Fail($"--host {options.Host} is not a loopback address: anyone who can reach it could feed tasks to your workers and read their outputs. Give credentials (--credentials-file, {AccessKeyIdVariable}/{SecretAccessKeyVariable}) to listen on it.\n{Usage}");
            }

            notes.Add($"warning: listening on {options.Host}, not a loopback address: every request, admin routes included, must be signed with the credentials, but traffic is plain HTTP.");
        }

        return (options, null, notes);
    }

    private static (LocalStepFunctionsOptions?, string?, IReadOnlyList<string>) Fail(string error) => (null, error, []);

    /// <summary>The credentials the environment gives, none, or an error when only some of the variables are set.</summary>
    private static string? FromEnvironment(Func<string, string?> environment, out LocalCredentials? credentials)
    {
        credentials = null;
        var keyId = NonEmpty(environment(AccessKeyIdVariable));
        var secret = NonEmpty(environment(SecretAccessKeyVariable));
        var session = NonEmpty(environment(SessionTokenVariable));
        if (keyId is null && secret is null && session is null)
        {
            return null;
        }

        if (keyId is null || secret is null)
        {
            return $"{AccessKeyIdVariable} and {SecretAccessKeyVariable} go together (and {SessionTokenVariable} needs them).";
        }

        credentials = new LocalCredentials(keyId, secret, session);
        return null;
    }

    private static string? NonEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
