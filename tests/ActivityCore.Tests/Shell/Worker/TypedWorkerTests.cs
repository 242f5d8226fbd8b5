using System;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using ActivityCore.Local;
using ActivityCore.Worker;
using FsCheck;
using FsCheck.Xunit;
using LanguageExt;
using Xunit;
using static ActivityCore.Tests.Shell.Worker.WorkerFixture;
using static LanguageExt.Prelude;

namespace ActivityCore.Tests.Shell.Worker;

/// <summary>The typed worker (<c>ActivityWorker.Create&lt;TInput, TOutput&gt;</c>) against the local endpoint: its handler forms, the input and output it refuses.</summary>
public class TypedWorkerTests
{
    private static readonly Regex InvalidInputCause = new(
        @"^The task's input is not a valid Order: the JSON is malformed or a value has the wrong type, at line \d+, byte \d+ of the line\. The input is not quoted\.$",
        RegexOptions.CultureInvariant);

    [Fact]
    public async Task A_typed_handler_gets_its_input_deserialised_and_its_output_is_serialised()
    {
        await using var f = await StartAsync();
        var handle = f.Local.EnqueueTask(f.Arn, """{"Id": 7, "Item": "book"}""");
        await using var worker = ActivityWorker.Create(f.Client, f.Options(), async (Order order, ActivityContext _, CancellationToken _) =>
        {
            await Task.Yield();
            return new Receipt(order.Id, "shipped " + order.Item);
        }, TestJson.Default.Order, TestJson.Default.Receipt).OrThrow();
        await worker.StartAsync();

        Assert.Equal(new LocalTaskSucceeded("""{"Id":7,"Status":"shipped book"}"""), await Within(handle.Outcome));
    }

    [Fact]
    public async Task The_Either_form_reports_Right_with_SendTaskSuccess_and_Left_with_SendTaskFailure()
    {
        await using var f = await StartAsync();
        var even = f.Local.EnqueueTask(f.Arn, """{"Id": 2, "Item": "a"}""");
        var odd = f.Local.EnqueueTask(f.Arn, """{"Id": 3, "Item": "b"}""");
        Func<Order, ActivityContext, CancellationToken, Task<Either<TaskFailure, Receipt>>> handler = (order, _, _) => Task.FromResult(
            order.Id % 2 == 0 ? Right<TaskFailure, Receipt>(new Receipt(order.Id, "even")) : Left<TaskFailure, Receipt>(TaskFailure.Bounded("Odd", "odd id")));
        await using var worker = ActivityWorker.Create(f.Client, f.Options(), handler, TestJson.Default.Order, TestJson.Default.Receipt).OrThrow();
        await worker.StartAsync();

        Assert.Equal(new LocalTaskSucceeded("""{"Id":2,"Status":"even"}"""), await Within(even.Outcome));
        Assert.Equal(new LocalTaskFailed("Odd", "odd id"), await Within(odd.Outcome));
    }

