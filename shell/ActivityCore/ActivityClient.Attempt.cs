using System;
using System.IO;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using ActivityCore.Errors;
using ActivityCore.Http;
using ActivityCore.Operations;
using ActivityCore.Parsing;
using ActivityCore.Retries;
using Amazon.Runtime;
using LanguageExt;
using Microsoft.Extensions.Logging;
using static LanguageExt.Prelude;

namespace ActivityCore;

/// <summary>
/// One attempt: signed, timed, and its failure stripped of every secret the request carried (<see cref="SentSecrets"/>):
/// a server may echo the request in its message, its code, its request id or a broken header line.
/// </summary>
public sealed partial class ActivityClient
{
    /// <summary>One signed attempt under its timeout; the caller's cancellation throws, everything else is a value.</summary>
    private async Task<Attempt<TError, TResult>> AttemptAsync<TError, TResult>(
        OperationSpec<TError, TResult> op, ReadOnlyMemory<byte> body, CallSecrets secrets, TimeSpan timeout, CancellationToken cancellationToken)
        where TError : IOperationError
    {
        using var lease = timeouts.Start(timeout);
        CancellationTokenSource timeoutSource = lease.Source;

        // Dispose ends the attempt: it cancels the attempt's own source (unregistered before the source is given back).
        using var onDispose = disposing.Token.UnsafeRegister(static s => ((CancellationTokenSource)s!).Cancel(), timeoutSource);

        // A caller's token that cannot be cancelled (the worker's polls and reports) needs no linked source.
        using var linked = cancellationToken.CanBeCanceled ? CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeoutSource.Token) : null;
        CancellationToken attemptToken = linked?.Token ?? timeoutSource.Token;
        Option<ImmutableCredentials> current;
        try
        {
            current = await credentials.GetAsync(attemptToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw new OperationCanceledException("the caller cancelled the call", cancellationToken);
        }
        catch (OperationCanceledException) when (disposing.IsCancellationRequested)
        {
            throw new ObjectDisposedException(nameof(ActivityClient));
        }
        catch (OperationCanceledException) when (timeoutSource.IsCancellationRequested)
        {
            return Attempt<TError, TResult>.Failed(new ActivityFailure<TError>.Timeout(timeout), AnswerInfo.None);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            string message = SentSecrets.Of(secrets, None, None).Redact($"{e.GetType().Name}: {e.Message}");
            return Attempt<TError, TResult>.Failed(new ActivityFailure<TError>.ClientFailure(ClientFailureReason.CredentialsUnavailable, message), AnswerInfo.None);
        }

        using var request = signer.Create(op.Target, body, current, ClockCorrection.Apply(time.GetUtcNow(), ClockOffset));
        Option<string> sessionToken = current.Bind(static c => Optional(c.Token));
        SentSecrets Sent() => SentSecrets.Of(secrets, sessionToken, request.Signature);

        int status = 0;
        Option<string> requestId = None;
        Option<DateTimeOffset> serverDate = None;
        try
        {
            using var response = await http.SendAsync(request.Message, attemptToken).ConfigureAwait(false);
            if (response.RequestMessage?.RequestUri is { } answered && answered != settings.Endpoint)
            {
                return Attempt<TError, TResult>.Failed(new ActivityFailure<TError>.ClientFailure(
                    ClientFailureReason.RedirectFollowed, "the HttpMessageHandler followed a redirect to another URL: its answer is not used"), AnswerInfo.None);
            }

            status = (int)response.StatusCode;
            requestId = Header(response, "x-amzn-RequestId");

            // Rented once the answer's headers are in, not before the send: a long poll would hold it for up to 60 s.
            using var answer = new PooledBufferWriter(4096);

            // The Date is parsed only for a failure (a clock skew is corrected from it), not on the success path.
            serverDate = Responses.IsSuccess(status) ? None : Optional(response.Headers.Date);
            if (!await BoundedBody.ReadAsync(response.Content, settings.MaxResponseBytes, answer, attemptToken).ConfigureAwait(false))
            {
                return Attempt<TError, TResult>.Failed(new ActivityFailure<TError>.ClientFailure(
                    ClientFailureReason.ResponseTooLarge, $"the answer is larger than {settings.MaxResponseBytes} bytes"), new AnswerInfo(status, Sent().Redact(requestId), serverDate));
            }

            string? errorType = ErrorTypeHeader(response);
            bool isXml = IsXml(response);
            if (Responses.IsSuccess(status))
            {
                // The success path searches for no secret, unless its request id is logged (at Debug level) or traced.
                Option<string> id = requestId.IsSome && (logger.IsEnabled(LogLevel.Debug) || ClientTelemetry.Listened) ? Sent().Redact(requestId) : requestId;

                // A state-passing match (UnionMatch): lambdas over this frame's locals would hoist them into a closure on every attempt.
                var parsed = (Status: status, Id: id, ServerDate: serverDate, RequestId: requestId, Response: response, Secrets: secrets, SessionToken: sessionToken, Request: request);
                return op.Parse(status, errorType, answer.WrittenSpan, isXml).Match(
                    parsed,
                    right: static (p, value) => Attempt<TError, TResult>.Succeeded(value, new AnswerInfo(p.Status, p.Id, p.ServerDate)),
                    left: static (p, error) =>
                    {
                        var info = new AnswerInfo(p.Status, SentSecrets.Of(p.Secrets, p.SessionToken, p.Request.Signature).Redact(p.RequestId), Optional(p.Response.Headers.Date));
                        return Attempt<TError, TResult>.Failed(ServiceError(error, info), info);
                    });
            }

            // An error answer: its secrets removed from the bytes before they are read (so a code is never cut inside
            // one), then from every text read (whatever escapes the server chose).
            SentSecrets sent = Sent();
            var errorAnswer = new AnswerInfo(status, sent.Redact(requestId), serverDate)
            {
                RetryAfter = Header(response, RetryAfterHeader.Name).Bind(static v => RetryAfterHeader.Parse(v)),
            };
            TError failed = Responses.Error(status, sent.RedactHeader(errorType), sent.RedactUtf8(answer.WrittenSpan), isXml, sent.Redacting(op.MakeError));
            return Attempt<TError, TResult>.Failed(ServiceError(failed, errorAnswer), errorAnswer);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw new OperationCanceledException("the caller cancelled the call", cancellationToken);
        }
        catch (OperationCanceledException e) when (disposing.IsCancellationRequested)
        {
            // As the HttpClient the client used before ended it: a network failure (a retry then throws ObjectDisposedException).
            SentSecrets sent = Sent();
            return Attempt<TError, TResult>.Failed(Network<TError>(e, sent), new AnswerInfo(status, sent.Redact(requestId), serverDate));
        }
        catch (OperationCanceledException) when (timeoutSource.IsCancellationRequested)
        {
            return Attempt<TError, TResult>.Failed(new ActivityFailure<TError>.Timeout(timeout), new AnswerInfo(status, Sent().Redact(requestId), serverDate));
        }
        catch (Exception e) when (e is HttpRequestException or IOException or SocketException or OperationCanceledException)
        {
            SentSecrets sent = Sent();
            return Attempt<TError, TResult>.Failed(Network<TError>(e, sent), new AnswerInfo(status, sent.Redact(requestId), serverDate));
        }
    }

