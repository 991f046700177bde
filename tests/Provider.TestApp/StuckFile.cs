using LoguStyle.Files;
using Microsoft.Extensions.Logging;

namespace LoguStyle.TestApp;

/// <summary>
/// Mode <c>stuck-file &lt;folder&gt; exit|wait</c>: a direct file sink "stuck" (<c>stuck.log</c>) whose write never
/// returns and holds the file's lock, before a direct text file (<c>app.log</c>); then <c>Environment.Exit(3)</c> (exit)
/// or a wait for a signal (wait); ExitTimeout 2 s. Logs <c>record i</c> 1,000 times, then <c>held</c> on a thread, whose
/// write blocks inside the stuck file's lock; prints "stuck" once it does.
/// </summary>
/// <remarks>
/// The write blocks in the sink's rotation predicate, which the file calls under its lock before each record, as a write
/// blocked in the kernel (a hung NFS server) would: the exit's flush of that sink takes the same lock. A FIFO cannot stand
/// in for the stuck output (the sink does not open one: lseek fails with ESPIPE), and a write to a frozen filesystem
/// (fsfreeze) waits uninterruptibly, so the process could not end at all.
/// </remarks>
internal static class StuckFile
{
    public static int Run(string folder, bool exit)
    {
        using var hold = new ManualResetEventSlim();
        using var entered = new ManualResetEventSlim();
        using var never = new ManualResetEventSlim();
        var provider = new LoguStyleLoggerProvider(new LoguStyleLoggerOptions
        {
            Sinks =
            {
                // First: its flush, stuck, must not keep the exit from flushing the healthy file after it.
                new FileSinkOptions(Path.Combine(folder, "stuck.log"), "stuck")
                {
                    Format = "{message}",
                    Rotation = Rotation.When(_ =>
                    {
                        if (hold.IsSet)
                        {
                            entered.Set();
                            never.Wait();
                        }

                        return false;
                    }),
                },
                new FileSinkOptions(Path.Combine(folder, "app.log")) { Format = "{message}" },
            },
            ExitTimeout = TimeSpan.FromSeconds(2),
        });
        return HeldCall.LogThenEnd(provider.CreateLogger("TestApp"), entered, exit, arm: hold.Set);
    }
}
