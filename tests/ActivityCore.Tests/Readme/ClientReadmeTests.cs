using System;
using System.IO;
using MyWorker;
using Xunit;

namespace ActivityCore.Tests.Readme;

/// <summary>The client page's sample (docs/client.md) is real code: compiled here, and kept identical to the page.</summary>
public class ClientReadmeTests
{
    [Fact]
    public void The_client_page_shows_the_client_sample_verbatim()
    {
        string page = File.ReadAllText(ReadmeSampleTests.RepositoryFile("docs/client.md")).ReplaceLineEndings("\n");
        Assert.Contains(ReadmeSampleTests.Region(ReadmeSampleTests.RepositoryFile("tests/ActivityCore.Tests/Readme/ClientSample.cs")), page, StringComparison.Ordinal);
    }

    [Fact]
    public void The_AWS_client_of_the_sample_resolves_the_regions_endpoint_without_calling_it()
    {
        using var client = ClientSample.ForAws("eu-west-1");
        Assert.Equal(new Uri("https://states.eu-west-1.amazonaws.com/"), client.Endpoint);
    }
}
