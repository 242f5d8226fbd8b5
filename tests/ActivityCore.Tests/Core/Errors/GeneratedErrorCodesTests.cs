using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;
using ActivityCore.Errors;
using ActivityCore.Operations;
using Xunit;

namespace ActivityCore.Tests.Core.Errors;

/// <summary>The known codes, <see cref="ErrorCodes.Classify"/> and the unions come from one table (tools/generate_error_unions.py).</summary>
public class GeneratedErrorCodesTests
{

    [Fact]
    public void The_generated_files_are_those_the_generator_writes_now()
    {
        string root = RepositoryRoot();
        var start = new ProcessStartInfo("python3", [Path.Combine(root, "tools", "generate_error_unions.py"), "--check"])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        using var generator = Process.Start(start)!;
        string errors = generator.StandardError.ReadToEnd();
        Assert.True(generator.WaitForExit(30_000), "the generator did not finish");
        Assert.True(generator.ExitCode == 0, errors);
    }

    [Fact]
    public void Every_modeled_case_has_the_kind_Classify_gives_its_code()
    {
        int cases = 0;
        foreach (string code in KnownModeledCodes())
        {
            byte[] body = Encoding.UTF8.GetBytes($"{{\"__type\":\"{code}\"}}");
            IOperationError[] errors =
            [
                .. GetActivityTask.ParseResponse(400, null, body).LeftToSeq(),
                .. SendTaskSuccess.ParseResponse(400, null, body).LeftToSeq(),
                .. SendTaskFailure.ParseResponse(400, null, body).LeftToSeq(),
                .. SendTaskHeartbeat.ParseResponse(400, null, body).LeftToSeq(),
                .. CreateActivity.ParseResponse(400, null, body).LeftToSeq(),
                .. DescribeActivity.ParseResponse(400, null, body).LeftToSeq(),
                .. DeleteActivity.ParseResponse(400, null, body).LeftToSeq(),
            ];
            foreach (IOperationError error in errors)
            {
                Assert.True(ErrorCodes.IsKnown(error.Code), error.Code);
                Assert.Equal(ErrorCodes.Classify(error.Code, null, 400), error.Kind);
                cases++;
            }
        }

        Assert.True(cases >= 30, $"{cases} cases checked");

        // The one exception the table names: ListActivities' InvalidToken is about its page token, not a task.
        var listInvalidToken = ListActivities.ParseResponse(400, null, "{\"__type\":\"InvalidToken\"}"u8).LeftToSeq().Single();
        Assert.Equal((ErrorKind.Rejected, ErrorKind.TaskEnded), (listInvalidToken.Kind, ErrorCodes.Classify("InvalidToken", null, 400)));
    }

    private static string[] KnownModeledCodes() =>
    [
        "ActivityDoesNotExist", "ActivityWorkerLimitExceeded", "InvalidArn", "KmsAccessDeniedException", "KmsInvalidStateException",
        "KmsThrottlingException", "InvalidOutput", "InvalidToken", "TaskDoesNotExist", "TaskTimedOut", "ActivityAlreadyExists",
        "ActivityLimitExceeded", "InvalidEncryptionConfiguration", "InvalidName", "TooManyTags",
    ];

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "ActivityCore.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new DirectoryNotFoundException("ActivityCore.sln not found above " + AppContext.BaseDirectory);
    }
}
