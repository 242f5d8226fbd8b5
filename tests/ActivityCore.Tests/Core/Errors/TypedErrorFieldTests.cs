using System.Linq;
using System.Text;
using System.Text.Json;
using ActivityCore.Errors;
using ActivityCore.Operations;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using LanguageExt;
using Xunit;

namespace ActivityCore.Tests.Core.Errors;

/// <summary>
/// The typed members of the modeled errors (botocore's stepfunctions/2016-11-23/service-2.json): <c>kmsKeyState</c> of
/// <c>KmsInvalidStateException</c> (the <c>KmsKeyState</c> enum) and <c>resourceName</c> of <c>TooManyTags</c> and
/// <c>ResourceNotFound</c>.
/// </summary>
public class TypedErrorFieldTests
{
    public static TheoryData<string, KnownKmsKeyState> ModelStates => new()
    {
        { "DISABLED", KnownKmsKeyState.Disabled },
        { "PENDING_DELETION", KnownKmsKeyState.PendingDeletion },
        { "PENDING_IMPORT", KnownKmsKeyState.PendingImport },
        { "UNAVAILABLE", KnownKmsKeyState.Unavailable },
        { "CREATING", KnownKmsKeyState.Creating },
        { "Disabled", KnownKmsKeyState.Disabled },
        { "PendingDeletion", KnownKmsKeyState.PendingDeletion },
        { "PendingImport", KnownKmsKeyState.PendingImport },
        { "Unavailable", KnownKmsKeyState.Unavailable },
        { "Creating", KnownKmsKeyState.Creating },
    };

    [Theory]
    [MemberData(nameof(ModelStates))]
    public void The_states_of_the_model_are_known_in_both_spellings(string text, KnownKmsKeyState expected)
    {
        var state = KmsKeyState.Parse(text);
        Assert.Equal(Prelude.Some(expected), state.Known);
        Assert.Equal(text, state.Value);
        Assert.Equal(KmsKeyState.FromKnown(expected).Known, state.Known);
    }

    [Theory]
    [InlineData("ENABLED")]
    [InlineData("disabled")]
    [InlineData("")]
    [InlineData("PENDING_REPLICA_DELETION")]
    public void Any_other_state_is_kept_as_text(string text)
    {
        var state = KmsKeyState.Parse(text);
        Assert.True(state.Known.IsNone);
        Assert.Equal(text, state.Value);
    }

    [Property(MaxTest = 500)]
    public Property Parse_keeps_the_text_and_knows_exactly_the_model_states() =>
        Prop.ForAll(Arb.From(Gen.OneOf(Generators.Message(xmlSafe: false), Gen.Elements(ModelStates.Select(static r => (string)r[0]).ToArray()))), text =>
        {
            var state = KmsKeyState.Parse(text);
            bool named = ModelStates.Any(r => (string)r[0] == text);
            return state.Value == text && state.Known.IsSome == named && state.Equals(KmsKeyState.Parse(text));
        });

    [Property(MaxTest = 300)]
    public Property A_KmsInvalidStateException_answer_carries_its_typed_state() =>
        Prop.ForAll(Arb.From(Gen.OneOf(Generators.Message(xmlSafe: false), Gen.Elements("DISABLED", "CREATING", "PendingImport"))), text =>
        {
            byte[] body = Encoding.UTF8.GetBytes("{\"__type\":\"KmsInvalidStateException\",\"kmsKeyState\":" + JsonSerializer.Serialize(text) + "}");
            var error = GetActivityTask.ParseResponse(400, null, body).LeftToSeq().Single();
            return error is GetActivityTaskError.KmsInvalidStateException kms && kms.KmsKeyState == Prelude.Some(KmsKeyState.Parse(text));
        });

    [Fact]
    public void TooManyTags_carries_the_resource_name()
    {
        const string Arn = "arn:aws:states:us-east-1:123456789012:activity:a";
        byte[] body = Encoding.UTF8.GetBytes("{\"__type\":\"com.amazonaws.swf.service.v2.model#TooManyTags\",\"message\":\"Too many tags\",\"resourceName\":\"" + Arn + "\"}");
        var error = Assert.IsType<CreateActivityError.TooManyTags>(CreateActivity.ParseResponse(400, null, body).LeftToSeq().Single());
        Assert.Equal(Prelude.Some(Arn), error.ResourceName);
        Assert.Equal(Prelude.Some("Too many tags"), error.Message);

        var bare = Assert.IsType<CreateActivityError.TooManyTags>(CreateActivity.ParseResponse(400, null, "{\"__type\":\"TooManyTags\"}"u8).LeftToSeq().Single());
        Assert.True(bare.ResourceName.IsNone);
    }

    [Fact]
    public void A_resourceName_that_is_not_a_string_counts_as_absent()
    {
        var error = Assert.IsType<CreateActivityError.TooManyTags>(CreateActivity.ParseResponse(400, null, "{\"__type\":\"TooManyTags\",\"resourceName\":7}"u8).LeftToSeq().Single());
        Assert.True(error.ResourceName.IsNone);
    }
}
