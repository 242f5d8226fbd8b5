using ActivityCore.Local.Protocol;
using ActivityCore.Local.Service;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Xunit;

namespace ActivityCore.Tests.Local.Service;

public class TokenProperties
{
    [Property]
    public bool Arbitrary_strings_are_not_well_formed_tokens(string text) => text is null || !TaskTokens.IsWellFormed(text);

    [Property(MaxTest = 200)]
    public bool Issued_tokens_are_well_formed_distinct_and_url_safe(PositiveInt _)
    {
        var a = TaskTokens.NewToken();
        var b = TaskTokens.NewToken();
        return TaskTokens.IsWellFormed(a) && a != b && a.Length == 614 && a.Length <= ActivityCore.TaskToken.MaxLength && ActivityCore.TaskToken.Parse(a).IsRight
            && System.Text.RegularExpressions.Regex.IsMatch(a, "^[A-Za-z0-9_-]+$");
    }

    [Property(MaxTest = 200)]
    public bool Changing_any_one_character_of_a_token_makes_it_malformed(NonNegativeInt position, char replacement)
    {
        var token = TaskTokens.NewToken();
        var i = position.Get % token.Length;
        if (token[i] == replacement)
        {
            return true;
        }

        var changed = token[..i] + replacement + token[(i + 1)..];
        return !TaskTokens.IsWellFormed(changed);
    }

    [Property]
    public bool Page_tokens_round_trip(NonNegativeInt sequence) =>
        PageTokens.Read(PageTokens.Write(sequence.Get)) == LanguageExt.Prelude.Some((long)sequence.Get);

    [Property]
    public bool A_name_with_any_forbidden_character_is_invalid(NonEmptyString prefix, byte pick)
    {
        const string Forbidden = " \t\n<>{}[]?*\"#%\\^|~`$&,;:/\u0000\u001f\u007f";
        var name = prefix.Get.Length > 40 ? prefix.Get[..40] : prefix.Get;
        return ActivityCore.ActivityName.Parse(name + Forbidden[pick % Forbidden.Length]).IsLeft;
    }
}
