using LanguageExt;

namespace ActivityCore.Errors;

/// <summary>The fields some modeled errors carry besides their message, as read from the error body.</summary>
/// <param name="KmsKeyState">The <c>kmsKeyState</c> of a <c>KmsInvalidStateException</c>.</param>
/// <param name="ResourceName">The <c>resourceName</c> of a <c>TooManyTags</c> or <c>ResourceNotFound</c>.</param>
internal readonly record struct ErrorFields(Option<string> KmsKeyState, Option<string> ResourceName)
{
    /// <summary>No field.</summary>
    public static ErrorFields None => default;
}
