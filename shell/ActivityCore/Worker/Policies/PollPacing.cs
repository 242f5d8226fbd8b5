using System;
using LanguageExt;

namespace ActivityCore.Worker.Policies;

/// <summary>
/// The pause after an empty poll answered at once, pure: the random number and the measured time are parameters.
/// </summary>
/// <remarks>
/// The service holds an empty poll up to 60 s and answers it empty only when that time is over, so an empty answer that
/// comes back within <see cref="InstantThreshold"/> (100 ms, 600 times faster) comes from a server that does not hold
/// polls: an emulator, a proxy, a local endpoint with a zero hold time. Polling it again at once is a tight loop (about
/// 3,000 polls/s against <c>LocalStepFunctions</c>), so such an answer is followed by a pause drawn uniformly in
/// [<see cref="MinPause"/>, <see cref="MaxPause"/>) = [200 ms, 400 ms): each poller then polls such a server at most
/// 5 times a second, a task enqueued there waits at most about 0.4 s more, and the jitter keeps the pollers apart.
/// An empty answer that took longer (a held poll, a slow link) is followed by the next poll at once, as against the
/// service. A task or a failed poll is never paced here (failed polls back off: <see cref="PollBackoff"/>).
/// </remarks>
internal static class PollPacing
{
    /// <summary>An empty answer faster than this (100 ms) is instant: the service never answers an empty poll so fast.</summary>
    public static readonly TimeSpan InstantThreshold = TimeSpan.FromMilliseconds(100);

    /// <summary>The shortest pause after an instant empty answer: 200 ms.</summary>
    public static readonly TimeSpan MinPause = TimeSpan.FromMilliseconds(200);

    /// <summary>The bound of the pause after an instant empty answer (never reached): 400 ms.</summary>
    public static readonly TimeSpan MaxPause = TimeSpan.FromMilliseconds(400);

    /// <summary>The pause before the next poll after an empty answer.</summary>
    /// <param name="answeredIn">How long the empty poll took, from its start to its answer (a negative reading counts as instant).</param>
    /// <param name="random01">A number in [0, 1) for the jitter; values outside are clamped, NaN is 0.</param>
    /// <returns>A pause in [<see cref="MinPause"/>, <see cref="MaxPause"/>) after an instant answer; none otherwise.</returns>
    public static Option<TimeSpan> AfterEmptyPoll(TimeSpan answeredIn, double random01)
    {
        if (answeredIn >= InstantThreshold)
        {
            return Option<TimeSpan>.None;
        }

        double r = double.IsNaN(random01) ? 0 : Math.Clamp(random01, 0, Math.BitDecrement(1.0));
        long jitter = (long)Math.Floor((MaxPause - MinPause).Ticks * r); // floored: the bound is never reached
        return Option<TimeSpan>.Some(MinPause + TimeSpan.FromTicks(jitter));
    }
}
