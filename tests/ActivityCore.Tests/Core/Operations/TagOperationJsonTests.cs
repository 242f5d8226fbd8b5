using System.Buffers;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Json;
using ActivityCore.Errors;
using ActivityCore.Operations;
using ActivityCore.Tests.Shell;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using LanguageExt;
using Xunit;
using static LanguageExt.Prelude;

namespace ActivityCore.Tests.Core.Operations;

/// <summary>TagResource, UntagResource, ListTagsForResource: request shapes, answers and error unions (service model).</summary>
public class TagOperationJsonTests
{
    private static readonly ActivityArn Arn = ActivityArn.Parse("arn:aws:states:us-east-1:123456789012:activity:a").RightOrThrow();

    private static Gen<List<KeyValuePair<string, string>>> Pairs =>
        from count in Gen.Choose(0, 6)
        from values in Gen.ArrayOf(Gen.OneOf(Generators.Message(xmlSafe: false), Gen.Elements("", "v", "é日")), count)
        select values.Select((v, i) => new KeyValuePair<string, string>("k" + i + "\"\\", v)).ToList();

    [Fact]
    public void Targets_name_the_service_and_the_operation()
    {
        Assert.Equal("AWSStepFunctions.TagResource", TagResource.Target);
        Assert.Equal("AWSStepFunctions.UntagResource", UntagResource.Target);
        Assert.Equal("AWSStepFunctions.ListTagsForResource", ListTagsForResource.Target);
    }

    [Fact]
    public void Requests_have_the_service_model_shapes()
    {
        var buffer = new ArrayBufferWriter<byte>();
        TagResource.WriteRequest(Arn, Tags.FromPairs([new("team", "a"), new("empty", "")]).RightOrThrow(), buffer);
        Assert.Equal("{\"resourceArn\":\"" + Arn.Value + "\",\"tags\":[{\"key\":\"team\",\"value\":\"a\"},{\"key\":\"empty\",\"value\":\"\"}]}", Encoding.UTF8.GetString(buffer.WrittenSpan));

        buffer.Clear();
        UntagResource.WriteRequest(Arn, TagKeys.Create(["team", "empty"]).RightOrThrow(), buffer);
        Assert.Equal("{\"resourceArn\":\"" + Arn.Value + "\",\"tagKeys\":[\"team\",\"empty\"]}", Encoding.UTF8.GetString(buffer.WrittenSpan));

        buffer.Clear();
        ListTagsForResource.WriteRequest(Arn, buffer);
        Assert.Equal("{\"resourceArn\":\"" + Arn.Value + "\"}", Encoding.UTF8.GetString(buffer.WrittenSpan));
    }

    [Property(MaxTest = 300)]
    public Property ListTagsForResource_reads_back_any_tag_list() =>
        Prop.ForAll(Arb.From(Pairs), pairs =>
        {
            string body = JsonSerializer.Serialize(new { tags = pairs.Select(static p => new { key = p.Key, value = p.Value }) });
            return ListTagsForResource.ParseResponse(200, null, Encoding.UTF8.GetBytes(body))
                .Match(Right: tags => tags.SequenceEqual(pairs), Left: _ => false);
        });

    [Theory]
    [InlineData("", 0)]
    [InlineData("{}", 0)]
    [InlineData("{\"tags\":null}", 0)]
    [InlineData("{\"tags\":[{\"key\":\"aws:cloudformation:stack-name\",\"value\":\"s\"},{\"key\":\"novalue\"}],\"other\":1}", 2)]
    public void ListTagsForResource_takes_what_the_service_sends(string body, int count) =>
        Assert.Equal(count, ListTagsForResource.ParseResponse(200, null, Encoding.UTF8.GetBytes(body)).RightOrThrow().Count);

    [Theory]
    [InlineData("{\"tags\":{}}")]
    [InlineData("{\"tags\":[{\"value\":\"v\"}]}")]
    [InlineData("{\"tags\":[1]}")]
    [InlineData("{\"tags\":[{\"key\":1}]}")]
    [InlineData("{\"tags\":[")]
    public void A_malformed_tag_list_is_MalformedResponse(string body)
    {
        var error = ListTagsForResource.ParseResponse(200, null, Encoding.UTF8.GetBytes(body)).LeftOrThrow();
        Assert.Equal(ErrorCodes.MalformedResponse, error.Code);
    }

    [Property(MaxTest = 300)]
    public Property The_parsers_are_total() =>
        Prop.ForAll(Arb.From(Generators.Bytes), Arb.From(Gen.Elements(200, 400, 500)), (bytes, status) =>
            ListTagsForResource.ParseResponse(status, null, bytes).IsRight || ListTagsForResource.ParseResponse(status, null, bytes).IsLeft);

    [Fact]
    public void The_modeled_errors_have_their_cases()
    {
        var tooMany = TagResource.ParseResponse(400, null, "{\"__type\":\"TooManyTags\",\"resourceName\":\"arn:x\"}"u8).LeftOrThrow();
        Assert.Equal(Some("arn:x"), Assert.IsType<TagResourceError.TooManyTags>(tooMany).ResourceName);
        var missing = UntagResource.ParseResponse(400, null, "{\"__type\":\"com.amazonaws.swf.service.v2.model#ResourceNotFound\",\"message\":\"m\",\"resourceName\":\"arn:y\"}"u8).LeftOrThrow();
        Assert.Equal(Some("arn:y"), Assert.IsType<UntagResourceError.ResourceNotFound>(missing).ResourceName);
        Assert.Equal(ErrorKind.Configuration, missing.Kind);
        Assert.IsType<ListTagsForResourceError.InvalidArn>(ListTagsForResource.ParseResponse(400, "InvalidArn:http://x", ""u8).LeftOrThrow());
        Assert.IsType<ListTagsForResourceError.UnknownOperationError>(ListTagsForResource.ParseResponse(400, null, "{\"__type\":\"TooManyTags\"}"u8).LeftOrThrow());
        Assert.True(TagResource.ParseResponse(200, null, "{}"u8).IsRight && UntagResource.ParseResponse(200, null, ""u8).IsRight);
    }
}