    [Fact]
    public async Task A_handler_returns_a_TaskFailure_as_it_is_or_as_TaskFailure_Create_gives_it()
    {
        await using var f = await StartAsync();
        var created = f.Local.EnqueueTask(f.Arn, """{"Id": 1, "Item": "a"}""");
        var refused = f.Local.EnqueueTask(f.Arn, """{"Id": 2, "Item": "a"}""");
        var bounded = f.Local.EnqueueTask(f.Arn, """{"Id": 3, "Item": "a"}""");
        var success = f.Local.EnqueueTask(f.Arn, """{"Id": 4, "Item": "a"}""");
        string longName = new('E', TaskFailure.MaxErrorLength + 1);

        // The obvious returns compile: an output, TaskFailure.Create(...)'s result, a TaskFailure.
        await using var worker = ActivityWorker.Create(f.Client, f.Options(), async (Order order, ActivityContext _, CancellationToken _) =>
        {
            await Task.Yield();
            if (order.Id == 1)
            {
                return TaskFailure.Create("Odd", "one is odd");
            }

            if (order.Id == 2)
            {
                return TaskFailure.Create(longName, "refused: the name is too long");
            }

            if (order.Id == 3)
            {
                return TaskFailure.Bounded("Bounded", "three");
            }

            return new Receipt(order.Id, "ok");
        }, TestJson.Default.Order, TestJson.Default.Receipt).OrThrow();
        await worker.StartAsync();

        Assert.Equal(new LocalTaskFailed("Odd", "one is odd"), await Within(created.Outcome));
        var invalid = Assert.IsType<LocalTaskFailed>(await Within(refused.Outcome));
        Assert.Equal(WorkerErrorCodes.InvalidResult, invalid.Error);
        Assert.Contains("TaskFailure.Error", invalid.Cause, StringComparison.Ordinal);
        Assert.DoesNotContain("EEEE", invalid.Cause, StringComparison.Ordinal);
        Assert.Equal(new LocalTaskFailed("Bounded", "three"), await Within(bounded.Outcome));
        Assert.Equal(new LocalTaskSucceeded("""{"Id":4,"Status":"ok"}"""), await Within(success.Outcome));
    }

    [Fact]
    public async Task A_handler_that_only_fails_compiles_and_fails_its_task()
    {
        await using var f = await StartAsync();
        var handle = f.Local.EnqueueTask(f.Arn, """{"Id": 1, "Item": "a"}""");
        await using var worker = ActivityWorker.Create(f.Client, f.Options(), async (Order _, ActivityContext _, CancellationToken _) =>
        {
            await Task.Yield();
            return TaskFailure.Bounded("Always", "no");
        }, TestJson.Default.Order, TestJson.Default.Receipt).OrThrow();
        await worker.StartAsync();

        Assert.Equal(new LocalTaskFailed("Always", "no"), await Within(handle.Outcome));
    }

    [Theory]
    [InlineData("\"not an order at all\"")]
    [InlineData("""{"Id": "seven", "Item": "secret-item"}""")]
    [InlineData("""{"Id": 1, "Item": {"secret": "nested"}}""")]
    [InlineData("""[1, 2, "secret-array"]""")]
    [InlineData("""{"secret-name": {"x": ["secret-value"]}, "Id": true}""")]
    public async Task Input_that_does_not_deserialise_fails_the_task_with_InvalidInput_and_never_runs_the_handler(string input)
    {
        await using var f = await StartAsync();
        var handle = f.Local.EnqueueTask(f.Arn, input);
        int ran = 0;
        await using var worker = ActivityWorker.Create(f.Client, f.Options(), (Order order, ActivityContext _, CancellationToken _) =>
        {
            Interlocked.Increment(ref ran);
            return Task.FromResult(new Receipt(order.Id, "ran"));
        }, TestJson.Default.Order, TestJson.Default.Receipt).OrThrow();
        await worker.StartAsync();

        var failed = Assert.IsType<LocalTaskFailed>(await Within(handle.Outcome));
        Assert.Equal(WorkerErrorCodes.InvalidInput, failed.Error);
        Assert.Matches(InvalidInputCause, failed.Cause!);
        Assert.DoesNotContain("secret", failed.Cause, StringComparison.Ordinal);
        Assert.Equal(0, Volatile.Read(ref ran));
    }

