using System;
using System.Diagnostics.CodeAnalysis;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using LanguageExt;
using static LanguageExt.Prelude;

namespace ActivityCore.Worker;

/// <summary>
/// A typed worker's (de)serialisation with System.Text.Json through <see cref="JsonTypeInfo{T}"/>: the input to a
/// <c>TInput</c> or a failure <see cref="WorkerErrorCodes.InvalidInput"/>, the output to a <see cref="TaskOutput"/> or a
/// failure <see cref="WorkerErrorCodes.InvalidOutput"/>. Never throws for what the serializer refuses; no cause quotes
/// the input or the output.
/// </summary>
internal static class TypedJson
{
    /// <summary>
    /// Deserialises a task's input. A <see cref="JsonException"/> (malformed JSON, a value of the wrong type), a
    /// <see cref="NotSupportedException"/>, or any exception the type's own constructor or setters throw is a failure
    /// <see cref="WorkerErrorCodes.InvalidInput"/> whose cause names the type and the position (line and byte, 1-based)
    /// or the exception's type, never the text or an exception's message: not even the JSON path, whose property names
    /// and dictionary keys come from the input. <c>null</c> is refused for a reference type (allowed for a
    /// <see cref="Nullable{T}"/>).
    /// </summary>
    /// <typeparam name="TInput">The handler's input type.</typeparam>
    /// <param name="input">The task's input.</param>
    /// <param name="typeInfo">How to read it.</param>
    /// <returns>The value (in a box: an <c>Either</c> holds no null, and a nullable input may be null), or the failure to report.</returns>
    public static Either<TaskFailure, Deserialised<TInput>> ReadInput<TInput>(TaskInput input, JsonTypeInfo<TInput> typeInfo)
    {
        string type = TypeName(typeInfo.Type);
        TInput? value;
        try
        {
            value = JsonSerializer.Deserialize(input.Json, typeInfo);
        }
        catch (JsonException e)
        {
            return Left(InvalidInput($"The task's input is not a valid {type}: the JSON is malformed or a value has the wrong type, at {Position(e)}. The input is not quoted."));
        }
        catch (NotSupportedException)
        {
            return Left(InvalidInput($"The task's input cannot be read as a {type}: the serializer does not support it (NotSupportedException)."));
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // The type's own code threw while being built (a validating constructor or setter, a null where the
            // constructor wants a value): its message may quote the input, so only the exception's type is named.
            return Left(InvalidInput($"The task's input could not be made into a {type}: its constructor or a setter threw {e.GetType().Name}. The input and the message are not quoted."));
        }

        return value is null && Nullable.GetUnderlyingType(typeof(TInput)) is null
            ? Left(InvalidInput($"The task's input is null, which is not a valid {type} (use a nullable value type or a wrapper to accept null)."))
            : Right(new Deserialised<TInput>(value!));
    }

    /// <summary>
    /// Serialises a handler's output: a failure <see cref="WorkerErrorCodes.InvalidOutput"/> when the serializer refuses
    /// it (<see cref="NotSupportedException"/>, <see cref="InvalidOperationException"/>, <see cref="JsonException"/>,
    /// <see cref="ArgumentException"/>, e.g. a cycle or invalid UTF-16) or when it is over
    /// <see cref="TaskOutput.MaxUtf8Bytes"/> UTF-8 bytes. The cause names the type and the size, never the output.
    /// </summary>
    /// <typeparam name="TOutput">The handler's output type.</typeparam>
    /// <param name="output">The output.</param>
    /// <param name="typeInfo">How to write it.</param>
    /// <returns>The output to report, or the failure to report instead.</returns>
    public static Either<TaskFailure, TaskOutput> WriteOutput<TOutput>(TOutput output, JsonTypeInfo<TOutput> typeInfo)
    {
        string type = TypeName(typeInfo.Type);
        byte[] utf8;
        try
        {
            utf8 = JsonSerializer.SerializeToUtf8Bytes(output, typeInfo);
        }
        catch (Exception e) when (e is NotSupportedException or InvalidOperationException or JsonException or ArgumentException)
        {
            return Left(InvalidOutput($"The handler's output ({type}) does not serialise to JSON ({e.GetType().Name})."));
        }

        if (utf8.Length > TaskOutput.MaxUtf8Bytes)
        {
            return Left(InvalidOutput($"The handler's output ({type}) is {utf8.Length:N0} UTF-8 bytes, over the {TaskOutput.MaxUtf8Bytes:N0} the service accepts."));
        }

        return TaskOutput.Parse(Encoding.UTF8.GetString(utf8))
            .MapLeft(e => InvalidOutput($"The handler's output ({type}) is not a valid output: {e.Message}"));
    }

    /// <summary>The warning of every typed overload that reads and writes with reflection.</summary>
    public const string ReflectionWarning =
        "Reads and writes TInput and TOutput with reflection-based System.Text.Json: use the overload taking JsonTypeInfo<T> (a source-generated JsonSerializerContext) for trimming and native AOT.";

    /// <summary>
    /// The reflection-based (de)serialisation of a typed worker: a read-only copy of <paramref name="serializerOptions"/>
    /// (<see cref="JsonSerializerOptions.Web"/> when null), with the default resolver when it has none.
    /// </summary>
    /// <typeparam name="TInput">The handler's input type.</typeparam>
    /// <typeparam name="TOutput">The handler's output type.</typeparam>
    /// <param name="serializerOptions">The caller's options, or null.</param>
    /// <returns>How to read the input and write the output.</returns>
    [RequiresUnreferencedCode(ReflectionWarning)]
    [RequiresDynamicCode(ReflectionWarning)]
    public static (JsonTypeInfo<TInput> Input, JsonTypeInfo<TOutput> Output) ByReflection<TInput, TOutput>(JsonSerializerOptions? serializerOptions)
    {
        var json = new JsonSerializerOptions(serializerOptions ?? JsonSerializerOptions.Web);
        json.TypeInfoResolver ??= new DefaultJsonTypeInfoResolver();
        json.MakeReadOnly();
        return ((JsonTypeInfo<TInput>)json.GetTypeInfo(typeof(TInput)), (JsonTypeInfo<TOutput>)json.GetTypeInfo(typeof(TOutput)));
    }

    private static string Position(JsonException e) =>
        e.LineNumber is { } line && e.BytePositionInLine is { } position
            ? $"line {line + 1}, byte {position + 1} of the line"
            : "an unknown position";

    /// <summary>A type's name as C# writes it (<c>List&lt;Order&gt;</c>), without its namespace.</summary>
    private static string TypeName(Type type)
    {
        if (!type.IsGenericType)
        {
            return type.Name;
        }

        string name = type.Name;
        int tick = name.IndexOf('`', StringComparison.Ordinal);
        var arguments = System.Array.ConvertAll(type.GetGenericArguments(), TypeName);
        return (tick < 0 ? name : name[..tick]) + "<" + string.Join(", ", arguments) + ">";
    }

    private static TaskFailure InvalidInput(string cause) => TaskFailure.Bounded(WorkerErrorCodes.InvalidInput, cause);

    private static TaskFailure InvalidOutput(string cause) => TaskFailure.Bounded(WorkerErrorCodes.InvalidOutput, cause);
}

/// <summary>A deserialised input, boxed so that an <c>Either</c> can hold a null one (a <see cref="Nullable{T}"/> input).</summary>
/// <typeparam name="T">The input's type.</typeparam>
/// <param name="Value">The input.</param>
internal readonly record struct Deserialised<T>(T Value);
