namespace ActivityCore;

/// <summary>A task handed to this worker by GetActivityTask: its token and its JSON input.</summary>
/// <remarks>Both parts are sensitive; <see cref="ToString"/> prints neither. Immutable and thread-safe.</remarks>
/// <param name="Token">The token to quote when reporting on the task.</param>
/// <param name="Input">The task's JSON input.</param>
public sealed record ActivityTask(TaskToken Token, TaskInput Input)
{
    /// <summary>Returns <c>ActivityTask(TaskToken(redacted...), TaskInput(redacted...))</c>.</summary>
    /// <returns>A redacted description.</returns>
    public override string ToString() => $"ActivityTask({Token}, {Input})";
}
