using System;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using ActivityCore.Http;
using ActivityCore.Parsing;
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
        using var timeoutSource = new CancellationTokenSource(timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeoutSource.Token);
        Option<ImmutableCredentials> current;
        try
        {
            current = await credentials.GetAsync(linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw new OperationCanceledException("the caller cancelled the call", cancellationToken);
        }
        catch (OperationCanceledException) when (timeoutSource.IsCancellationRequested)
        {
            return Attempt<TError, TResult>.Failed(new ActivityFailure<TError>.Timeout(timeout));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            string message = SentSecrets.Of(secrets, null, None).Redact($"{e.GetType().Name}: {e.Message}")!;
            return Attempt<TError, TResult>.Failed(new ActivityFailure<TError>.ClientFailure(ClientFailureReason.CredentialsUnavailable, message));
        }

        using var request = RequestSigner.Create(settings.Endpoint, settings.Region, op.Target, body, current, ClockCorrection.Apply(time.GetUtcNow(), ClockOffset));
        string? sessionToken = current.MatchUnsafe(Some: static c => c.Token, None: static () => (string?)null);
        SentSecrets Sent() => SentSecrets.Of(secrets, sessionToken, request.Signature);

        using var answer = new PooledBufferWriter(4096);
        int status = 0;
        string? requestId = null;
        DateTimeOffset? serverDate = null;
        try
        {
            using var response = await http.SendAsync(request.Message, HttpCompletionOption.ResponseHeadersRead, linked.Token).ConfigureAwait(false);
            if (response.RequestMessage?.RequestUri is { } answered && answered != settings.Endpoint)
            {
                return Attempt<TError, TResult>.Failed(new ActivityFailure<TError>.ClientFailure(
                    ClientFailureReason.RedirectFollowed, "the HttpMessageHandler followed a redirect to another URL: its answer is not used"));
            }

            status = (int)response.StatusCode;
            requestId = Header(response, "x-amzn-RequestId");
            serverDate = response.Headers.Date;
            if (!await BoundedBody.ReadAsync(response.Content, settings.MaxResponseBytes, answer, linked.Token).ConfigureAwait(false))
            {
                return Attempt<TError, TResult>.Failed(new ActivityFailure<TError>.ClientFailure(
                    ClientFailureReason.ResponseTooLarge, $"the answer is larger than {settings.MaxResponseBytes} bytes"), status, Sent().Redact(requestId), serverDate);
            }

            string? errorType = Header(response, "x-amzn-ErrorType");
            bool isXml = response.Content.Headers.ContentType?.MediaType?.Contains("xml", StringComparison.OrdinalIgnoreCase) == true;
            if (Responses.IsSuccess(status))
            {
                // The success path searches for no secret, unless its request id is logged (at Debug level).
                string? id = requestId is not null && logger.IsEnabled(LogLevel.Debug) ? Sent().Redact(requestId) : requestId;
                return op.Parse(status, errorType, answer.WrittenSpan, isXml).Match(
                    Right: value => new Attempt<TError, TResult>(value, status, id, serverDate),
                    Left: error =>
                    {
                        string? redacted = Sent().Redact(requestId);
                        return Attempt<TError, TResult>.Failed(ServiceError(error, status, redacted), status, redacted, serverDate);
                    });
            }

            // An error answer: its secrets removed from the bytes before they are read (so a code is never cut inside
            // one), then from every text read (whatever escapes the server chose).
            SentSecrets sent = Sent();
            string? redactedId = sent.Redact(requestId);
            TError failed = Responses.Error(status, sent.Redact(errorType), sent.RedactUtf8(answer.WrittenSpan), isXml, sent.Redacting(op.MakeError));
            return Attempt<TError, TResult>.Failed(ServiceError(failed, status, redactedId), status, redactedId, serverDate);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw new OperationCanceledException("the caller cancelled the call", cancellationToken);
        }
        catch (OperationCanceledException) when (timeoutSource.IsCancellationRequested)
        {
            return Attempt<TError, TResult>.Failed(new ActivityFailure<TError>.Timeout(timeout), status, Sent().Redact(requestId), serverDate);
        }
        catch (Exception e) when (e is HttpRequestException or IOException or SocketException or OperationCanceledException)
        {
            SentSecrets sent = Sent();
            return Attempt<TError, TResult>.Failed(Network<TError>(e, sent), status, sent.Redact(requestId), serverDate);
        }
    }

    private static ActivityFailure<TError>.ServiceError ServiceError<TError>(TError error, int status, string? requestId)
        where TError : IOperationError => new(error, status, Optional(requestId));

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values)
            ? values.FirstOrDefault()
            : null;

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
    private readonly record struct Attempt<TError, TResult>(
        Either<ActivityFailure<TError>, TResult> Outcome, int Status, string? RequestId, DateTimeOffset? ServerDate)
        where TError : IOperationError
    {
        public Attempt(TResult value, int status, string? requestId, DateTimeOffset? serverDate)
            : this(Right<ActivityFailure<TError>, TResult>(value), status, requestId, serverDate)
        {
        }

        public static Attempt<TError, TResult> Failed(ActivityFailure<TError> failure, int status = 0, string? requestId = null, DateTimeOffset? serverDate = null) =>
            new(Left<ActivityFailure<TError>, TResult>(failure), status, requestId, serverDate);
    }
}
