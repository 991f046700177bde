using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace LoguStyle.Pipeline;

/// <summary>
/// Lets a stack walk (<c>CallerInfo: StackTrace</c>) name the member that called <c>Catch</c> for the record Catch writes.
/// Catch logs from an exception filter, before the stack unwinds, so the first frames of the app below the filter are
/// the code that threw (the delegate and what it called), not Catch's caller. Each Catch runs its delegate through
/// <see cref="Run"/>, a frame the walk can recognise, and counts the Run frames on the thread: Catch number
/// <c>depth</c> (from the bottom) finds its own Run frame as the (<c>running - depth + 1</c>)-th from the top, since the
/// Catch calls between it and the throw are still on the stack in the filter. The frame after it is Catch's caller.
/// </summary>
internal static class CatchFrames
{
    /// <summary>The depth a CatchAsync passes when its task faulted after an await: its caller is not on the stack.</summary>
    internal const int OffStack = 0;

    private static readonly string RunType = typeof(CatchFrames).FullName!;

    // Run frames in their delegate on this thread. Decremented in Run's finally, which runs in the second pass, so in a
    // filter every Run frame still on the stack is counted, and none that was unwound.
    [ThreadStatic]
    private static int t_running;

    // The Catch record being logged on this thread, if any.
    [ThreadStatic]
    private static CatchLogging? t_logging;

    /// <summary>The depth a Catch entered now gets (pass it to <see cref="Enter"/> from its filter).</summary>
    internal static int NextDepth => t_running + 1;

    /// <summary>Runs <paramref name="action"/> in a frame of its own, counted.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    internal static void Run(Action action)
    {
        t_running++;
        try
        {
            action();
        }
        finally
        {
            t_running--;
        }
    }

    /// <summary>Runs <paramref name="func"/> in a frame of its own, counted.</summary>
    /// <typeparam name="T">What it returns.</typeparam>
    [MethodImpl(MethodImplOptions.NoInlining)]
    internal static T Run<T>(Func<T> func)
    {
        t_running++;
        try
        {
            return func();
        }
        finally
        {
            t_running--;
        }
    }

    /// <summary>
    /// Marks the thread as logging <paramref name="exception"/> for the Catch of <paramref name="depth"/> called by
    /// <paramref name="caller"/> (<see cref="OffStack"/>: not on this stack); pass what it returns to <see cref="Exit"/>
    /// once logged (a Catch inside the logging call, in a sink say, then puts back the outer one).
    /// </summary>
    internal static CatchLogging? Enter(Exception exception, string caller, int depth)
    {
        var previous = t_logging;
        t_logging = new CatchLogging(exception, caller, depth == OffStack ? -1 : t_running - depth + 1, StackTextOf(exception));
        return previous;
    }

    /// <summary>
    /// The exception's stack text as it is now, or null when reading it throws (an override of StackTrace): Catch may run
    /// inside an exception filter, where a throw is discarded and the filter taken as false, so the exception would pass
    /// Catch by, unlogged.
    /// </summary>
    private static string? StackTextOf(Exception exception)
    {
        try
        {
            return exception.StackTrace;
        }
#pragma warning disable CA1031 // Any failure of a user's override means "no stack text", never a throw out of Catch.
        catch (Exception)
#pragma warning restore CA1031
        {
            return null;
        }
    }

    /// <summary>Puts back what <see cref="Enter"/> replaced.</summary>
    internal static void Exit(CatchLogging? previous) => t_logging = previous;

    /// <summary>
    /// The Catch record being logged on this thread when <paramref name="record"/> is it (its exception is the one Catch
    /// logs; a record logged from inside that call, by a sink say, is not); null otherwise.
    /// </summary>
    internal static CatchLogging? For(LogRecord record) =>
        t_logging is { } logging && record.Exception is { } exception && ReferenceEquals(logging.Exception, exception) ? logging : null;

    /// <summary>True for the frame of <see cref="Run"/>.</summary>
    internal static bool IsRun(DiagnosticMethodInfo method) =>
        method.Name == nameof(Run) && method.DeclaringTypeName == RunType;
}