    private static ActivityFailure<TError>.ServiceError ServiceError<TError>(TError error, AnswerInfo answer)
        where TError : IOperationError => new(error, answer.Status, answer.RequestId);

    /// <summary>The <c>x-amzn-ErrorType</c> header as the core's parsers take it (DESIGN.md: <c>string? errorTypeHeader</c>, null when absent).</summary>
    private static string? ErrorTypeHeader(HttpResponseMessage response) =>
        First(response.Headers.NonValidated, "x-amzn-ErrorType") ?? First(response.Content.Headers.NonValidated, "x-amzn-ErrorType");

    /// <summary>
    /// The first value of a response or content header, if present, as received: read without the typed header
    /// parsing (which allocates a parsed store per header), as the validated read gives it for these untyped headers.
    /// </summary>
    private static Option<string> Header(HttpResponseMessage response, string name) =>
        Optional(First(response.Headers.NonValidated, name) ?? First(response.Content.Headers.NonValidated, name));

    /// <summary>Whether the answer's media type (its <c>Content-Type</c> before any parameter) names XML.</summary>
    private static bool IsXml(HttpResponseMessage response) =>
        First(response.Content.Headers.NonValidated, "Content-Type") is { } type
        && type.AsSpan()[..(type.IndexOf(';', StringComparison.Ordinal) is var semi and >= 0 ? semi : type.Length)].Contains("xml", StringComparison.OrdinalIgnoreCase);

    private static string? First(HttpHeadersNonValidated headers, string name)
    {
        if (headers.TryGetValues(name, out HeaderStringValues values))
        {
            foreach (string value in values)
            {
                return value;
            }
        }

        return null;
    }

    /// <summary>A network failure: the exceptions' messages (an invalid header line is quoted in one, cut at its <c>:</c>), without the request's secrets nor any piece of one (<see cref="SentSecrets.RedactPieces"/>).</summary>
    private static ActivityFailure<TError>.NetworkFailure Network<TError>(Exception e, SentSecrets sent)
        where TError : IOperationError
    {
        string message = e.Message;
        for (Exception? inner = e.InnerException; inner is not null; inner = inner.InnerException)
        {
            message += " -> " + inner.GetType().Name + ": " + inner.Message;
        }

        return new ActivityFailure<TError>.NetworkFailure(e.GetType().Name, EchoedSecrets.Redact(sent.RedactPieces(message))!)
        {
            SocketError = InnermostSocketError(e),
        };
    }

    /// <summary>The error of the innermost <see cref="SocketException"/> in the chain, if any.</summary>
    private static Option<SocketError> InnermostSocketError(Exception e)
    {
        Option<SocketError> found = None;
        for (Exception? current = e; current is not null; current = current.InnerException)
        {
            if (current is SocketException socket)
            {
                found = Some(socket.SocketErrorCode);
            }
        }

        return found;
    }

    /// <summary>The outcome of one attempt (the value or the failure), with what the answer said about itself.</summary>
    private readonly record struct Attempt<TError, TResult>(Either<ActivityFailure<TError>, TResult> Outcome, AnswerInfo Answer)
        where TError : IOperationError
    {
        public static Attempt<TError, TResult> Succeeded(TResult value, AnswerInfo answer) =>
            new(Right<ActivityFailure<TError>, TResult>(value), answer);

        public static Attempt<TError, TResult> Failed(ActivityFailure<TError> failure, AnswerInfo answer) =>
            new(Left<ActivityFailure<TError>, TResult>(failure), answer);
    }
}
