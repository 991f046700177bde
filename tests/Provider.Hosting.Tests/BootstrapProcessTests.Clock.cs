using System.Globalization;
using System.Text.Json;

namespace LoguStyle.Hosting.Tests;

/// <summary>
/// docs/configuration.md, "The hand-over": the host's <see cref="TimeProvider"/> is not used, the adopted provider keeps
/// the system clock. A real process (BootstrapApp's <c>clock</c> mode) registers a clock that says 2001 in the host.
/// </summary>
public sealed partial class BootstrapProcessTests
{
    [Fact]
    public async Task HandOver_HostsTimeProvider_IsNotUsed_EveryRecordKeepsTheSystemClock()
    {
        WriteSettings("plain");
        var before = DateTimeOffset.UtcNow;

        var run = await Run("clock");

        var after = DateTimeOffset.UtcNow;
        Assert.True(run.ExitCode == 0, $"exit code {run.ExitCode}; stderr: {run.StandardError}");
        var times = File.ReadAllLines(_folder.File("app.log")).Where(line => line.Length > 0).Select(line =>
        {
            using var record = JsonDocument.Parse(line);
            return (Message: record.RootElement.GetProperty("message").GetString(),
                Time: DateTimeOffset.Parse(record.RootElement.GetProperty("time").GetString()!, CultureInfo.InvariantCulture));
        }).ToList();
        Assert.Equal(["bootstrap before build", "host record", "bootstrap while the host runs", "bootstrap after the host"], times.Select(t => t.Message));

        // The system clock's time: within the run (a second of slack for rounding and clock reads), nowhere near 2001.
        Assert.All(times, t => Assert.InRange(t.Time, before.AddSeconds(-1), after.AddSeconds(1)));
    }
}
