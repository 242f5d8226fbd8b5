using System;
using System.Text.Json;
using ActivityCore.Local.Service;
using LanguageExt;
using static LanguageExt.Prelude;

namespace ActivityCore.Local.Protocol;

/// <summary>CreateActivity, DescribeActivity, DeleteActivity, ListActivities, as the service answers them.</summary>
internal sealed class ActivityOperations(ActivityRegistry registry, TaskBoard board)
{
    internal Reply Create(JsonElement request) => Reply.Of(
        from name in RequestJson.RequiredString(request, "name")
        from tags in TagRequests.Tags(request, registry.ArnOf(name))
        from encryption in Encryption(request)
        from record in registry.Create(name, encryption, tags)
        select record,
        static record => Reply.Ok(RequestJson.Write(record, static (w, r) =>
        {
            w.WriteStartObject();
            w.WriteString("activityArn", r.Arn);
            w.WriteNumber("creationDate", RequestJson.EpochSeconds(r.CreationDate));
            w.WriteEndObject();
        })));

    internal Reply Describe(JsonElement request) => Reply.Of(
        ExistingActivity(request),
        static record => Reply.Ok(RequestJson.Write(record, static (w, r) =>
        {
            w.WriteStartObject();
            w.WriteString("activityArn", r.Arn);
            w.WriteString("name", r.Name);
            w.WriteNumber("creationDate", RequestJson.EpochSeconds(r.CreationDate));
            w.WriteStartObject("encryptionConfiguration");
            w.WriteString("type", r.Encryption.Type);
            r.Encryption.KmsKeyId.IfSome(id => w.WriteString("kmsKeyId", id));
            r.Encryption.KmsDataKeyReusePeriodSeconds.IfSome(seconds => w.WriteNumber("kmsDataKeyReusePeriodSeconds", seconds));
            w.WriteEndObject();
            w.WriteEndObject();
        })));

    internal Reply Delete(JsonElement request) => Reply.Of(
        RequestJson.RequiredString(request, "activityArn").Bind(WellFormedArn),
        arn =>
        {
            registry.Remove(arn);
            board.ReleaseAll(arn);
            return Reply.Empty();
        });

    internal Reply List(JsonElement request) => Reply.Of(
        from maxResults in RequestJson.Int(request, "maxResults")
        from nextToken in RequestJson.String(request, "nextToken")
        from fits in RequestJson.Check(RequestJson.Length(nextToken, "nextToken", 1, 1024))
        from size in PageSize(maxResults)
        from after in After(nextToken)
        select registry.List(after, size),
        static listed => Reply.Ok(RequestJson.Write(listed, static (w, p) =>
        {
            w.WriteStartObject();
            w.WriteStartArray("activities");
            foreach (var r in p.Page)
            {
                w.WriteStartObject();
                w.WriteString("activityArn", r.Arn);
                w.WriteString("name", r.Name);
                w.WriteNumber("creationDate", RequestJson.EpochSeconds(r.CreationDate));
                w.WriteEndObject();
            }

            w.WriteEndArray();
            if (p.More)
            {
                w.WriteString("nextToken", PageTokens.Write(p.Page[^1].Sequence));
            }

            w.WriteEndObject();
        })));

    /// <summary>The activity an ARN names: <c>InvalidArn</c> when malformed, <c>ActivityDoesNotExist</c> when unknown.</summary>
    internal Either<ServiceError, ActivityRecord> ExistingActivity(JsonElement request) =>
        from arn in RequestJson.RequiredString(request, "activityArn").Bind(WellFormedArn)
        from record in registry.Find(arn).ToEither(() => ServiceError.ActivityDoesNotExist(arn))
        select record;

    /// <summary>The ARN as given when it has an activity ARN's shape; <c>InvalidArn</c> otherwise.</summary>
    private static Either<ServiceError, string> WellFormedArn(string arn) =>
        ActivityArn.Parse(arn).BiMap(Right: _ => arn, Left: _ => ServiceError.InvalidArn(arn));

    /// <summary>How many activities a page holds: <c>maxResults</c> 0..1000, where 0 (or none) means 100.</summary>
    private static Either<ServiceError, int> PageSize(Option<int> maxResults) => maxResults.Match(
        Some: static max => max is < 0 or > 1000
            ? Left<ServiceError, int>(ServiceError.Validation("maxResults", "Member must have value between 0 and 1000"))
            : Right<ServiceError, int>(max == 0 ? 100 : max),
        None: static () => Right<ServiceError, int>(100));

    /// <summary>The creation order a page starts after: 0 without a <c>nextToken</c>; <c>InvalidToken</c> for one not written here.</summary>
    private static Either<ServiceError, long> After(Option<string> nextToken) => nextToken.Match(
        Some: static token => PageTokens.Read(token).ToEither(static () => ServiceError.InvalidToken("Invalid nextToken")),
        None: static () => Right<ServiceError, long>(0));

    /// <summary>
    /// The encryption configuration (<see cref="ActivityEncryption.Default"/> without one): only it decides whether an
    /// activity of the same name is the same one (the service does not compare, nor update, tags).
    /// </summary>
    private static Either<ServiceError, ActivityEncryption> Encryption(JsonElement request)
    {
        if (!request.TryGetProperty("encryptionConfiguration", out var encryption) || encryption.ValueKind == JsonValueKind.Null)
        {
            return ActivityEncryption.Default;
        }

        return encryption.ValueKind != JsonValueKind.Object
            ? ServiceError.Serialization("Unexpected JSON type for 'encryptionConfiguration': expected a structure.")
            : from type in RequestJson.RequiredString(encryption, "type")
              from keyId in RequestJson.String(encryption, "kmsKeyId")
              from period in RequestJson.Int(encryption, "kmsDataKeyReusePeriodSeconds")
              from valid in Validated(type, keyId, period)
              select valid;
    }

    private static Either<ServiceError, ActivityEncryption> Validated(string type, Option<string> keyId, Option<int> period)
    {
        var valid = type switch
        {
            "AWS_OWNED_KEY" => keyId.IsNone,
            "CUSTOMER_MANAGED_KMS_KEY" => keyId.Exists(static id => id.Length is > 0 and <= 2048),
            _ => false,
        };
        if (!valid || period.Exists(static p => p is < 60 or > 900) || (type == "AWS_OWNED_KEY" && period.IsSome))
        {
            return ServiceError.Client("InvalidEncryptionConfiguration", "Invalid encryption configuration.");
        }

        return new ActivityEncryption(type, keyId, period);
    }
}
