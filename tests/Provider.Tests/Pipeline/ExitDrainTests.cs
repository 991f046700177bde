using System.Runtime.InteropServices;
using LoguStyle.Pipeline;
using Xunit.Abstractions;

namespace LoguStyle.Tests.Pipeline;

public class ExitDrainTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData("worker-7")]
    [InlineData(null)]
    public void LogUnhandled_ThePropertyIsNamedForWhatItHolds_TheThreadsNameOrElseItsId(string? threadName)
    {
        var written = new List<(string Message, KeyValuePair<string, object?>[] Properties)>();
        using var provider = new LoguStyleLoggerProvider(new LoguStyleLoggerOptions
        {
            Sinks = { new DelegateSinkOptions("kept", record => written.Add((record.Message, record.Properties.ToArray()))) },
        });
        var threadId = 0;
        var thread = new Thread(() =>
        {
            threadId = Environment.CurrentManagedThreadId;
            ExitDrain.LogUnhandled(provider, new InvalidOperationException("dies here"));
        }) { Name = threadName };
        thread.Start();
        Assert.True(thread.Join(TimeSpan.FromSeconds(30)));

        var (message, properties) = Assert.Single(written);
        var property = Assert.Single(properties, p => p.Key != "{OriginalFormat}");
        if (threadName is null)
        {
            Assert.Equal($"Unhandled exception on thread {threadId}; the process is ending", message);
            Assert.Equal(new KeyValuePair<string, object?>("ThreadId", threadId), property);
        }
        else
        {
            Assert.Equal("Unhandled exception on thread worker-7; the process is ending", message);
            Assert.Equal(new KeyValuePair<string, object?>("ThreadName", "worker-7"), property);
        }
    }

    [Fact]
    public async Task ManyProviders_TheRuntimeHoldsOneHandlerOfEachKind_AndDisposedProvidersLeaveThem()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        var providers = Enumerable.Range(0, 50).Select(_ => new LoguStyleLoggerProvider(new LoguStyleLoggerOptions())).ToList();
        try
        {
            output.WriteLine($"ProcessExit {RuntimeExitHandlers.ProcessExit}, UnhandledException {RuntimeExitHandlers.UnhandledException}, SIGTERM {RuntimeExitHandlers.Signals(PosixSignal.SIGTERM)}, SIGINT {RuntimeExitHandlers.Signals(PosixSignal.SIGINT)}, SIGHUP {RuntimeExitHandlers.Signals(PosixSignal.SIGHUP)}");

            // Other tests build providers beside this one: still one handler each, however many providers live.
            Assert.Equal(1, RuntimeExitHandlers.ProcessExit);
            Assert.Equal(1, RuntimeExitHandlers.UnhandledException);
            Assert.Equal(1, RuntimeExitHandlers.Signals(PosixSignal.SIGTERM));
            Assert.Equal(1, RuntimeExitHandlers.Signals(PosixSignal.SIGINT));
            Assert.Equal(1, RuntimeExitHandlers.Signals(PosixSignal.SIGHUP));
            Assert.All(providers, provider => Assert.Equal((true, true), ExitDrain.Process.Handles(provider)));
        }
        finally
        {
            foreach (var provider in providers)
            {
                await provider.DisposeAsync();
            }
        }

        Assert.All(providers, provider => Assert.Equal((false, false), ExitDrain.Process.Handles(provider)));
        Assert.InRange(RuntimeExitHandlers.ProcessExit, 0, 1);
        Assert.InRange(RuntimeExitHandlers.UnhandledException, 0, 1);
    }

    [Theory]
    [InlineData(true, true, true, true)]
    [InlineData(true, false, true, true)]
    [InlineData(false, true, false, true)]
    [InlineData(false, false, false, false)]
    public void Options_ChooseWhatTheProviderDrainsOn(bool drainOnExit, bool logUnhandled, bool onExit, bool onCrash)
    {
        using var provider = new LoguStyleLoggerProvider(new LoguStyleLoggerOptions { DrainOnExit = drainOnExit, LogUnhandledExceptions = logUnhandled });
        Assert.Equal((onExit, onCrash), ExitDrain.Process.Handles(provider));
    }

    [Fact]
    public void Reconfigure_TurningDrainOnExitOffAndOn_LeavesAndRejoins()
    {
        using var provider = new LoguStyleLoggerProvider(new LoguStyleLoggerOptions());
        provider.Reconfigure(new LoguStyleLoggerOptions { DrainOnExit = false, LogUnhandledExceptions = false });
        Assert.Equal((false, false), ExitDrain.Process.Handles(provider));

        provider.Reconfigure(new LoguStyleLoggerOptions());
        Assert.Equal((true, true), ExitDrain.Process.Handles(provider));
    }
}
