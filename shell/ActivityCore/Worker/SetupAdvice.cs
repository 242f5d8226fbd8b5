using System;
using ActivityCore.Errors;
using ActivityCore.Operations;

namespace ActivityCore.Worker;

/// <summary>
/// What to fix when polls fail for a reason that will not heal by itself (<see cref="WorkerHealth.Misconfigured"/>),
/// pure: one sentence for a person, from the failure's code or reason. Never quotes the failure's message (it may
/// quote the request).
/// </summary>
internal static class SetupAdvice
{
    /// <summary>The advice for a poll's failure.</summary>
    /// <param name="failure">The failure (looked at through <see cref="ActivityFailure{TError}.Innermost"/>).</param>
    /// <returns>One sentence naming the likely fix.</returns>
    public static string For(ActivityFailure<GetActivityTaskError> failure)
    {
        ArgumentNullException.ThrowIfNull(failure);
        return failure.Innermost() switch
        {
            ActivityFailure<GetActivityTaskError>.ClientFailure { Reason: ClientFailureReason.CredentialsUnavailable } =>
                "no AWS credentials found: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or a profile (AWS_PROFILE), or give the client credentials",
            ActivityFailure<GetActivityTaskError>.ServiceError e => ForCode(e.Error.Code),
            var other => $"the poll failed ({other.Kind}): check the credentials, the region, the activity ARN and the permissions",
        };
    }

    private static string ForCode(string code) => code switch
    {
        "InvalidSignatureException" or "SignatureDoesNotMatch" or "IncompleteSignature" =>
            $"the request's signature was refused ({code}): the secret access key does not match the access key id, or the region is not the activity's",
        "UnrecognizedClientException" or "InvalidClientTokenId" or "MissingAuthenticationTokenException" =>
            $"the service does not know these credentials ({code}): check the access key id, the session token and the region",
        "ActivityDoesNotExist" =>
            "the activity does not exist: create it (aws stepfunctions create-activity --name NAME) or check the activity ARN and the region",
        "InvalidArn" => "the activity ARN is not valid: use arn:<partition>:states:<region>:<account>:activity:<name>",
        "AccessDeniedException" or "AccessDenied" =>
            "the credentials may not poll this activity: allow states:GetActivityTask on its ARN (and states:SendTask* for the reports)",
        "KmsAccessDeniedException" or "KmsInvalidStateException" =>
            $"the activity's KMS key cannot be used ({code}): check the key's policy and state",
        _ => $"the service refused the poll ({code}): check the credentials, the region, the activity ARN and the permissions",
    };
}
