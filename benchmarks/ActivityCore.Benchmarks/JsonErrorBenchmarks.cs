using System;
using System.IO;
using System.Net;
using System.Text.Json;
using System.Text.Json.Serialization;
using ActivityCore.Parsing;
using Amazon.Runtime.Internal;
using Amazon.Runtime.Internal.Transform;
using Amazon.Runtime.Internal.Util;
using BenchmarkDotNet.Attributes;
using LanguageExt;

namespace ActivityCore.Benchmarks;

/// <summary>Which JSON error answer is read.</summary>
public enum JsonErrorCase
{
    /// <summary>Namespaced <c>__type</c> and a message, compact (~150 bytes).</summary>
    Typical,

    /// <summary>The same, indented.</summary>
    TypicalIndented,

    /// <summary>Body <c>{}</c>; the code only in <c>x-amzn-ErrorType</c>, no message.</summary>
    HeaderOnly,
}

/// <summary>
/// An AWS JSON 1.0 error answer, read six ways from the same bytes: AWSSDK.Core's <c>JsonErrorResponseUnmarshaller</c>
/// (the baseline, called as the generated <c>UnmarshallException</c> of AWSSDK.StepFunctions calls it), ours (the scanner), ours before it (the reader pass), a naive
/// <c>JsonSerializer.Deserialize</c> to a DTO, the floor (a bare <c>Utf8JsonReader</c> pass) and the floor plus the
/// message string (which any reader must build).
/// </summary>
[MemoryDiagnoser]
public class JsonErrorBenchmarks
{
    private byte[] body = [];
    private string? header;
    private FakeWebResponseData response = null!;

    [Params(JsonErrorCase.Typical, JsonErrorCase.TypicalIndented, JsonErrorCase.HeaderOnly)]
    public JsonErrorCase Case { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        (body, header) = Case switch
        {
            JsonErrorCase.Typical => (Payloads.JsonError(JsonLayout.Compact), (string?)null),
            JsonErrorCase.TypicalIndented => (Payloads.JsonError(JsonLayout.Indented), null),
            _ => (Payloads.JsonErrorHeaderOnly(), Payloads.ErrorTypeHeader),
        };
        response = header is null
            ? new FakeWebResponseData(HttpStatusCode.BadRequest, "application/x-amz-json-1.0", body.Length)
            : new FakeWebResponseData(HttpStatusCode.BadRequest, "application/x-amz-json-1.0", body.Length, ("x-amzn-ErrorType", header));

        // Every reader must agree on the code and the message, or the comparison is void.
        ErrorDocument ours = Ours();
        Check.True(ours == OursReader(), "ours: the scanner and the reader give the same document");
        ErrorResponse aws = AwsSdk();
        ErrorDto dto = JsonSerializerDto();
        string? message = ours.Message.IfNoneUnsafe((string?)null);
        Check.Equal(Payloads.ErrorCode, ours.Code.IfNoneUnsafe((string?)null), "ours: code");
        Check.Equal(Payloads.ErrorCode, aws.Code, "AWSSDK.Core: code");
        Check.Equal(Payloads.ErrorCode, dto.Code, "DTO: code");
        Check.Equal(message, dto.Message, "DTO: message");
        if (Case == JsonErrorCase.HeaderOnly)
        {
            // No message in the answer: ours says so (None); the SDK makes one up from the code and the body.
            Check.True(message is null, "ours: a header-only answer has no message");
            Check.True(aws.Message.StartsWith("The service returned an error", StringComparison.Ordinal), "AWSSDK.Core: generated message");
        }
        else
        {
            Check.Equal(Payloads.ErrorMessage, message, "ours: message");
            Check.Equal(Payloads.ErrorMessage, aws.Message, "AWSSDK.Core: message");
        }

        Check.True(Floor() == body.Length, "floor: reads the whole body");
        Check.Equal(message, FloorWithMessage(), "floor with message: message");
    }

    /// <summary>What AWSSDK.StepFunctions 4.x runs: an error context over the body stream (readEntireResponse and isException true, as HttpErrorResponseExceptionHandler creates it), a streaming reader, the error unmarshaller.</summary>
    [Benchmark(Baseline = true)]
    public ErrorResponse AwsSdk()
    {
        using var stream = new MemoryStream(body, writable: false);
        using var context = new JsonUnmarshallerContext(stream, true, response, true);
        var reader = new StreamingUtf8JsonReader(context.Stream);
        return JsonErrorResponseUnmarshaller.GetInstance().Unmarshall(context, ref reader);
    }

    [Benchmark]
    public ErrorDocument Ours() => ErrorDocument.ParseJson(body, header);

    /// <summary>The path <c>Ours</c> took before the scanner: the same decoding behind a <c>Utf8JsonReader</c> pass (<c>JsonErrorOracle</c>, the scanner's oracle).</summary>
    [Benchmark]
    public ErrorDocument OursReader() => JsonErrorOracle.ParseJson(body, header);

    /// <summary>The code as a hand-rolled client would get it: deserialize, then the same sanitising with string operations.</summary>
    [Benchmark]
    public ErrorDto JsonSerializerDto()
    {
        ErrorDto dto = JsonSerializer.Deserialize<ErrorDto>(body)!;
        string? raw = dto.Type ?? dto.Code ?? header;
        if (raw is not null)
        {
            int colon = raw.IndexOf(':', StringComparison.Ordinal);
            if (colon >= 0)
            {
                raw = raw[..colon];
            }

            dto.Code = raw[(raw.LastIndexOf('#') + 1)..];
        }

        return dto;
    }

    /// <summary>The floor: a <c>Utf8JsonReader</c> that reads every token and does nothing else.</summary>
    [Benchmark]
    public long Floor()
    {
        var reader = new Utf8JsonReader(body);
        while (reader.Read())
        {
        }

        return reader.BytesConsumed;
    }

    /// <summary>The floor plus the one string a reader must hand back: the same pass, with <c>GetString</c> on <c>message</c>.</summary>
    [Benchmark]
    public string? FloorWithMessage()
    {
        string? message = null;
        var reader = new Utf8JsonReader(body);
        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.PropertyName && reader.ValueTextEquals("message"u8))
            {
                reader.Read();
                message = reader.GetString();
            }
        }

        return message;
    }
}

/// <summary>The naive DTO of an AWS JSON 1.0 error body.</summary>
public sealed class ErrorDto
{
    [JsonPropertyName("__type")]
    public string? Type { get; set; }

    [JsonPropertyName("code")]
    public string? Code { get; set; }

    [JsonPropertyName("message")]
    public string? Message { get; set; }
}
