using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using ActivityCore.Errors;
using ActivityCore.Operations;
using ActivityCore.Parsing;
using Xunit;

namespace ActivityCore.Tests.Conformance;

/// <summary>The public smithy AWS JSON 1.0 protocol tests for error-code parsing (source named in the data file).</summary>
public class SmithyVectorTests
{
    private static readonly JsonElement Cases = Load();

    private static JsonElement Load()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Data", "smithy-awsjson10-errors.json")));
        return doc.RootElement.GetProperty("cases").Clone();
    }

    public static IEnumerable<object[]> Ids() => Cases.EnumerateArray().Select(c => new object[] { c.GetProperty("id").GetString()! });

    [Theory]
    [MemberData(nameof(Ids))]
    public void Parses_the_code_and_message_as_smithy_requires(string id)
    {
        JsonElement c = Cases.EnumerateArray().Single(x => x.GetProperty("id").GetString() == id);
        byte[] body = c.TryGetProperty("body", out var b) ? Encoding.UTF8.GetBytes(b.GetString()!) : [];
        string? header = c.TryGetProperty("header", out var h) ? h.GetString() : null;

        ErrorDocument doc = ErrorDocument.ParseJson(body, header);
        Assert.Equal(c.GetProperty("code").GetString(), doc.Code.IfNone("(none)"));
        Assert.Equal(c.TryGetProperty("message", out var m) ? m.GetString() : "(none)", doc.Message.IfNone("(none)"));

        // Through an operation, an unmodeled code is UnknownOperationError with that code, and a 500 is retryable.
        var error = Assert.Single(GetActivityTask.ParseResponse(c.GetProperty("status").GetInt32(), header, body).LeftToSeq());
        var unknown = Assert.IsType<GetActivityTaskError.UnknownOperationError>(error);
        Assert.Equal(c.GetProperty("code").GetString(), unknown.Code);
        Assert.Equal(c.GetProperty("status").GetInt32() == 500, unknown.IsRetryable);
    }

    [Fact]
    public void Every_vector_is_run() => Assert.Equal(14, Ids().Count());
}
