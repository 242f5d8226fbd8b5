using System.Linq;
using System.Threading.Tasks;
using ActivityCore.Errors;
using ActivityCore.Local.Protocol;
using ActivityCore.Operations;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using static ActivityCore.Tests.Shell.ClientFixture;

namespace ActivityCore.Tests.Shell;

/// <summary>Properties of the client over random error answers: the shell follows the core's retry decision exactly.</summary>
public class ActivityClientProperties
{
    private static readonly string[] Codes =
    [
        "ThrottlingException", "TooManyRequestsException", "InternalFailure", "ServiceUnavailable", "TaskTimedOut",
        "InvalidToken", "TaskDoesNotExist", "AccessDeniedException", "ValidationException", "SomethingNew", "",
    ];

    public static class Answers
    {
        public static Arbitrary<(int Status, string Code, int MaxAttempts)> ErrorAnswers() => Arb.From(
            from status in Gen.Elements(400, 403, 404, 429, 500, 502, 503, 504)
            from code in Gen.Elements(Codes)
            from attempts in Gen.Choose(1, 4)
            select (status, code, attempts));
    }

    [Property(Arbitrary = [typeof(Answers)], MaxTest = 60)]
    public async Task<bool> An_error_answer_is_sent_as_often_as_the_core_decides_and_comes_back_as_a_value((int Status, string Code, int MaxAttempts) answer)
    {
        var handler = FakeHandler.Always(() => answer.Code.Length == 0 ? FakeHandler.Json(answer.Status, "") : FakeHandler.Error(answer.Status, answer.Code));
        using var client = NewClient(handler, o => o.MaxAttempts = answer.MaxAttempts);

        var result = await client.SendTaskHeartbeatAsync(Token);

        var failure = result.LeftOrThrow().Innermost();
        var error = ((ActivityFailure<SendTaskHeartbeatError>.ServiceError)failure).Error;
        int expectedSends = error.Kind.IsRetryable() ? answer.MaxAttempts : 1;
        return handler.Requests.Count == expectedSends && handler.Requests.All(r => r.SignatureValid);
    }
}
