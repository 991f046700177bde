using LoguStyle.SideBySide.Providers;
using Microsoft.Extensions.Logging;
using ZLogger;

namespace LoguStyle.SideBySide.Tests;

/// <summary>
/// The LoggerMessage scenario's call: ZLogger through its own generator ([ZLoggerMessage], whose state ZLogger formats
/// without MEL's formatter), every other setup through MEL's [LoggerMessage].
/// </summary>
public sealed class GeneratedCallTests
{
    [Fact]
    public void LogGenerated_ZLogger_HandsItsLoggerZLoggersOwnState()
    {
        var logger = new StateRecorder();

        ProviderList.Find("zlogger-file").LogGenerated(logger, 7);

        Assert.IsAssignableFrom<IZLoggerFormattable>(logger.State);
        Assert.Equal("User 7 bought 3 items for 29.97", logger.Message);
    }

    [Theory]
    [InlineData("logustyle-direct")]
    [InlineData("logustyle-enqueued")]
    [InlineData("serilog-file")]
    [InlineData("serilog-async-file")]
    [InlineData("nlog-file")]
    [InlineData("nlog-async-block")]
    [InlineData("mel-console")]
    public void LogGenerated_EveryOtherSetup_GoesThroughMelsLoggerMessage(string setup)
    {
        var logger = new StateRecorder();

        ProviderList.Find(setup).LogGenerated(logger, 7);

        Assert.IsNotAssignableFrom<IZLoggerFormattable>(logger.State);
        Assert.Equal(new EventId(1), logger.EventId);
        Assert.Equal("User 7 bought 3 items for 29.97", logger.Message);
    }

    private sealed class StateRecorder : ILogger
    {
        public object? State { get; private set; }

        public EventId EventId { get; private set; }

        public string? Message { get; private set; }

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            (State, EventId, Message) = (state, eventId, formatter(state, exception));
        }
    }
}
