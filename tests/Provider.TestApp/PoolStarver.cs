namespace LoguStyle.TestApp;

/// <summary>
/// Starves the thread pool for good, as a loaded or deadlocked application can: the pool may have one thread a core and
/// no more, and each is held, so no work item queued from here on runs (nor a socket's async completion, which runs on
/// the pool). For modes that check that an exit needs no pool thread.
/// </summary>
internal static class PoolStarver
{
    // Never set: what the held threads wait for.
    private static readonly ManualResetEventSlim Never = new();

    /// <summary>Caps the pool and holds every thread it has; false (with the reason on stderr) when it could not within 30 s.</summary>
    public static bool Starve()
    {
        ThreadPool.SetMinThreads(1, 1);
        if (!ThreadPool.SetMaxThreads(Environment.ProcessorCount, Environment.ProcessorCount))
        {
            Console.Error.WriteLine("the pool could not be capped");
            return false;
        }

        // More holders than threads, queued ahead of anything queued later: a thread the pool still has beyond its cap,
        // or one it adds, takes a holder first.
        var held = 0;
        for (var i = 0; i < 64; i++)
        {
            ThreadPool.UnsafeQueueUserWorkItem(_ =>
            {
                Interlocked.Increment(ref held);
                Never.Wait();
            }, null);
        }

        if (!SpinWait.SpinUntil(() => Volatile.Read(ref held) >= Environment.ProcessorCount, TimeSpan.FromSeconds(30)))
        {
            Console.Error.WriteLine("the pool's threads were not all held within 30 s");
            return false;
        }

        return true;
    }
}
