namespace LoguStyle.Pipeline;

/// <summary>
/// Work the exit runs on a new background thread, not a pool thread: at exit the pool may be starved (a starved pool is
/// when exits hang), and a work item queued to it would wait for a thread before it could start. Background, so a work
/// that never returns does not keep the process alive.
/// </summary>
internal static class ThreadOfItsOwn
{
    /// <summary>
    /// Starts <paramref name="work"/> on a thread named <paramref name="name"/>; the task completes when it returns, or
    /// faults with what it threw. Its continuations run on that thread as it ends, not on the pool, which may be starved.
    /// </summary>
    public static Task Run(Action work, string name)
    {
        var done = new TaskCompletionSource();
        var thread = new Thread(() =>
        {
            try
            {
                work();
                done.SetResult();
            }
#pragma warning disable CA1031 // Handed to the task, as an async method's failure would be.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                done.SetException(ex);
            }
        })
        {
            IsBackground = true,
            Name = name,
        };
        thread.Start();
        return done.Task;
    }
}
