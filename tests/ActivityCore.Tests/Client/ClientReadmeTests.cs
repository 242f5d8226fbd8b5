using System;
using System.IO;
using ActivityCore.Tests.Readme;
using MyWorker;
using Xunit;

namespace ActivityCore.Tests.Client;

/// <summary>The client README section's sample is real code: compiled here, and kept identical to the README.</summary>
public class ClientReadmeTests
{
    [Fact]
    public void The_README_shows_the_client_sample_verbatim()
    {
        string readme = File.ReadAllText(ReadmeSampleTests.RepositoryFile("README.md")).ReplaceLineEndings("\n");
        Assert.Contains(ReadmeSampleTests.Region(ReadmeSampleTests.RepositoryFile("tests/ActivityCore.Tests/Client/ClientSample.cs")), readme, StringComparison.Ordinal);
    }

    [Fact]
    public void The_AWS_client_of_the_sample_resolves_the_regions_endpoint_without_calling_it()
    {
        using var client = ClientSample.ForAws("eu-west-1");
        Assert.Equal(new Uri("https://states.eu-west-1.amazonaws.com/"), client.Endpoint);
    }
}
