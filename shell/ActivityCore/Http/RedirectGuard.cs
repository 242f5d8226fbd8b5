using System.Net.Http;
using LanguageExt;
using static LanguageExt.Prelude;

namespace ActivityCore.Http;

/// <summary>
/// The client never follows a redirect: a redirected request would carry the security token, the signed headers and the
/// task token to another host. Its own handler has <c>AllowAutoRedirect = false</c>. A given handler is looked into
/// through its <see cref="DelegatingHandler.InnerHandler"/> chain: a <see cref="SocketsHttpHandler"/> or
/// <see cref="HttpClientHandler"/> that follows redirects is refused. A handler the client cannot look into (one that
/// is no <see cref="DelegatingHandler"/> and sends through something of its own) is the caller's to configure; an
/// answer such a handler brings back from another URL is refused (<see cref="ClientFailureReason.RedirectFollowed"/>).
/// </summary>
internal static class RedirectGuard
{
    /// <summary>The option's name, as a <see cref="ValidationError"/> names it.</summary>
    public const string Field = "HttpMessageHandler";

    /// <summary>None when the handler (and every handler inside it) does not follow redirects; the refusal otherwise.</summary>
    public static Option<ValidationError> Check(HttpMessageHandler? handler)
    {
        for (HttpMessageHandler? current = handler; current is not null; current = (current as DelegatingHandler)?.InnerHandler)
        {
            bool follows = current switch
            {
                SocketsHttpHandler sockets => sockets.AllowAutoRedirect,
                HttpClientHandler client => client.AllowAutoRedirect,
                _ => false,
            };
            if (follows)
            {
                return Some(new ValidationError(
                    Field,
                    ValidationFailure.OutOfRange,
                    $"the {current.GetType().Name} follows redirects (AllowAutoRedirect is true, its default), which would send the "
                    + "security token and the task token to whatever host a redirect names: set AllowAutoRedirect = false"));
            }
        }

        return None;
    }
}
