using System;
using System.Text.Json;

namespace ActivityCore.Local.Http;

/// <summary>A <c>POST /_local/tasks</c> body, read and checked in full before anything is enqueued.</summary>
internal sealed record EnqueueRequest(string ActivityArn, string Input, LocalTaskOptions Options);

/// <summary>A <c>POST /_local/faults</c> body, read and checked in full before the fault is added.</summary>
internal sealed record FaultRequest(LocalOperation Operation, LocalFault Fault, int Times);

/// <summary>Reads the admin routes' bodies: every member typed and range-checked; the error names the member.</summary>
internal static class AdminRequests
{
    private static readonly string[] TaskMembers = ["activityArn", "input", "taskTimeoutSeconds", "heartbeatTimeoutSeconds", "maxAttempts", "kmsAccessDenied"];
    private static readonly string[] ErrorFaultMembers = ["operation", "kind", "times", "status", "code", "message"];
    private static readonly string[] DelayFaultMembers = ["operation", "kind", "times", "delayMs"];
    private static readonly string[] OtherFaultMembers = ["operation", "kind", "times"];

    internal static string? Task(JsonElement root, out EnqueueRequest? request)
    {
        request = null;
        string? arn = null, input = null;
        TimeSpan? taskTimeout = null, heartbeatTimeout = null;
        var attempts = 1;
        var kmsAccessDenied = false;
        var error = AdminFields.OnlyKnown(root, TaskMembers)
            ?? AdminFields.Text(root, "activityArn", required: true, out arn)
            ?? AdminFields.Text(root, "input", required: false, out input)
            ?? AdminFields.Seconds(root, "taskTimeoutSeconds", out taskTimeout)
            ?? AdminFields.Seconds(root, "heartbeatTimeoutSeconds", out heartbeatTimeout)
            ?? AdminFields.Integer(root, "maxAttempts", 1, int.MaxValue, 1, out attempts)
            ?? AdminFields.Boolean(root, "kmsAccessDenied", out kmsAccessDenied);
        if (error is not null)
        {
            return error;
        }

        input ??= "{}";
        if (TaskInput.Parse(input).IsLeft)
        {
            return $"'input' must be a JSON text, in a string, of at most {LocalStepFunctions.MaxInputLength} characters.";
        }

        request = new EnqueueRequest(arn!, input, new LocalTaskOptions { TaskTimeout = taskTimeout, HeartbeatTimeout = heartbeatTimeout, MaxAttempts = attempts, KmsAccessDenied = kmsAccessDenied });
        return null;
    }

    internal static string? Fault(JsonElement root, out FaultRequest? request)
    {
        request = null;
        string? operationName = null, kind = null;
        var times = 1;
        var error = AdminFields.Text(root, "operation", required: true, out operationName)
            ?? AdminFields.Text(root, "kind", required: true, out kind)
            ?? AdminFields.Integer(root, "times", 1, int.MaxValue, 1, out times);
        if (error is not null)
        {
            return error;
        }

        if (Array.IndexOf(Enum.GetNames<LocalOperation>(), operationName) < 0)
        {
            return $"'operation' must be one of {string.Join(", ", Enum.GetNames<LocalOperation>())}, not '{operationName}'.";
        }

        LocalFault? fault = null;
        error = kind switch
        {
            "error" => AdminFields.OnlyKnown(root, ErrorFaultMembers) ?? ErrorFault(root, out fault),
            "delay" => AdminFields.OnlyKnown(root, DelayFaultMembers) ?? DelayFault(root, out fault),
            "dropBeforeDispatch" => AdminFields.OnlyKnown(root, OtherFaultMembers) ?? Fixed(LocalFault.DropBeforeDispatch, out fault),
            "dropAfterDispatch" => AdminFields.OnlyKnown(root, OtherFaultMembers) ?? Fixed(LocalFault.DropAfterDispatch, out fault),
            "truncatedBody" => AdminFields.OnlyKnown(root, OtherFaultMembers) ?? Fixed(LocalFault.TruncatedBody, out fault),
            _ => $"'kind' must be one of error, delay, dropBeforeDispatch, dropAfterDispatch, truncatedBody, not '{kind}'.",
        };
        if (error is null)
        {
            request = new FaultRequest(Enum.Parse<LocalOperation>(operationName!), fault!, times);
        }

        return error;
    }

    private static string? ErrorFault(JsonElement root, out LocalFault? fault)
    {
        fault = null;
        string? code = null, message = null;
        var status = 400;
        var error = AdminFields.Integer(root, "status", 400, 599, 400, out status)
            ?? AdminFields.Text(root, "code", required: true, out code)
            ?? AdminFields.Text(root, "message", required: false, out message);
        if (error is not null)
        {
            return error;
        }

        if (string.IsNullOrWhiteSpace(code))
        {
            return "'code' must not be blank.";
        }

        if (!LocalFault.IsSendableCode(code))
        {
            return "'code' must be 1.." + LocalFault.MaxCodeLength + " ASCII letters, digits or . _ - # : (it goes into the x-amzn-ErrorType header).";
        }

        fault = LocalFault.Error(status, code, message);
        return null;
    }

    private static string? DelayFault(JsonElement root, out LocalFault? fault)
    {
        fault = null;
        var error = AdminFields.Milliseconds(root, "delayMs", out var delay);
        if (error is not null)
        {
            return error;
        }

        if (delay is null)
        {
            return "'delayMs' is required for a delay fault.";
        }

        fault = LocalFault.Delay(delay.Value);
        return null;
    }

    private static string? Fixed(LocalFault fixedFault, out LocalFault? fault)
    {
        fault = fixedFault;
        return null;
    }
}
