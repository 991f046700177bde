using System.Diagnostics;

namespace LoguStyle.Files.Shared;

/// <summary>
/// A point inside an append where a test can look at the file: after a write that ran out of room part way and before
/// the part written is cut off again, the moment at which a process that ends leaves a record cut short at the file's end.
/// </summary>
/// <remarks>
/// Debug builds only (the tests run Debug), like <c>RotationSteps</c>: <see cref="PartWritten"/> is
/// <c>[Conditional("DEBUG")]</c>. Per flow (an <see cref="AsyncLocal{T}"/>): only the appends of the thread that set it
/// call it.
/// </remarks>
internal static class AppendSteps
{
#if DEBUG
    private static readonly AsyncLocal<Action<string>?> Current = new();

    /// <summary>Called on this flow, with the file's path, after a write wrote part of its bytes and failed.</summary>
    internal static Action<string>? AfterPartWritten
    {
        get => Current.Value;
        set => Current.Value = value;
    }
#endif

    [Conditional("DEBUG")]
    public static void PartWritten(string path)
    {
#if DEBUG
        Current.Value?.Invoke(path);
#endif
    }
}
