using System.Diagnostics;

namespace LoguStyle.Files;

/// <summary>
/// A point inside a rotation where a test can hold the rotating thread: after the active file was flushed and before
/// it is renamed, the moment when the file at the active path holds everything written to it and is already closing.
/// </summary>
/// <remarks>
/// Debug builds only (the tests run Debug), like the queue's <c>QueueSteps</c>: <see cref="Step"/> is
/// <c>[Conditional("DEBUG")]</c>, so a Release build has neither the call nor the look-up. Per flow (an
/// <see cref="AsyncLocal{T}"/>): only the rotations of the thread that set it stop.
/// </remarks>
internal static class RotationSteps
{
#if DEBUG
    private static readonly AsyncLocal<Action<RotatingFile>?> Current = new();

    /// <summary>Called on this flow, with the file, after a rotation flushed it and before it renames it.</summary>
    internal static Action<RotatingFile>? BeforeRename
    {
        get => Current.Value;
        set => Current.Value = value;
    }
#endif

    [Conditional("DEBUG")]
    public static void Step(RotatingFile file)
    {
#if DEBUG
        Current.Value?.Invoke(file);
#endif
    }
}
