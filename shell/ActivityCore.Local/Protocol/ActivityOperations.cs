using System;
using System.Globalization;
using System.Text;
using System.Text.Json;
using ActivityCore.Local.Service;

namespace ActivityCore.Local.Protocol;

/// <summary>CreateActivity, DescribeActivity, DeleteActivity, ListActivities, as the service answers them.</summary>
internal sealed class ActivityOperations(ActivityRegistry registry, TaskBoard board)
{
    private const int MaxTags = 50;

    internal Reply Create(JsonElement request)
    {
        var error = RequestJson.String(request, "name", required: true, out var name);
        if (error is not null)
        {
            return Reply.Of(error);
        }

        error = Configuration(request, out var configuration);
        if (error is not null)
        {
            return Reply.Of(error);
        }

        error = registry.Create(name!, configuration, out var record);
        return error is not null
            ? Reply.Of(error)
            : Reply.Ok(RequestJson.Write(record, static (w, r) =>
            {
                w.WriteStartObject();
                w.WriteString("activityArn", r.Arn);
                w.WriteNumber("creationDate", RequestJson.EpochSeconds(r.CreationDate));
                w.WriteEndObject();
            }));
    }

    internal Reply Describe(JsonElement request)
    {
        var error = ExistingActivity(request, out var record);
        return error is not null
            ? Reply.Of(error)
            : Reply.Ok(RequestJson.Write(record!, static (w, r) =>
            {
                w.WriteStartObject();
                w.WriteString("activityArn", r.Arn);
                w.WriteString("name", r.Name);
                w.WriteNumber("creationDate", RequestJson.EpochSeconds(r.CreationDate));
                w.WriteEndObject();
            }));
    }

    internal Reply Delete(JsonElement request)
    {
        var error = RequestJson.String(request, "activityArn", required: true, out var arn);
        if (error is not null)
        {
            return Reply.Of(error);
        }

        if (ActivityArn.Parse(arn).IsLeft)
        {
            return Reply.Of(ServiceError.InvalidArn(arn!));
        }

        registry.Remove(arn!);
        board.ReleaseAll(arn!);
        return Reply.Empty();
    }

    internal Reply List(JsonElement request)
    {
        var error = RequestJson.Int(request, "maxResults", out var maxResults);
        string? nextToken = null;
        error ??= RequestJson.String(request, "nextToken", required: false, out nextToken);
        error ??= RequestJson.Length(nextToken, "nextToken", 1, 1024);
        if (error is not null)
        {
            return Reply.Of(error);
        }

        if (maxResults is < 0 or > 1000)
        {
            return Reply.Of(ServiceError.Validation("maxResults", "Member must have value between 0 and 1000"));
        }

        long after = 0;
        if (nextToken is not null && !PageTokens.TryRead(nextToken, out after))
        {
            return Reply.Of(ServiceError.InvalidToken("Invalid nextToken"));
        }

        var (page, more) = registry.List(after, maxResults is null or 0 ? 100 : maxResults.Value);
        return Reply.Ok(RequestJson.Write((page, more), static (w, p) =>
        {
            w.WriteStartObject();
            w.WriteStartArray("activities");
            foreach (var r in p.page)
            {
                w.WriteStartObject();
                w.WriteString("activityArn", r.Arn);
                w.WriteString("name", r.Name);
                w.WriteNumber("creationDate", RequestJson.EpochSeconds(r.CreationDate));
                w.WriteEndObject();
            }

            w.WriteEndArray();
            if (p.more)
            {
                w.WriteString("nextToken", PageTokens.Write(p.page[^1].Sequence));
            }

            w.WriteEndObject();
        }));
    }

    /// <summary>The activity an ARN names: <c>InvalidArn</c> when malformed, <c>ActivityDoesNotExist</c> when unknown.</summary>
    internal ServiceError? ExistingActivity(JsonElement request, out ActivityRecord? record)
    {
        record = null;
        var error = RequestJson.String(request, "activityArn", required: true, out var arn);
        if (error is not null)
        {
            return error;
        }

        if (ActivityArn.Parse(arn).IsLeft)
        {
            return ServiceError.InvalidArn(arn!);
        }

        record = registry.Find(arn!);
        return record is null ? ServiceError.ActivityDoesNotExist(arn!) : null;
    }

    /// <summary>
    /// Checks the tags and returns the encryption configuration as one comparable text: only the latter decides whether
    /// an activity of the same name is the same one (the service does not compare, nor update, tags).
    /// </summary>
    private static ServiceError? Configuration(JsonElement request, out string configuration)
    {
        configuration = string.Empty;
        var tags = 0;
        if (request.TryGetProperty("tags", out var tagArray) && tagArray.ValueKind != JsonValueKind.Null)
        {
            if (tagArray.ValueKind != JsonValueKind.Array)
            {
                return ServiceError.Serialization("Unexpected JSON type for 'tags': expected a list.");
            }

            foreach (var tag in tagArray.EnumerateArray())
            {
                if (tag.ValueKind != JsonValueKind.Object)
                {
                    return ServiceError.Serialization("Unexpected JSON type for a tag: expected a structure.");
                }

                string? value = null;
                var error = RequestJson.String(tag, "key", required: false, out var key);
                error ??= RequestJson.String(tag, "value", required: false, out value);
                if (error is not null)
                {
                    return error;
                }

                tags++;
            }
        }

        if (tags > MaxTags)
        {
            return ServiceError.Client("TooManyTags", "Too many tags: " + tags.ToString(CultureInfo.InvariantCulture));
        }

        var text = new StringBuilder();
        if (request.TryGetProperty("encryptionConfiguration", out var encryption) && encryption.ValueKind != JsonValueKind.Null)
        {
            if (encryption.ValueKind != JsonValueKind.Object)
            {
                return ServiceError.Serialization("Unexpected JSON type for 'encryptionConfiguration': expected a structure.");
            }

            string? keyId = null;
            int? period = null;
            var error = RequestJson.String(encryption, "type", required: true, out var type);
            error ??= RequestJson.String(encryption, "kmsKeyId", required: false, out keyId);
            error ??= RequestJson.Int(encryption, "kmsDataKeyReusePeriodSeconds", out period);
            if (error is not null)
            {
                return error;
            }

            var valid = type switch
            {
                "AWS_OWNED_KEY" => keyId is null,
                "CUSTOMER_MANAGED_KMS_KEY" => keyId is { Length: > 0 },
                _ => false,
            };
            if (!valid || period is < 60 or > 900)
            {
                return ServiceError.Client("InvalidEncryptionConfiguration", "Invalid encryption configuration.");
            }

            text.Append(type).Append('\u001f').Append(keyId).Append('\u001f').Append(period?.ToString(CultureInfo.InvariantCulture));
        }
        else
        {
            text.Append(ActivityRegistry.DefaultEncryption);
        }

        configuration = text.ToString();
        return null;
    }
}
