using System;
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
/// <summary>An input whose constructor validates, as many domain types do, quoting the value in its exception.</summary>
internal sealed record Card
{
    /// <summary>Takes a 16-character number, or throws an exception quoting what it got.</summary>
    /// <param name="number">The number.</param>
    [JsonConstructor]
    public Card(string number) =>
        Number = number.Length == 16 ? number : throw new ArgumentException("not a card number: " + number, nameof(number));

    /// <summary>The number.</summary>
    public string Number { get; }
}

/// <summary>An output read lazily when serialised (as a query over a scoped DbContext would be).</summary>
/// <param name="status">Computes the status when it is read.</param>
internal sealed class LazyReceipt(Func<string> status)
{
    /// <summary>The status, computed now.</summary>
    public string Status => status();
}

[JsonSerializable(typeof(Order))]
[JsonSerializable(typeof(Card))]
[JsonSerializable(typeof(LazyReceipt))]
[JsonSerializable(typeof(Receipt))]
[JsonSerializable(typeof(Blob))]
[JsonSerializable(typeof(Node))]
[JsonSerializable(typeof(int?))]
internal sealed partial class TestJson : JsonSerializerContext;
