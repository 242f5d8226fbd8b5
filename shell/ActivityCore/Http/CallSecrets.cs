using LanguageExt;

namespace ActivityCore.Http;

/// <summary>The secrets a call puts in its body: the task token, and the output or the cause. None for the other calls.</summary>
/// <param name="TaskToken">The task token, if the call sends one.</param>
/// <param name="Text">The output JSON or the failure's cause, if the call sends one.</param>
internal readonly record struct CallSecrets(Option<string> TaskToken, Option<string> Text)
{
    /// <summary>A call that sends no secret in its body.</summary>
    public static CallSecrets None => new(Option<string>.None, Option<string>.None);
}
