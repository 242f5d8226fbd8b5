using System.Text.Json;
using ActivityCore.Local.Service;
using LanguageExt;
using static LanguageExt.Prelude;

namespace ActivityCore.Local.Protocol;

/// <summary>TagResource, UntagResource, ListTagsForResource on activity ARNs, as the service answers them.</summary>
internal sealed class TagOperations(ActivityRegistry registry)
{
    /// <summary>Adds or replaces tags: <c>{}</c>; <c>TooManyTags</c> past 50 tags on the activity.</summary>
    internal Reply Tag(JsonElement request) => Reply.Done(
        (from arn in ResourceArn(request)
         from tags in TagRequests.Tags(request, arn)
         select (arn, tags)).Match(
            Right: t => registry.Tag(t.arn, t.tags, TagRequests.MaxTags),
            Left: Some));

    /// <summary>Removes the tags of the given keys: <c>{}</c>.</summary>
    internal Reply Untag(JsonElement request) => Reply.Done(
        (from arn in ResourceArn(request)
         from keys in TagRequests.Keys(request)
         select (arn, keys)).Match(
            Right: t => registry.Untag(t.arn, t.keys),
            Left: Some));

    /// <summary>The activity's tags: <c>{"tags":[{"key":"…","value":"…"}]}</c>.</summary>
    internal Reply List(JsonElement request) => Reply.Of(
        ResourceArn(request).Bind(registry.Tags),
        static tags => Reply.Ok(RequestJson.Write(tags, static (w, list) =>
        {
            w.WriteStartObject();
            w.WriteStartArray("tags");
            foreach (var tag in list)
            {
                w.WriteStartObject();
                w.WriteString("key", tag.Key);
                w.WriteString("value", tag.Value);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        })));

    /// <summary>The required <c>resourceArn</c>: <c>InvalidArn</c> unless it has an activity ARN's shape (the only resources here).</summary>
    private static Either<ServiceError, string> ResourceArn(JsonElement request) =>
        from arn in RequestJson.RequiredString(request, "resourceArn")
        from valid in ActivityArn.Parse(arn).BiMap(Right: _ => arn, Left: _ => ServiceError.InvalidArn(arn))
        select valid;
}
