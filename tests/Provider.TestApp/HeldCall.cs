using Microsoft.Extensions.Logging;

namespace LoguStyle.TestApp;

/// <summary>What the stuck-direct and stuck-file modes do once their sinks are built: records, a call held for good, the end.</summary>
internal static class HeldCall
{
    /// <summary>
    /// Logs <c>record i</c> 1,000 times, runs <paramref name="arm"/> (what makes the stuck sink block from here on), then
    /// logs <c>held</c> on a thread whose call that sink never lets go; once <paramref name="entered"/> says it holds it,
    /// prints "stuck" and calls <c>Environment.Exit(3)</c> (<paramref name="exit"/>) or waits until a signal ends the process.
    /// </summary>
    public static int LogThenEnd(ILogger logger, ManualResetEventSlim entered, bool exit, Action? arm = null)
    {
        for (var i = 0; i < 1_000; i++)
        {
            logger.LogInformation("record {Index}", i);
        }

        arm?.Invoke();
        new Thread(() => logger.LogInformation("held")) { IsBackground = true }.Start();
        entered.Wait();
        Console.WriteLine("stuck");
        if (exit)
        {
            Environment.Exit(3);
        }

        // Until a signal ends the process.
        using var never = new ManualResetEventSlim();
        never.Wait();
        return 0;
    }
}
