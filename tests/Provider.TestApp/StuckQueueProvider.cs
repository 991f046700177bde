namespace LoguStyle.TestApp;

/// <summary>
/// A provider with one enqueued delegate sink "stuck" in <c>Wait</c> mode whose first application record never returns
/// (the exit modes' stuck queue); ExitTimeout 1 s.
/// </summary>
internal static class StuckQueueProvider
{
    /// <summary>
    /// The provider; <paramref name="entered"/> is set when the sink holds a record of category "TestApp", and it holds
    /// it until <paramref name="release"/> is set (never, in the exit modes). With <paramref name="enqueue"/> false the
    /// sink is direct: the logging call itself is held.
    /// </summary>
    public static LoguStyleLoggerProvider Create(int capacity, ManualResetEventSlim entered, ManualResetEventSlim release, bool enqueue = true) => new(new LoguStyleLoggerOptions
    {
        Sinks =
        {
            new DelegateSinkOptions("stuck", record =>
            {
                // The application's records only: the queue's own reports pass.
                if (record.Category == "TestApp")
                {
                    entered.Set();
                    release.Wait();
                }
            })
            {
                Enqueue = enqueue,
                QueueCapacity = capacity,
                QueueFullMode = QueueFullMode.Wait,
            },
        },
        ExitTimeout = TimeSpan.FromSeconds(1),
    });
}
