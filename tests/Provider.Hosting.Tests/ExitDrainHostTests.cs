using LoguStyle.Hosting.Tests.Support;
using LoguStyle.Pipeline;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace LoguStyle.Hosting.Tests;

/// <summary>
/// In a host, the host's lifetime handles SIGTERM and SIGINT (a graceful stop whose hosted service flushes), so the
/// provider's own SIGTERM and SIGINT drain stands down once the host starts; ProcessExit (Environment.Exit while the host
/// runs) and SIGHUP (the terminal closed), which the host's lifetime does not handle, and an unhandled exception are
/// still its. (That SIGTERM, SIGHUP and Environment.Exit drain, with and without a host, is shown by real processes:
/// SignalTests.)
/// </summary>
public class ExitDrainHostTests
{
    [Fact]
    public async Task HostStarts_ItsLifetimeTakesOverTheSignals_ProcessExitAndTheUnhandledExceptionStayWithTheProvider()
    {
        using var test = new TestHost("{}");
        using var host = test.Builder.Build();
        var provider = host.Services.GetRequiredService<LoguStyleLoggerProvider>();
        Assert.Equal((true, true), ExitDrain.Process.Handles(provider));

        await host.StartAsync();
        Assert.Equal((false, true), ExitDrain.Process.Handles(provider));
        Assert.True(ExitDrain.Process.DrainsOnProcessExit(provider));

        await host.StopAsync();
        host.Dispose();
        Assert.Equal((false, false), ExitDrain.Process.Handles(provider));
        Assert.False(ExitDrain.Process.DrainsOnProcessExit(provider));
    }

    [Theory]
    [InlineData("", true)]
    [InlineData(""" "DrainOnExit": false, """, false)]
    public async Task Configuration_DrainOnExit_IsBound_OnByDefault(string key, bool expected)
    {
        using var test = new TestHost($$"""{ {{key}} "LogUnhandledExceptions": false, "Sinks": { "errors": { "Type": "Console", "Stream": "Stderr", "Level": "Error" } } }""");
        using var host = test.Builder.Build();
        var provider = host.Services.GetRequiredService<LoguStyleLoggerProvider>();

        Assert.Equal(expected, host.Services.GetRequiredService<IOptions<LoguStyleLoggerOptions>>().Value.DrainOnExit);
        Assert.Equal((expected, expected), ExitDrain.Process.Handles(provider));
    }
}