    /// <summary>
    /// An input type whose constructor throws (a validating domain type, quoting the value) or gets a null for a missing
    /// property: the exception's message quotes the input, so it must not become the cause; the task fails InvalidInput.
    /// </summary>
    [Theory]
    [InlineData("""{"Number": "SECRET-4111"}""")]
    [InlineData("""{"Other": "SECRET-4111"}""")]
    public async Task An_input_type_that_throws_while_deserialising_fails_the_task_with_InvalidInput_quoting_nothing(string input)
    {
        await using var f = await StartAsync();
        var handle = f.Local.EnqueueTask(f.Arn, input);
        int ran = 0;
        await using var worker = ActivityWorker.Create(f.Client, f.Options(), (Card card, ActivityContext _, CancellationToken _) =>
        {
            Interlocked.Increment(ref ran);
            return Task.FromResult(new Receipt(1, "ran"));
        }, TestJson.Default.Card, TestJson.Default.Receipt).OrThrow();
        await worker.StartAsync();

        var failed = Assert.IsType<LocalTaskFailed>(await Within(handle.Outcome));
        Assert.Equal(WorkerErrorCodes.InvalidInput, failed.Error);
        Assert.DoesNotContain("SECRET", failed.Cause, StringComparison.Ordinal);
        Assert.DoesNotContain(" at ", failed.Cause, StringComparison.Ordinal); // no stack trace
        Assert.Equal(0, Volatile.Read(ref ran));
    }

    [Fact]
    public async Task Null_input_is_refused_for_a_reference_type_and_taken_for_a_nullable_value_type()
    {
        await using var f = await StartAsync();
        var handle = f.Local.EnqueueTask(f.Arn, "null");
        await using var worker = ActivityWorker.Create(f.Client, f.Options(), (Order order, ActivityContext _, CancellationToken _) =>
            Task.FromResult(new Receipt(order.Id, "ran")), TestJson.Default.Order, TestJson.Default.Receipt).OrThrow();
        await worker.StartAsync();
        var failed = Assert.IsType<LocalTaskFailed>(await Within(handle.Outcome));
        Assert.Equal(WorkerErrorCodes.InvalidInput, failed.Error);
        Assert.Contains("null", failed.Cause, StringComparison.Ordinal);
        await worker.StopAsync();

        var nullable = f.Local.EnqueueTask(f.Arn, "null");
        await using var second = ActivityWorker.Create(f.Client, f.Options(), (int? n, ActivityContext _, CancellationToken _) =>
            Task.FromResult<int?>(n is null ? -1 : n + 1), TestJson.Default.NullableInt32, TestJson.Default.NullableInt32).OrThrow();
        await second.StartAsync();
        Assert.Equal(new LocalTaskSucceeded("-1"), await Within(nullable.Outcome));
    }

    /// <summary>Whatever text an input carries (as a value of the wrong type, or a property's name), the cause of its InvalidInput quotes none of it: it is the fixed sentence with two numbers.</summary>
    [Property(MaxTest = 20)]
    public async Task<bool> No_input_text_ever_reaches_the_cause_of_an_InvalidInput(NonEmptyString text)
    {
        string quoted = JsonSerializer.Serialize(text.Get);
        string[] inputs = [quoted, $$"""{"Id": {{quoted}}}""", $$"""{{{quoted}}: {"x": [{{quoted}}]}, "Id": true}""", $$"""{"Id": 1, "Item": [{{quoted}}]}"""];
        await using var f = await StartAsync(hold: TimeSpan.FromMilliseconds(50));
        var handles = System.Array.ConvertAll(inputs, input => f.Local.EnqueueTask(f.Arn, input));
        await using var worker = ActivityWorker.Create(f.Client, f.Options(), (Order order, ActivityContext _, CancellationToken _) =>
            Task.FromResult(new Receipt(order.Id, "ran")), TestJson.Default.Order, TestJson.Default.Receipt).OrThrow();
        await worker.StartAsync();
        var outcomes = await Within(Task.WhenAll(System.Array.ConvertAll(handles, h => h.Outcome)), 10);
        return System.Array.TrueForAll(outcomes, o => o is LocalTaskFailed { Error: WorkerErrorCodes.InvalidInput, Cause: { } cause } && InvalidInputCause.IsMatch(cause));
    }

