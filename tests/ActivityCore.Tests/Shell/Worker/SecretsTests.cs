using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using ActivityCore.Errors;
using ActivityCore.Local;
using ActivityCore.Operations;
using ActivityCore.Worker;
using Amazon.Runtime;
using LanguageExt;
using Microsoft.Extensions.Logging;
using Xunit;
using Xunit.Abstractions;
using static LanguageExt.Prelude;

namespace ActivityCore.Tests.Shell.Worker;

/// <summary>
/// Issue 7: what must stay secret never reaches a log line (at Trace level, with its state, scopes and exception), a
/// span or a measurement of the worker, nor the text of a failure or an exception the client hands back. Secret here:
/// task tokens (every one the endpoint issued, lost ones included), inputs, outputs, failure causes (and the text of
/// a handler's exception, which quotes the input), the secret access key, the session token, and every SigV4
/// signature sent. The access key id is an identifier, not a secret (AWS echoes it in its own answers): logs and
/// telemetry do not carry it either, failures may (when the service's message quotes it).
/// </summary>
public class SecretsTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Hold = TimeSpan.FromMilliseconds(200);

    [Fact]
    public async Task No_token_input_output_cause_credential_or_signature_reaches_a_log_a_span_a_measurement_or_a_failure()
    {
        var s = new SecretMarkers(Guid.NewGuid().ToString("N")[..12]);
        using var capture = new CapturingLoggerProvider();
        using var factory = LoggerFactory.Create(b => b.AddProvider(capture).SetMinimumLevel(LogLevel.Trace));
        using var telemetry = new TelemetryCapture();
        await using var local = await LocalStepFunctions.StartAsync(new LocalStepFunctionsOptions
        {
            PollHoldTime = Hold,
            Credentials = new LocalCredentials(s.AccessKeyId, s.SecretKey, s.SessionToken),
            LoggerFactory = factory,
        });
        string arn = local.CreateActivity("secrets");
        var activity = ActivityArn.Parse(arn).RightOrThrow();
        var taps = new List<WireTap>();
        ActivityClient NewClient(string secret, string sessionToken, Action<ActivityClientOptions>? configure = null)
        {
            var tap = new WireTap();
            taps.Add(tap);
            var options = new ActivityClientOptions
            {
                Region = "us-east-1",
                ServiceUrl = local.ServiceUrl,
                Credentials = new SessionAWSCredentials(s.AccessKeyId, secret, sessionToken),
                MaxAttempts = 3,
                RetryBaseDelay = TimeSpan.FromMilliseconds(5),
                RequestTimeout = TimeSpan.FromSeconds(5),
                HttpMessageHandler = tap,
                Logger = factory.CreateLogger("ActivityCore.Client"),
            };
            configure?.Invoke(options);
            return ClientFixture.NewClient(options);
        }

        var failures = new List<string>(); // the text of every failure and exception the client handed back
        void Keep<TError, T>(Either<ActivityFailure<TError>, T> answer)
            where TError : IOperationError
        {
            if (answer.IsLeft)
            {
                failures.AddRange(TextsOf(answer.LeftOrThrow()));
            }
        }

        using var client = NewClient(s.SecretKey, s.SessionToken);
        using var wrongSecret = NewClient(s.WrongSecret, s.SessionToken);
        using var wrongSession = NewClient(s.SecretKey, s.WrongSessionToken);
        var forged = TaskToken.Parse(s.ForgedToken).RightOrThrow();

        // Signature failures: a wrong secret (InvalidSignatureException), an unknown session token (UnrecognizedClientException).
        Keep(await wrongSecret.GetActivityTaskAsync(activity, None));
        Keep(await wrongSecret.SendTaskHeartbeatAsync(forged));
        Keep(await wrongSession.GetActivityTaskAsync(activity, None));

        // A poll answer cut short: its token is lost on the wire (whether the client reads the half that was sent before
        // the reset depends on timing); the task times out and comes back with a new one. The lost token is read from
        // the endpoint while it is valid.
        var handles = new Dictionary<string, LocalTaskHandle>(StringComparer.Ordinal)
        {
            ["lost-0"] = local.EnqueueTask(arn, s.Input("lost", 0, padding: 3000), new LocalTaskOptions { HeartbeatTimeout = TimeSpan.FromSeconds(2), MaxAttempts = 2 }),
        };
        local.Faults.Add(LocalOperation.GetActivityTask, LocalFault.TruncatedBody);
        Keep(await client.GetActivityTaskAsync(activity, None));
        string lostToken = handles["lost-0"].Record!.Token ?? throw new InvalidOperationException("the lost task timed out before its token was read");

        // The worker's tasks: successes, handler failures, handlers that throw quoting their input, slow ones that
        // heartbeat, two that end on the service's side first (their report and their heartbeat are refused), and one
        // still running when the worker stops.
        void Enqueue(string kind, int count, LocalTaskOptions? options = null)
        {
            for (int i = 0; i < count; i++)
            {
                handles[$"{kind}-{i}"] = local.EnqueueTask(arn, s.Input(kind, i), options);
            }
        }

        var ending = new LocalTaskOptions { HeartbeatTimeout = TimeSpan.FromMilliseconds(300) };
        Enqueue("ok", 6);
        Enqueue("left", 3);
        Enqueue("throw", 3);
        Enqueue("slow", 2, new LocalTaskOptions { HeartbeatTimeout = TimeSpan.FromSeconds(10) });
        Enqueue("late", 1, ending);
        Enqueue("ended", 1, ending);
        Enqueue("stuck", 1);
        local.Faults.Add(LocalOperation.GetActivityTask, LocalFault.InternalFailure, 2);
        local.Faults.Add(LocalOperation.GetActivityTask, LocalFault.Throttling);
        local.Faults.Add(LocalOperation.SendTaskSuccess, LocalFault.TruncatedBody);
        local.Faults.Add(LocalOperation.SendTaskSuccess, LocalFault.InternalFailure);
        local.Faults.Add(LocalOperation.SendTaskFailure, LocalFault.ServiceUnavailable);
        local.Faults.Add(LocalOperation.SendTaskHeartbeat, LocalFault.Throttling);

        var seenTokens = new ConcurrentDictionary<string, TaskToken>(StringComparer.Ordinal);
        var seenTasks = new ConcurrentQueue<string>();
        var stuckStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        async Task<Either<TaskFailure, TaskOutput>> Handle(ActivityTask task, CancellationToken cancellationToken)
        {
            seenTasks.Enqueue(task.ToString());
            using var input = JsonDocument.Parse(task.Input.Json);
            string kind = input.RootElement.GetProperty("kind").GetString()!;
            int i = input.RootElement.GetProperty("i").GetInt32();
            string key = $"{kind}-{i}";
            seenTokens[key] = task.Token;
            switch (kind)
            {
                case "left":
                    return Left(TaskFailure.Create(Some("Custom.Failure"), Some($"{s.Cause} {key}: {task.Input.Json}")).RightOrThrow());
                case "throw":
                    throw new InvalidOperationException($"{s.ExceptionMessage} {key}: cannot handle {task.Input.Json}");
                case "slow":
                    await Task.Delay(TimeSpan.FromMilliseconds(1300), cancellationToken);
                    break;
                case "late":
                    await handles[key].Outcome.WaitAsync(cancellationToken); // timed out on the service's side: the report is refused
                    break;
                case "ended":
                    await handles[key].Outcome.WaitAsync(cancellationToken);
                    await Task.Delay(Timeout.Infinite, cancellationToken); // until a heartbeat learns the task ended
                    break;
                case "stuck":
                    stuckStarted.TrySetResult();
                    await Task.Delay(Timeout.Infinite, cancellationToken); // until the worker stops
                    break;
            }

            return WorkerFixture.Output($$"""{"result":"{{s.Output}} {{key}}"}""");
        }

        ActivityWorker NewWorker(ActivityClient with, string name, int pollers) => ActivityWorker.Create(with, new ActivityWorkerOptions
        {
            ActivityArn = arn,
            WorkerName = name,
            Pollers = pollers,
            MaxTasksInFlight = 8,
            HeartbeatInterval = TimeSpan.FromSeconds(1),
            HandlerTimeout = TimeSpan.FromSeconds(5),
            DrainTimeout = TimeSpan.Zero,
            PollBackoffBase = TimeSpan.FromMilliseconds(10),
            PollBackoffMax = TimeSpan.FromMilliseconds(100),
        }, Handle, factory.CreateLogger("ActivityCore.Worker")).RightOrThrow();

        string workerName = "secrets-" + s.Run;
        var worker = NewWorker(client, workerName, pollers: 4);
        var signedWrong = NewWorker(wrongSecret, "secrets-wrong-signer", pollers: 2); // its polls all fail with InvalidSignatureException
        await worker.StartAsync();
        await signedWrong.StartAsync();
        await Task.WhenAll(handles.Where(h => h.Key != "stuck-0").Select(h => h.Value.Outcome)).WaitAsync(TimeSpan.FromSeconds(30));
        await stuckStarted.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await worker.StopAsync();
        await signedWrong.StopAsync();
        await worker.DisposeAsync();
        await signedWrong.DisposeAsync();
        var stuck = await handles["stuck-0"].Outcome.WaitAsync(TimeSpan.FromSeconds(5));
        var outcomes = new Dictionary<string, LocalTaskOutcome>(StringComparer.Ordinal);
        foreach (var (key, handle) in handles)
        {
            outcomes[key] = await handle.Outcome;
        }

        // Refusals after the fact: a token that timed out, one that ended, a forged one; a call that times out and one
        // cut short until the retries run out; the exceptions of a cancelled call and of a disposed client.
        var late = seenTokens["late-0"];
        var done = seenTokens["ok-0"];
        Keep(await client.SendTaskSuccessAsync(late, TaskOutput.Parse($$"""{"again":"{{s.Output}}"}""").RightOrThrow()));
        Keep(await client.SendTaskFailureAsync(done, TaskFailure.Create(Some("Again"), Some(s.Cause)).RightOrThrow()));
        Keep(await client.SendTaskHeartbeatAsync(forged));
        using (var impatient = NewClient(s.SecretKey, s.SessionToken, o => { o.RequestTimeout = TimeSpan.FromMilliseconds(100); o.MaxAttempts = 2; }))
        {
            local.Faults.Add(LocalOperation.SendTaskHeartbeat, LocalFault.Delay(TimeSpan.FromSeconds(2)), 2);
            Keep(await impatient.SendTaskHeartbeatAsync(late));
        }

        local.Faults.Add(LocalOperation.SendTaskHeartbeat, LocalFault.TruncatedBody, 3);
        Keep(await client.SendTaskHeartbeatAsync(done));
        using (var cancelled = new CancellationTokenSource())
        {
            await cancelled.CancelAsync();
            failures.Add((await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.SendTaskHeartbeatAsync(done, cancelled.Token))).ToString());
        }

        var disposed = NewClient(s.SecretKey, s.SessionToken);
        disposed.Dispose();
        failures.Add((await Assert.ThrowsAsync<ObjectDisposedException>(() => disposed.SendTaskSuccessAsync(done, TaskOutput.Parse("{}").RightOrThrow()))).ToString());

        // Values refused by validation, and how the values and the endpoint's outcomes print.
        failures.Add(TaskOutput.Parse("not json " + s.Output).LeftOrThrow().ToString());
        failures.Add(TaskInput.Parse("not json " + s.Input("bad", 0)).LeftOrThrow().ToString());
        failures.Add(TaskToken.Parse(s.ForgedToken + new string('x', TaskToken.MaxLength)).LeftOrThrow().ToString());
        failures.Add(TaskFailure.Create(Some(new string('e', TaskFailure.MaxErrorLength + 1)), Some(s.Cause)).LeftOrThrow().ToString());
        failures.AddRange(seenTasks);
        failures.AddRange(seenTokens.Values.Select(t => t.ToString()));
        failures.AddRange(outcomes.Values.Select(o => o.ToString()));
        telemetry.Collect();

        // The run went where it had to: every path above was taken.
        var logs = capture.Records.ToArray();
        var spans = telemetry.Spans.ToArray();
        var measurements = telemetry.Measurements.ToArray();
        var ours = spans.Where(sp => sp.Tags.GetValueOrDefault("activitycore.worker") == workerName).ToArray();
        var c = local.Counters;
        output.WriteLine($"{logs.Length} log records ({logs.Count(l => l.Level <= LogLevel.Debug)} at Trace/Debug), {spans.Length} spans ({ours.Length} of this worker), " +
            $"{measurements.Length} measurements, {failures.Count} failure and exception texts, {taps.Sum(t => t.Signatures.Count)} signatures and " +
            $"{taps.SelectMany(t => t.Tokens).Distinct(StringComparer.Ordinal).Count()} tokens seen on the wire; endpoint: {c}");
        Assert.All(outcomes.Where(o => o.Key.StartsWith("ok", StringComparison.Ordinal) || o.Key.StartsWith("slow", StringComparison.Ordinal) || o.Key == "lost-0"),
            o => Assert.True(o.Value is LocalTaskSucceeded, $"{o.Key}: {o.Value}, {handles[o.Key].Deliveries} deliveries"));
        Assert.Equal(2, handles["lost-0"].Deliveries);
        Assert.All(Enumerable.Range(0, 3), i => Assert.Contains(s.Cause, Assert.IsType<LocalTaskFailed>(outcomes[$"left-{i}"]).Cause, StringComparison.Ordinal));
        Assert.All(Enumerable.Range(0, 3), i => Assert.Contains(s.ExceptionMessage, Assert.IsType<LocalTaskFailed>(outcomes[$"throw-{i}"]).Cause, StringComparison.Ordinal));
        Assert.IsType<LocalTaskTimedOut>(outcomes["late-0"]);
        Assert.IsType<LocalTaskTimedOut>(outcomes["ended-0"]);
        Assert.Equal(WorkerErrorCodes.WorkerStopped, Assert.IsType<LocalTaskFailed>(stuck).Error);
        Assert.Equal(1, c.DeliveriesLost);
        bool Logged(string category, int eventId, string? containing = null) =>
            logs.Any(l => l.Category == category && l.EventId.Id == eventId && (containing is null || l.Message.Contains(containing, StringComparison.Ordinal)));
        Assert.True(Logged("ActivityCore.Client", 1), "a successful call is logged at Debug");
        Assert.True(Logged("ActivityCore.Client", 2, "InvalidSignatureException"), "the wrong signature is logged by the client");
        Assert.True(Logged("ActivityCore.Client", 2, "UnrecognizedClientException"), "the unknown session token is logged by the client");
        Assert.True(Logged("ActivityCore.Client", 3), "retries are logged");
        Assert.True(Logged("ActivityCore.Worker", 101, "InvalidSignatureException"), "the worker logs its polls refused for their signature");
        Assert.True(Logged("ActivityCore.Worker", 102), "tasks received are logged at Debug");
        Assert.True(Logged("ActivityCore.Worker", 103), "handlers that threw are logged");
        Assert.True(Logged("ActivityCore.Worker", 104, "TaskTimedOut"), "a heartbeat refused because the task ended is logged");
        Assert.True(Logged("ActivityCore.Worker", 105) || Logged("ActivityCore.Worker", 112), "a refused report is logged");
        Assert.True(Logged("ActivityCore.Worker", 107, WorkerErrorCodes.WorkerStopped), "the task failed at shutdown is logged");
        Assert.True(Logged("ActivityCore.Local", 1, "InvalidSignatureException"), "the endpoint logs the refused signature");
        Assert.True(Logged("ActivityCore.Local", 1, "truncated (injected)"), "the endpoint logs the injected faults");
        Assert.True(ours.Length >= handles.Count, $"a span per task run ({ours.Length})");
        Assert.Contains(measurements, m => m.Meter == WorkerTelemetry.MeterName && m.Instrument == WorkerTelemetry.TasksFailed);
        Assert.Contains(measurements, m => m.Meter == WorkerTelemetry.MeterName && m.Instrument == WorkerTelemetry.HeartbeatFailures);
        Assert.Contains(failures, f => f.Contains("InvalidSignatureException", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("TaskTimedOut", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("InvalidToken", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("Timeout", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("NetworkFailure", StringComparison.Ordinal));

        // A structured sink could take apart an object handed to it: the state carries only text, numbers and enums.
        Assert.All(logs.SelectMany(l => l.State), p => Assert.True(
            p.Value is null or string or bool or int or long or double or TimeSpan || p.Value.GetType().IsEnum,
            $"{p.Key} is a {p.Value?.GetType()}"));

        // And none of it carries a secret.
        var tokens = taps.SelectMany(t => t.Tokens).Concat(seenTokens.Values.Select(t => t.Reveal())).Append(s.ForgedToken).Append(lostToken)
            .Where(t => t.Length >= 24).Distinct(StringComparer.Ordinal).ToArray();
        var signatures = taps.SelectMany(t => t.Signatures).Distinct(StringComparer.Ordinal).ToArray();
        Assert.True(signatures.Length > 10 && signatures.All(x => x.Length == 64), $"{signatures.Length} signatures captured");
        Assert.True(tokens.Length > handles.Count, $"{tokens.Length} tokens captured");
        var secrets = s.Secrets()
            .Concat(tokens.SelectMany(t => new[] { ("task token", t[..24]), ("task token", t[(t.Length / 2)..((t.Length / 2) + 24)]), ("task token", t[^24..]) }))
            .Concat(signatures.SelectMany(x => new[] { ("signature", x), ("signature", x[..16]) }))
            .ToArray();
        var withKeyId = secrets.Append(("access key id", s.AccessKeyId)).ToArray();
        var leaks = Leaks("log", logs.Select(l => (l.ToString(), l.Texts())), withKeyId)
            .Concat(Leaks("span", spans.Select(sp => (sp.OperationName, (IEnumerable<string>)sp.Texts)), withKeyId))
            .Concat(Leaks("measurement", measurements.Select(m => (m.Instrument, m.Texts())), withKeyId))
            .Concat(Leaks("instrument", telemetry.Instruments.Select(i => (i, (IEnumerable<string>)[i])), withKeyId))
            .Concat(Leaks("failure", failures.Select(f => (f, (IEnumerable<string>)[f])), secrets))
            .Distinct(StringComparer.Ordinal)
            .ToList();
        Assert.True(leaks.Count == 0, $"{leaks.Count} leaks; the first of each kind:{Environment.NewLine}" +
            string.Join(Environment.NewLine, leaks.GroupBy(l => l[..l.IndexOf(' ', StringComparison.Ordinal)]).SelectMany(g => g.Take(5))));
    }

    private static IEnumerable<string> TextsOf<TError>(ActivityFailure<TError> failure)
        where TError : IOperationError
    {
        yield return failure.ToString();
        var inner = failure.Innermost();
        yield return inner.ToString();
        yield return inner.Match(
            serviceError: e => $"{e.Error} {e.Error.Code} {e.Error.Message.IfNone(string.Empty)}",
            timeout: t => t.Limit.ToString(),
            networkFailure: n => $"{n.ExceptionType} {n.Message}",
            clientFailure: c => $"{c.Reason} {c.Message}",
            retriesExhausted: r => r.Attempts.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    private static IEnumerable<string> Leaks(string where, IEnumerable<(string Label, IEnumerable<string> Texts)> items, IReadOnlyList<(string What, string Value)> secrets) =>
        from item in items
        from text in item.Texts
        from secret in secrets
        where text.Contains(secret.Value, StringComparison.Ordinal)
        select $"{where} \"{Clip(item.Label)}\": {secret.What} in \"{Clip(text)}\"";

    private static string Clip(string text) => text.Length <= 300 ? text : text[..300] + "...";
}
