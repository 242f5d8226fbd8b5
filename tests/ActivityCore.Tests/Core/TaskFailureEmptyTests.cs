using System.Buffers;
using System.Text;
using ActivityCore.Operations;
using LanguageExt;
using Xunit;
using static LanguageExt.Prelude;

namespace ActivityCore.Tests.Core;

/// <summary>The failure without error and cause: its request carries neither field (it needs no KMS permission).</summary>
public class TaskFailureEmptyTests
{
    [Fact]
    public void The_empty_failure_writes_only_the_token()
    {
        var token = TaskToken.Parse("tok").Match(Right: t => t, Left: _ => throw new System.InvalidOperationException());
        var body = new ArrayBufferWriter<byte>();
        SendTaskFailure.WriteRequest(token, TaskFailure.Empty, body);
        Assert.Equal("{\"taskToken\":\"tok\"}", Encoding.UTF8.GetString(body.WrittenSpan));
        Assert.True(TaskFailure.Empty.IsEmpty);
        Assert.Equal(TaskFailure.Create(None, None), Right<ValidationError, TaskFailure>(TaskFailure.Empty));
    }

    [Theory]
    [InlineData("E", null)]
    [InlineData(null, "")]
    [InlineData("", null)]
    public void A_failure_with_an_error_or_a_cause_even_empty_is_not_empty(string? error, string? cause)
    {
        var failure = TaskFailure.Create(Optional(error), Optional(cause)).Match(Right: f => f, Left: _ => throw new System.InvalidOperationException());
        Assert.False(failure.IsEmpty);
    }
}
