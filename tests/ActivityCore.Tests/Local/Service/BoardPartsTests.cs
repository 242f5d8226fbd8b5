using System;
using System.Linq;
using System.Text.Json;
using ActivityCore.Local;
using ActivityCore.Local.Protocol;
using ActivityCore.Local.Service;
using FsCheck;
using FsCheck.Xunit;
using LanguageExt;
using Xunit;
using static LanguageExt.Prelude;

namespace ActivityCore.Tests.Local.Service;

/// <summary>The task board's small parts and the request readers, each on its own (no server).</summary>
public class BoardPartsTests
{
    [Property]
    public bool Activity_lines_are_first_in_first_out_per_activity(int[] items)
    {
        var lines = new ActivityLines<int>();
        foreach (var item in items)
        {
            lines.Append(item % 2 == 0 ? "even" : "odd", item);
        }

        var evens = Enumerable.Range(0, lines.Count("even")).Select(_ => lines.TakeFirst("even")).Somes().ToArray();
        return evens.SequenceEqual(items.Where(i => i % 2 == 0))
            && lines.TakeLine("odd").SequenceEqual(items.Where(i => i % 2 != 0))
            && lines.TakeFirst("even").IsNone && lines.Count("odd") == 0;
    }

    [Fact]
    public void An_item_that_leaves_its_line_by_its_node_is_no_longer_first()
    {
        var lines = new ActivityLines<string>();
        var first = lines.Append("a", "first");
        lines.Append("a", "second");

        first.List?.Remove(first);

        Assert.Equal(Some("second"), lines.First("a"));
        Assert.Equal(1, lines.Count("a"));
        Assert.Equal(["second"], lines.TakeAll());
        Assert.True(lines.First("a").IsNone);
    }

    [Fact]
    public void The_task_index_forgets_the_oldest_ended_tasks_beyond_its_bound()
    {
        var index = new TaskIndex(retained: 2);
        var records = Enumerable.Range(0, 4).Select(i => new TaskRecord("t" + i, "arn", "{}", new LocalTaskOptions())).ToArray();
        foreach (var record in records)
        {
            index.Add(record);
        }

        index.Retire(records[0]);
        index.Retire(records[1]);
        Assert.Equal(4, index.Count);

        index.Retire(records[2]);

        Assert.True(index.Find("t0").IsNone);
        Assert.True(index.Find("t1").IsSome);
        Assert.True(index.Find("t3").IsSome); // in flight or queued: always kept
        Assert.Equal(3, index.Count);
    }

    [Fact]
    public void A_token_answers_TaskTimedOut_after_its_timeout_until_forgotten_and_TaskDoesNotExist_otherwise()
    {
        var tokens = new InFlightTokens(retainedTimedOut: 1);
        var record = new TaskRecord("t", "arn", "{}", new LocalTaskOptions());
        tokens.Add("a", record);
        tokens.Add("b", record);
        Assert.Equal(record, Code(tokens.Find("a")).Record);

        tokens.TimeOut("a");
        Assert.Equal("TaskTimedOut", Code(tokens.Take("a")).Code);

        tokens.TimeOut("b"); // "a" is the oldest beyond the bound: forgotten
        Assert.Equal("TaskDoesNotExist", Code(tokens.Find("a")).Code);
        Assert.Equal("TaskTimedOut", Code(tokens.Find("b")).Code);
        Assert.Equal("TaskDoesNotExist", Code(tokens.Take("never-issued")).Code);
    }

    [Theory]
    [InlineData("""{"name":"x"}""", "x")]
    [InlineData("""{"name":null}""", "ValidationException")]
    [InlineData("""{}""", "ValidationException")]
    [InlineData("""{"name":1}""", "SerializationException")]
    public void A_required_string_is_the_value_a_validation_error_when_absent_and_a_serialization_error_when_not_a_string(string json, string expected)
    {
        using var document = JsonDocument.Parse(json);

        var read = RequestJson.RequiredString(document.RootElement, "name");

        Assert.Equal(expected, read.Match(Right: static v => v, Left: static e => e.Code));
    }

    [Theory]
    [InlineData("", "{}")]
    [InlineData(" \r\n", "{}")]
    [InlineData("[]", "SerializationException")]
    [InlineData("{", "SerializationException")]
    [InlineData("""{"a":1}""", """{"a":1}""")]
    public void A_request_body_is_an_object_or_nothing(string body, string expected)
    {
        var parsed = RequestJson.Parse(System.Text.Encoding.UTF8.GetBytes(body));

        Assert.Equal(expected, parsed.Match(
            Right: static d =>
            {
                using (d)
                {
                    return d.RootElement.GetRawText();
                }
            },
            Left: static e => e.Code));
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData("", "Member must have length greater than or equal to 1")]
    [InlineData("abc", null)]
    [InlineData("abcd", "Member must have length less than or equal to 3")]
    public void A_length_check_is_fine_for_an_absent_value(string? value, string? constraint)
    {
        var error = RequestJson.Length(Optional(value), "nextToken", 1, 3);

        Assert.Equal(constraint is null ? None : Some("1 validation error detected: Value at 'nextToken' failed to satisfy constraint: " + constraint), error.Map(static e => e.Message));
    }

    private static (TaskRecord? Record, string? Code) Code(Either<ServiceError, TaskRecord> found) =>
        found.Match(Right: static r => ((TaskRecord?)r, (string?)null), Left: static e => ((TaskRecord?)null, (string?)e.Code));
}
