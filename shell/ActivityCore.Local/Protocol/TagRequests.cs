using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.Json;
using LanguageExt;
using static LanguageExt.Prelude;

namespace ActivityCore.Local.Protocol;

/// <summary>
/// Reads the tags and tag keys of a request as the service validates them: a list that is not a list of structures
/// is a <c>SerializationException</c>; more than 50 tags is <c>TooManyTags</c> (with the resource's ARN); a key or value
/// of the wrong length, a character outside the tagging pattern, a key starting with <c>aws:</c>, or a key twice is a
/// <c>ValidationException</c>.
/// </summary>
internal static class TagRequests
{
    /// <summary>The most tags a resource may have (the service's quota).</summary>
    internal const int MaxTags = 50;

    private const string Pattern = @"Member must satisfy regular expression pattern: ^([\p{L}\p{Z}\p{N}_.:/=+\-@]*)$";

    /// <summary>The <c>tags</c> member (absent or null: none), checked for the resource <paramref name="arn"/>.</summary>
    internal static Either<ServiceError, List<KeyValuePair<string, string>>> Tags(JsonElement request, string arn)
    {
        var tags = new List<KeyValuePair<string, string>>();
        if (!request.TryGetProperty("tags", out var list) || list.ValueKind == JsonValueKind.Null)
        {
            return tags;
        }

        if (list.ValueKind != JsonValueKind.Array)
        {
            return ServiceError.Serialization("Unexpected JSON type for 'tags': expected a list.");
        }

        if (list.GetArrayLength() > MaxTags)
        {
            return ServiceError.TooManyTags(arn, list.GetArrayLength());
        }

        int n = 0;
        foreach (var tag in list.EnumerateArray())
        {
            n++;
            var read = Tag(tag, n);
            if (read.Case is ServiceError error)
            {
                return error;
            }

            read.IfRight(tags.Add);
        }

        return Unique(tags, "tags").Map(_ => tags);
    }

    /// <summary>The required <c>tagKeys</c> member of UntagResource.</summary>
    internal static Either<ServiceError, List<string>> Keys(JsonElement request)
    {
        if (!request.TryGetProperty("tagKeys", out var list) || list.ValueKind == JsonValueKind.Null)
        {
            return ServiceError.Validation("tagKeys", "Member must not be null");
        }

        if (list.ValueKind != JsonValueKind.Array)
        {
            return ServiceError.Serialization("Unexpected JSON type for 'tagKeys': expected a list.");
        }

        var keys = new List<string>();
        int n = 0;
        foreach (var item in list.EnumerateArray())
        {
            n++;
            string member = "tagKeys." + n.ToString(CultureInfo.InvariantCulture) + ".member";
            if (item.ValueKind != JsonValueKind.String)
            {
                return ServiceError.Serialization("Unexpected JSON type for a tag key: expected a string.");
            }

            string key = item.GetString()!;
            if (KeyError(key, member).Case is ServiceError error)
            {
                return error;
            }

            keys.Add(key);
        }

        return keys;
    }

    private static Either<ServiceError, KeyValuePair<string, string>> Tag(JsonElement tag, int n)
    {
        string member = "tags." + n.ToString(CultureInfo.InvariantCulture) + ".member";
        if (tag.ValueKind != JsonValueKind.Object)
        {
            return ServiceError.Serialization("Unexpected JSON type for a tag: expected a structure.");
        }

        return from key in RequestJson.String(tag, "key")
               from value in RequestJson.String(tag, "value")
               from presentKey in key.ToEither(() => ServiceError.Validation(member + ".key", "Member must not be null"))
               from keyFits in RequestJson.Check(KeyError(presentKey, member + ".key"))
               from valueFits in RequestJson.Check(ValueError(value.IfNone(string.Empty), member + ".value"))
               select new KeyValuePair<string, string>(presentKey, value.IfNone(string.Empty));
    }

    private static Option<ServiceError> KeyError(string key, string member) =>
        RequestJson.Length(Some(key), member, 1, ActivityCore.Tag.MaxKeyLength)
        | (ActivityCore.Tag.Create(key, string.Empty).IsLeft
            ? Some(key.StartsWith(ActivityCore.Tag.ReservedPrefix, StringComparison.OrdinalIgnoreCase)
                ? ServiceError.Validation(member, "Tag keys may not start with the reserved prefix aws:")
                : ServiceError.Validation(member, Pattern))
            : None);

    private static Option<ServiceError> ValueError(string value, string member) =>
        RequestJson.Length(Some(value), member, 0, ActivityCore.Tag.MaxValueLength)
        | (ActivityCore.Tag.Create("k", value).IsLeft ? Some(ServiceError.Validation(member, Pattern)) : None);

    private static Either<ServiceError, Unit> Unique(List<KeyValuePair<string, string>> tags, string member)
    {
        var keys = new System.Collections.Generic.HashSet<string>(StringComparer.Ordinal);
        foreach (var tag in tags)
        {
            if (!keys.Add(tag.Key))
            {
                return ServiceError.Validation(member, "Member must not have the same key twice: '" + tag.Key + "'");
            }
        }

        return unit;
    }
}
