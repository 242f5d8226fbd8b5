using System;

namespace ActivityCore.Parsing;

/// <summary>
/// The reference reading of a JSON error body: <see cref="JsonBody.ReadObject"/>'s <c>Utf8JsonReader</c> pass, as
/// <see cref="ErrorDocument.ParseJson"/> ran it before <see cref="JsonErrorScanner"/>. Kept so that the differential
/// property test, the <c>json-error-diff</c> fuzz target and the benchmarks compare the scanner with it on every input.
/// </summary>
internal static class JsonErrorOracle
{
    /// <summary>Reads the fields of <paramref name="json"/> (a body without BOM) with the reader.</summary>
    public static JsonObjectStatus Read(ReadOnlySpan<byte> json, ref JsonErrorFields fields) =>
        JsonBody.ReadObject(json, ref fields, JsonErrorFields.Read);

    /// <summary><see cref="ErrorDocument.ParseJson"/> as the reader reads the body.</summary>
    public static ErrorDocument ParseJson(ReadOnlySpan<byte> body, string? errorTypeHeader)
    {
        ReadOnlySpan<byte> json = JsonBody.WithoutBom(body);
        var fields = default(JsonErrorFields);
        return ErrorDocument.FromJsonFields(json, Read(json, ref fields), fields, errorTypeHeader);
    }

}
