// The core sample of docs/protocol-and-errors.md, compiled and run by ReadmeSampleTests: if it stops compiling or its
// behaviour changes, the tests fail. Keep that page's copy identical (the test checks it).
// begin-sample
using System;
using System.Buffers;
using System.Text;
using ActivityCore;
using ActivityCore.Errors;
using ActivityCore.Operations;
using LanguageExt;
using static LanguageExt.Prelude;

namespace MyWorker;

public static class CoreSample
{
    public static string Run()
    {
        // Validated values: bad input is a value in the Left, never an exception.
        Either<ValidationError, ActivityArn> arn = ActivityArn.Parse("arn:aws:states:us-east-1:123456789012:activity:resize");

        // A request body for GetActivityTask, written to any IBufferWriter<byte>.
        var body = new ArrayBufferWriter<byte>();
        arn.IfRight(a => GetActivityTask.WriteRequest(a, WorkerName.Parse("worker-1").ToOption(), body));

        // An answer: a task, no task (None), or one case of a closed error union.
        byte[] answer = Encoding.UTF8.GetBytes("{\"__type\":\"com.amazonaws.swf.service.v2.model#InvalidArn\",\"message\":\"bad\"}");
        Either<GetActivityTaskError, Option<ActivityTask>> result = GetActivityTask.ParseResponse(400, null, answer);

        return result.Match(
            Right: task => task.Match(Some: t => $"got {t.Token}", None: () => "no task this time"),
            Left: error => error.Match(
                ActivityDoesNotExist: e => "create the activity first",
                ActivityWorkerLimitExceeded: e => "back off",
                InvalidArn: e => $"fix the ARN ({e.Message.IfNone("")})",
                KmsAccessDeniedException: e => "grant KMS access",
                KmsInvalidStateException: e => $"KMS key is {e.KmsKeyState.Map(static s => s.Value).IfNone("?")}",
                KmsThrottlingException: e => "back off",
                UnknownOperationError: e => e.IsRetryable ? "retry" : $"give up: {e.Code}"));
    }
}
// end-sample
