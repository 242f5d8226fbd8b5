using System.Text.Json.Serialization;

namespace ActivityCore.Tests.Shell.Worker;

/// <summary>An order, the typed workers' input in the tests.</summary>
internal sealed record Order(int Id, string Item);

/// <summary>A receipt, their output.</summary>
internal sealed record Receipt(int Id, string Status);

/// <summary>An output as large as a test wants.</summary>
internal sealed record Blob(string Data);

/// <summary>A node that can point at itself: an output the serializer refuses (a cycle).</summary>
internal sealed class Node
{
    public Node? Next { get; set; }
}

/// <summary>The source-generated (trim- and AOT-safe) metadata of the tests' typed workers.</summary>
[JsonSerializable(typeof(Order))]
[JsonSerializable(typeof(Receipt))]
[JsonSerializable(typeof(Blob))]
[JsonSerializable(typeof(Node))]
[JsonSerializable(typeof(int?))]
internal sealed partial class TestJson : JsonSerializerContext;
