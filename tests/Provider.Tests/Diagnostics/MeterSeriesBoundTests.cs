using LoguStyle.Sinks;
using LoguStyle.Testing;
using Microsoft.Extensions.Logging;

namespace LoguStyle.Tests.Diagnostics;

/// <summary>The meter keeps the series of the last 4,096 disposed providers, so a process that disposes providers in a loop does not grow without bound.</summary>
[Collection(RunsAlone.Name)]
public sealed class MeterSeriesBoundTests
{
    [Fact]
    public async Task Dispose_4096MoreProvidersDisposedAfterIt_ItsSeriesIsLetGo_TheListStaysBounded()
    {
        var sink = "bounded-" + Guid.NewGuid().ToString("N");
        var provider = new LoguStyleLoggerProvider(new LoguStyleLoggerOptions { Sinks = { new DelegateSinkOptions(sink, _ => { }) } });
        var logger = provider.CreateLogger("c");
        for (var i = 0; i < 10; i++)
        {
            logger.LogInformation("r{I}", i);
        }

        await provider.DisposeAsync();
        using (var polledAfterDispose = new SinkMeter())
        {
            Assert.Equal(10, polledAfterDispose.Read("logustyle.records.written", sink));
        }

        for (var i = 0; i < 4_095; i++)
        {
            await new LoguStyleLoggerProvider(new LoguStyleLoggerOptions { Sinks = { new DelegateSinkOptions("other", _ => { }) } }).DisposeAsync();
        }

        using (var polledAfter4095 = new SinkMeter())
        {
            Assert.Equal(10, polledAfter4095.Read("logustyle.records.written", sink));
        }

        await new LoguStyleLoggerProvider(new LoguStyleLoggerOptions { Sinks = { new DelegateSinkOptions("other", _ => { }) } }).DisposeAsync();
        using var polledAfter4096 = new SinkMeter();
        Assert.Equal(0, polledAfter4096.Read("logustyle.records.written", sink));
    }
}
