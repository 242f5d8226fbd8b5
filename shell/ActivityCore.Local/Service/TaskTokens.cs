using System;
using System.Buffers.Text;
using System.Security.Cryptography;

namespace ActivityCore.Local.Service;

/// <summary>
/// Opaque, unguessable task tokens: 460 bytes (a version byte, 32 random id bytes, 423 random
/// filler bytes, a 4-byte SHA-256 check) as 614 base64url characters. A token that does not have
/// this shape is malformed (<c>InvalidToken</c>); one that has it but was never issued, or has
/// ended, is <c>TaskDoesNotExist</c>.
/// </summary>
internal static class TaskTokens
{
    private const int ByteLength = 460;
    private const int CheckLength = 4;
    private const byte Version = 0x01;

    internal static int TextLength { get; } = Base64Url.GetEncodedLength(ByteLength);

    internal static string NewToken()
    {
        Span<byte> bytes = stackalloc byte[ByteLength];
        bytes[0] = Version;
        RandomNumberGenerator.Fill(bytes[1..^CheckLength]);
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(bytes[..^CheckLength], hash);
        hash[..CheckLength].CopyTo(bytes[^CheckLength..]);
        return Base64Url.EncodeToString(bytes);
    }

    internal static bool IsWellFormed(string token)
    {
        if (token.Length != TextLength || !Base64Url.IsValid(token))
        {
            return false;
        }

        Span<byte> bytes = stackalloc byte[ByteLength + 3];
        if (!Base64Url.TryDecodeFromChars(token, bytes, out var written) || written != ByteLength || bytes[0] != Version)
        {
            return false;
        }

        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(bytes[..(ByteLength - CheckLength)], hash);
        return hash[..CheckLength].SequenceEqual(bytes[(ByteLength - CheckLength)..ByteLength]);
    }
}
