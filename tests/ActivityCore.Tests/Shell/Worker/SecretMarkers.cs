using System.Collections.Generic;

namespace ActivityCore.Tests.Shell.Worker;

/// <summary>The run's secrets: distinctive, and unique to this run so that no other test's text can match them.</summary>
internal sealed record SecretMarkers(string Run)
{
    public string AccessKeyId => "AKIDSECRETS" + Run.ToUpperInvariant();

    public string SecretKey => $"secret-access-key-{Run}/abc+def";

    public string WrongSecret => $"wrong-secret-access-key-{Run}";

    public string SessionToken => $"IQoJsession-token-{Run}-FwoGZXIvYXdzEBYaDHhzZWNyZXRzZWNyZXQ=";

    public string WrongSessionToken => $"IQoJwrong-session-token-{Run}";

    public string ForgedToken => $"forged-task-token-{Run}-" + new string('t', 64);

    public string InputMarker => $"input-secret-{Run}";

    public string Output => $"output-secret-{Run}";

    public string Cause => $"cause-secret-{Run}";

    public string ExceptionMessage => $"exception-secret-{Run}";

    public string Input(string kind, int i, int padding = 0) =>
        $$"""{"kind":"{{kind}}","i":{{i}},"secret":"{{InputMarker}}-{{kind}}-{{i}}","padding":"{{new string('p', padding)}}"}""";

    public IEnumerable<(string What, string Value)> Secrets() =>
    [
        ("secret access key", SecretKey),
        ("wrong secret access key", WrongSecret),
        ("session token", SessionToken),
        ("wrong session token", WrongSessionToken),
        ("input", InputMarker),
        ("output", Output),
        ("failure cause", Cause),
        ("handler exception message", ExceptionMessage),
    ];
}
