using System;
using System.Text.Json;
using System.Text.Json.Serialization;
using ActivityCore.Errors;
using ActivityCore.Operations;
using BenchmarkDotNet.Attributes;
using LanguageExt;

namespace ActivityCore.Benchmarks;

/// <summary>
/// A GetActivityTask answer with a 700-character token and an input of 1 KiB, 64 KiB or 256 KiB, read three ways from
/// the same bytes: a naive <c>JsonSerializer.Deserialize</c> to a DTO (the baseline), ours, and the floor (a
/// <c>Utf8JsonReader</c> pass that also builds the two strings any reader must hand back).
/// </summary>
[MemoryDiagnoser]
public class GetActivityTaskResponseBenchmarks
{
    private byte[] body = [];

    /// <summary>The input's length in characters (ASCII JSON, so also its UTF-8 length before escaping).</summary>
    [Params(1024, 64 * 1024, 256 * 1024)]
    public int InputSize { get; set; }

    [Params(JsonLayout.Compact, JsonLayout.Indented)]
    public JsonLayout Layout { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        string token = Payloads.TaskToken();
        string input = Payloads.TaskJson(InputSize);
        body = Payloads.TaskResponse(token, input, Layout);

        Either<GetActivityTaskError, Option<ActivityTask>> ours = Ours();
        ActivityTask task = ours.Match(Right: t => t.IfNoneUnsafe((ActivityTask?)null), Left: e => throw new InvalidOperationException($"ours: {e}"))
            ?? throw new InvalidOperationException("ours: no task");
        Check.Equal(token, task.Token.Reveal(), "ours: token");
        Check.Equal(input, task.Input.Json, "ours: input");
        TaskDto dto = JsonSerializerDto();
        Check.Equal(token, dto.TaskToken, "DTO: token");
        Check.Equal(input, dto.Input, "DTO: input");
        (string? floorToken, string? floorInput) = Floor();
        Check.Equal(token, floorToken, "floor: token");
        Check.Equal(input, floorInput, "floor: input");
    }

    [Benchmark(Baseline = true)]
    public TaskDto JsonSerializerDto() => JsonSerializer.Deserialize<TaskDto>(body)!;

    [Benchmark]
    public Either<GetActivityTaskError, Option<ActivityTask>> Ours() => GetActivityTask.ParseResponse(200, null, body);

    /// <summary>The floor: every token read, and the two strings that any reader must return built with <c>GetString</c>.</summary>
    [Benchmark]
    public (string? Token, string? Input) Floor()
    {
        string? token = null;
        string? input = null;
        var reader = new Utf8JsonReader(body);
        while (reader.Read())
        {
            if (reader.TokenType != JsonTokenType.PropertyName)
            {
                continue;
            }

            if (reader.ValueTextEquals("taskToken"u8))
            {
                reader.Read();
                token = reader.GetString();
            }
            else if (reader.ValueTextEquals("input"u8))
            {
                reader.Read();
                input = reader.GetString();
            }
        }

        return (token, input);
    }
}

/// <summary>The naive DTO of a GetActivityTask answer.</summary>
public sealed class TaskDto
{
    [JsonPropertyName("taskToken")]
    public string? TaskToken { get; set; }

    [JsonPropertyName("input")]
    public string? Input { get; set; }
}
