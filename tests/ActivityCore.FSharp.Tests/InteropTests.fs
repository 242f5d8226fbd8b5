/// The core used from F#: Either and Option from LanguageExt, the closed unions matched exhaustively.
module ActivityCore.FSharp.Tests.InteropTests

open System.Text
open Xunit
open FsCheck
open FsCheck.FSharp
open FsCheck.Xunit
open ActivityCore
open ActivityCore.Errors
open ActivityCore.Operations
open ActivityCore.Retries

let private utf8 (s: string) = Encoding.UTF8.GetBytes s

/// An F# view of the GetActivityTask union: the compiler checks every case is named.
let describe (error: GetActivityTaskError) : string =
    error.Match(
        ActivityDoesNotExist = (fun e -> "missing activity"),
        ActivityWorkerLimitExceeded = (fun e -> "too many workers"),
        InvalidArn = (fun e -> "bad arn: " + e.Message.IfNone("")),
        KmsAccessDeniedException = (fun e -> "kms denied"),
        KmsInvalidStateException = (fun e -> "kms key " + e.KmsKeyState.Map(fun s -> s.Value).IfNone("?")),
        KmsThrottlingException = (fun e -> "kms throttled"),
        UnknownOperationError = (fun e -> "unknown " + e.Code))

/// The same with F# type tests, as an F# caller would write a pattern match.
let classify (error: GetActivityTaskError) : string =
    match error with
    | :? GetActivityTaskError.InvalidArn -> "config"
    | :? GetActivityTaskError.ActivityDoesNotExist -> "config"
    | :? GetActivityTaskError.UnknownOperationError as u when u.IsRetryable -> "retry"
    | _ -> "other"

[<Fact>]
let ``an error answer matches its case from F#`` () =
    let result = GetActivityTask.ParseResponse(400, null, utf8 """{"__type":"ns#InvalidArn","message":"nope"}""")
    let text = result.Match((fun _ -> "task"), (fun e -> describe e))
    Assert.Equal("bad arn: nope", text)
    Assert.Equal("config", result.Match((fun _ -> ""), (fun e -> classify e)))

[<Fact>]
let ``a throttled poll is retryable from F#`` () =
    let result = GetActivityTask.ParseResponse(400, "ThrottlingException", utf8 "{}")
    Assert.Equal("retry", result.Match((fun _ -> ""), (fun e -> classify e)))

/// One meaning of "retryable" (ErrorKind.IsRetryable): throttling, transient, clock skew and expired credentials
/// (the client corrects its clock or refreshes its credentials before the retry); an error's IsRetryable is its kind's.
[<Theory>]
[<InlineData("ThrottlingException", true)>]
[<InlineData("RequestTimeTooSkewed", true)>]
[<InlineData("ExpiredTokenException", true)>]
[<InlineData("AccessDeniedException", false)>]
let ``IsRetryable is the kind's one meaning from F#`` (code: string, retryable: bool) =
    let result = GetActivityTask.ParseResponse(400, code, utf8 "{}")
    let error: GetActivityTaskError = result.LeftToSeq() |> Seq.exactlyOne
    Assert.Equal(retryable, error.IsRetryable)
    Assert.Equal(error.Kind.IsRetryable(), error.IsRetryable)

/// The retry decision is a union with reasons, matched from F#.
[<Fact>]
let ``a retry decision says why it gives up from F#`` () =
    let describe (decision: RetryDecision) =
        decision.Match(
            (fun r -> sprintf "retry after %g ms" r.Delay.TotalMilliseconds),
            (fun g ->
                g.Reason.Match(
                    (fun n -> sprintf "not retryable: %O" n.Kind),
                    (fun a -> sprintf "%d attempts made" a.Attempts),
                    (fun _ -> "quota empty"))))
    Assert.Equal("retry after 500 ms", describe (Retry.Decide(ErrorKind.ClockSkew, 1, 0.5, RetryPolicy.Standard)))
    Assert.Equal("3 attempts made", describe (Retry.Decide(ErrorKind.Throttling, 3, 0.5, RetryPolicy.Standard)))
    Assert.Equal("not retryable: TaskEnded", describe (Retry.Decide(ErrorKind.TaskEnded, 1, 0.5, RetryPolicy.Standard)))

[<Fact>]
let ``a task and an empty poll are Options from F#`` () =
    let task = GetActivityTask.ParseResponse(200, null, utf8 """{"taskToken":"tok","input":"{\"n\":1}"}""")
    let empty = GetActivityTask.ParseResponse(200, null, utf8 """{"taskToken":null}""")
    let inputOf (r: LanguageExt.Either<GetActivityTaskError, LanguageExt.Option<ActivityTask>>) =
        r.Match((fun (o: LanguageExt.Option<ActivityTask>) -> o.Match((fun (t: ActivityTask) -> t.Input.Json), (fun () -> "none"))), (fun _ -> "error"))
    Assert.Equal("""{"n":1}""", inputOf task)
    Assert.Equal("none", inputOf empty)

[<Fact>]
let ``validation errors are values from F#`` () =
    let parsed = TaskToken.Parse ""
    Assert.True(parsed.IsLeft)
    let failure = parsed.Match((fun _ -> ValidationFailure.Missing), (fun (e: ValidationError) -> e.Failure))
    Assert.Equal(ValidationFailure.TooShort, failure)

/// One FsCheck property from F#: any worker name of 1..80 letters is accepted, and its text is kept.
[<Property>]
let ``worker names of 1 to 80 letters round-trip`` () =
    let gen =
        gen {
            let! n = Gen.choose (1, 80)
            let! chars = Gen.arrayOfLength n (Gen.elements [ 'a' .. 'z' ])
            return System.String chars
        }
    Prop.forAll (Arb.fromGen gen) (fun name ->
        WorkerName.Parse(name).Match((fun (w: WorkerName) -> w.Value = name), (fun _ -> false)))