    [Fact]
    public async Task An_output_over_262144_bytes_or_one_that_does_not_serialise_fails_the_task_with_InvalidOutput()
    {
        await using var f = await StartAsync();
        var large = f.Local.EnqueueTask(f.Arn, "1");
        var fits = f.Local.EnqueueTask(f.Arn, "2");
        string justFits = new('b', TaskOutput.MaxUtf8Bytes - """{"Data":""}""".Length);
        await using var worker = ActivityWorker.Create(f.Client, f.Options(), (int? n, ActivityContext _, CancellationToken _) =>
            Task.FromResult(new Blob(n == 1 ? new string('a', TaskOutput.MaxUtf8Bytes) : justFits)), TestJson.Default.NullableInt32, TestJson.Default.Blob).OrThrow();
        await worker.StartAsync();

        var failed = Assert.IsType<LocalTaskFailed>(await Within(large.Outcome));
        Assert.Equal(WorkerErrorCodes.InvalidOutput, failed.Error);
        Assert.Contains("262,144", failed.Cause, StringComparison.Ordinal);
        Assert.DoesNotContain("aaaa", failed.Cause, StringComparison.Ordinal);
        Assert.Equal(TaskOutput.MaxUtf8Bytes, Assert.IsType<LocalTaskSucceeded>(await Within(fits.Outcome)).Output.Length);
        await worker.StopAsync();

        var cycle = f.Local.EnqueueTask(f.Arn, "3");
        await using var second = ActivityWorker.Create(f.Client, f.Options(), (int? _, ActivityContext _, CancellationToken _) =>
        {
            var node = new Node();
            node.Next = node;
            return Task.FromResult(node);
        }, TestJson.Default.NullableInt32, TestJson.Default.Node).OrThrow();
        await second.StartAsync();
        var refused = Assert.IsType<LocalTaskFailed>(await Within(cycle.Outcome));
        Assert.Equal(WorkerErrorCodes.InvalidOutput, refused.Error);
        Assert.Contains("Node", refused.Cause, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_IActivityHandler_runs_every_task()
    {
        await using var f = await StartAsync();
        var handle = f.Local.EnqueueTask(f.Arn, """{"Id": 5, "Item": "x"}""");
        await using var worker = ActivityWorker.Create(f.Client, f.Options(), new ShipHandler(), TestJson.Default.Order, TestJson.Default.Receipt).OrThrow();
        await worker.StartAsync();

        Assert.Equal(new LocalTaskSucceeded("""{"Id":5,"Status":"handled by test-worker"}"""), await Within(handle.Outcome));
    }

    [Fact]
    public async Task The_reflection_overload_reads_and_writes_with_the_web_defaults_when_given_no_options()
    {
        await using var f = await StartAsync();
        var handle = f.Local.EnqueueTask(f.Arn, """{"id": 9, "ITEM": "pen"}""");
        await using var worker = ActivityWorker.Create<Order, Receipt>(f.Client, f.Options(), async (order, _, _) =>
        {
            await Task.Yield();
            return new Receipt(order.Id, order.Item);
        }, serializerOptions: null).OrThrow();
        await worker.StartAsync();

        Assert.Equal(new LocalTaskSucceeded("""{"id":9,"status":"pen"}"""), await Within(handle.Outcome));
    }

    [Fact]
    public async Task The_untyped_handler_can_take_the_context_too()
    {
        await using var f = await StartAsync();
        var handle = f.Local.EnqueueTask(f.Arn, "{}");
        await using var worker = ActivityWorker.Create(f.Client, f.Options(), (ActivityTask _, ActivityContext context, CancellationToken _) =>
            Task.FromResult(Output(JsonSerializer.Serialize(context.WorkerName.Match(w => w.Value, () => "-"))))).OrThrow();
        await worker.StartAsync();

        Assert.Equal(new LocalTaskSucceeded("\"test-worker\""), await Within(handle.Outcome));
    }

    private sealed class ShipHandler : IActivityHandler<Order, Receipt>
    {
        public Task<HandlerResult<Receipt>> HandleAsync(Order input, ActivityContext context, CancellationToken cancellationToken) =>
            Task.FromResult<HandlerResult<Receipt>>(new Receipt(input.Id, "handled by " + context.WorkerName.Match(w => w.Value, () => "-")));
    }
}
