using System;
using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using ActivityCore.Operations;
using BenchmarkDotNet.Attributes;
using LanguageExt;
using static LanguageExt.Prelude;

namespace ActivityCore.Benchmarks;

/// <summary>The options a hand-written client would use to produce the same bytes as ours.</summary>
internal static class RequestJson
{
    public static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static readonly JsonSerializerOptions SerializerOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
}

/// <summary>
/// Writing the GetActivityTask request (<c>{"activityArn":…,"workerName":…}</c>) into a reused buffer: a DTO through
/// <c>JsonSerializer</c> (the baseline), ours, and the floor (a reused <c>Utf8JsonWriter</c>, two <c>WriteString</c>).
/// All three write the same bytes.
/// </summary>
[MemoryDiagnoser]
public class GetActivityTaskRequestBenchmarks : IDisposable
{
    private readonly ArrayBufferWriter<byte> buffer = new(4096);
    private ActivityArn arn = null!;
    private Option<WorkerName> worker;
    private GetActivityTaskRequestDto dto = null!;
    private Utf8JsonWriter reusedWriter = null!;

    [GlobalSetup]
    public void Setup()
    {
        arn = (ActivityArn)ActivityArn.Parse(Payloads.ActivityArn);
        worker = Some((WorkerName)WorkerName.Parse(Payloads.WorkerName));
        dto = new GetActivityTaskRequestDto { ActivityArn = Payloads.ActivityArn, WorkerName = Payloads.WorkerName };
        reusedWriter = new Utf8JsonWriter(buffer, RequestJson.WriterOptions);

        byte[] ours = Written(Ours);
        Check.True(ours.AsSpan().SequenceEqual(Written(JsonSerializerDto)), "DTO: same bytes as ours");
        Check.True(ours.AsSpan().SequenceEqual(Written(Floor)), "floor: same bytes as ours");
    }

    public void Dispose()
    {
        reusedWriter?.Dispose();
        GC.SuppressFinalize(this);
    }

    [Benchmark(Baseline = true)]
    public int JsonSerializerDto()
    {
        buffer.ResetWrittenCount();
        using var writer = new Utf8JsonWriter(buffer, RequestJson.WriterOptions);
        JsonSerializer.Serialize(writer, dto, RequestJson.SerializerOptions);
        return buffer.WrittenCount;
    }

    [Benchmark]
    public int Ours()
    {
        buffer.ResetWrittenCount();
        GetActivityTask.WriteRequest(arn, worker, buffer);
        return buffer.WrittenCount;
    }

    [Benchmark]
    public int Floor()
    {
        buffer.ResetWrittenCount();
        reusedWriter.Reset(buffer);
        reusedWriter.WriteStartObject();
        reusedWriter.WriteString("activityArn"u8, Payloads.ActivityArn);
        reusedWriter.WriteString("workerName"u8, Payloads.WorkerName);
        reusedWriter.WriteEndObject();
        reusedWriter.Flush();
        return buffer.WrittenCount;
    }

    private byte[] Written(Func<int> write)
    {
        write();
        return buffer.WrittenSpan.ToArray();
    }
}

/// <summary>
/// Writing the SendTaskSuccess request with a 700-character token and a 64 KiB output into a reused buffer: a DTO
/// through <c>JsonSerializer</c> (the baseline), ours, and the floor (a reused <c>Utf8JsonWriter</c>). Same bytes.
/// </summary>
[MemoryDiagnoser]
public class SendTaskSuccessRequestBenchmarks : IDisposable
{
    private readonly ArrayBufferWriter<byte> buffer = new(128 * 1024);
    private TaskToken token = null!;
    private TaskOutput output = null!;
    private SendTaskSuccessRequestDto dto = null!;
    private Utf8JsonWriter reusedWriter = null!;

    [GlobalSetup]
    public void Setup()
    {
        string tokenText = Payloads.TaskToken();
        string outputText = Payloads.TaskJson(64 * 1024);
        token = (TaskToken)TaskToken.Parse(tokenText);
        output = (TaskOutput)TaskOutput.Parse(outputText);
        dto = new SendTaskSuccessRequestDto { TaskToken = tokenText, Output = outputText };
        reusedWriter = new Utf8JsonWriter(buffer, RequestJson.WriterOptions);

        byte[] ours = Written(Ours);
        Check.True(ours.AsSpan().SequenceEqual(Written(JsonSerializerDto)), "DTO: same bytes as ours");
        Check.True(ours.AsSpan().SequenceEqual(Written(Floor)), "floor: same bytes as ours");
    }

    public void Dispose()
    {
        reusedWriter?.Dispose();
        GC.SuppressFinalize(this);
    }

    [Benchmark(Baseline = true)]
    public int JsonSerializerDto()
    {
        buffer.ResetWrittenCount();
        using var writer = new Utf8JsonWriter(buffer, RequestJson.WriterOptions);
        JsonSerializer.Serialize(writer, dto, RequestJson.SerializerOptions);
        return buffer.WrittenCount;
    }

    [Benchmark]
    public int Ours()
    {
        buffer.ResetWrittenCount();
        SendTaskSuccess.WriteRequest(token, output, buffer);
        return buffer.WrittenCount;
    }

    [Benchmark]
    public int Floor()
    {
        buffer.ResetWrittenCount();
        reusedWriter.Reset(buffer);
        reusedWriter.WriteStartObject();
        reusedWriter.WriteString("taskToken"u8, dto.TaskToken);
        reusedWriter.WriteString("output"u8, dto.Output);
        reusedWriter.WriteEndObject();
        reusedWriter.Flush();
        return buffer.WrittenCount;
    }

    private byte[] Written(Func<int> write)
    {
        write();
        return buffer.WrittenSpan.ToArray();
    }
}

/// <summary>The naive DTO of a GetActivityTask request.</summary>
public sealed class GetActivityTaskRequestDto
{
    [JsonPropertyName("activityArn")]
    public string? ActivityArn { get; set; }

    [JsonPropertyName("workerName")]
    public string? WorkerName { get; set; }
}

/// <summary>The naive DTO of a SendTaskSuccess request.</summary>
public sealed class SendTaskSuccessRequestDto
{
    [JsonPropertyName("taskToken")]
    public string? TaskToken { get; set; }

    [JsonPropertyName("output")]
    public string? Output { get; set; }
}
