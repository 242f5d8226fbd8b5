using System;
using System.Collections.Generic;
using System.IO;

namespace ActivityCore.Local;

/// <summary>
/// A credentials file for the standalone server, in the AWS shared credentials file's format for one profile:
/// <c>aws_access_key_id = K</c>, <c>aws_secret_access_key = S</c> and optionally <c>aws_session_token = T</c>, one a
/// line; blank lines, <c>#</c>/<c>;</c> comments and one <c>[profile]</c> header are ignored; anything else is refused.
/// </summary>
internal static class CredentialsFile
{
    /// <summary>The credentials in <paramref name="path"/>, or an error that names the file (never a secret).</summary>
    internal static (LocalCredentials? Credentials, string? Error) Read(string path)
    {
        string[] lines;
        try
        {
            lines = File.ReadAllLines(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return (null, $"--credentials-file {path}: cannot read it ({e.GetType().Name}).");
        }

        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var profiles = 0;
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.Length == 0 || line[0] is '#' or ';')
            {
                continue;
            }

            if (line[0] == '[' && line[^1] == ']')
            {
                if (++profiles > 1)
                {
                    return (null, $"--credentials-file {path}: line {i + 1}: only one profile is read; keep one [profile] in the file.");
                }

                continue;
            }

            var equals = line.IndexOf('=', StringComparison.Ordinal);
            var key = equals > 0 ? line[..equals].Trim() : string.Empty;
            if (key is not ("aws_access_key_id" or "aws_secret_access_key" or "aws_session_token"))
            {
                return (null, $"--credentials-file {path}: line {i + 1}: expected aws_access_key_id, aws_secret_access_key or aws_session_token = value.");
            }

            if (!values.TryAdd(key, line[(equals + 1)..].Trim()))
            {
                return (null, $"--credentials-file {path}: line {i + 1}: {key} is given twice.");
            }
        }

        return values.TryGetValue("aws_access_key_id", out var keyId) && keyId.Length > 0
            && values.TryGetValue("aws_secret_access_key", out var secret) && secret.Length > 0
            ? (new LocalCredentials(keyId, secret, values.GetValueOrDefault("aws_session_token") is { Length: > 0 } token ? token : null), null)
            : (null, $"--credentials-file {path}: needs aws_access_key_id and aws_secret_access_key.");
    }
}
