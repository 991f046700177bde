using LoguStyle.Hosting.Bootstrap;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LoguStyle;

/// <summary>
/// A logger for the first lines of <c>Main</c>, before the host exists (from <see cref="LoguStyleBootstrap.CreateLogger(string[])"/>).
/// It writes to the sinks of the <c>Logging:LoguStyle</c> section (and of code), filtered by <c>Logging:LogLevel</c>. When
/// the host is built, <c>AddLoguStyle</c> adopts its provider: the host's sinks replace the bootstrap sinks in one
/// hand-over, sharing every file both write (it is never opened twice; no record is lost or written twice), and this
/// logger goes on writing to the host's sinks, also after the host is disposed (its <c>catch</c> and <c>finally</c>).
/// Dispose it last, in <c>finally</c>: that drains, flushes and closes the sinks.
/// </summary>
/// <remarks>
/// Until a host starts, the process's exit handlers drain it: on an unhandled exception (written as one Critical record
/// first), on <c>Environment.Exit</c> or the end of <c>Main</c>, and on SIGTERM, SIGINT and SIGHUP. While the host runs, the host's
/// lifetime handles SIGTERM and SIGINT; after the host is disposed, the exit handlers drain it again.
/// </remarks>
public sealed class BootstrapLogger : ILogger, IDisposable, IAsyncDisposable
{
    /// <summary>
    /// The category of the logger <see cref="LoguStyleBootstrap.CreateLogger(string[])"/> returns: the category
    /// <c>ILogger&lt;Program&gt;</c> has in an app of top-level statements, so the bootstrap records and the host's
    /// <c>Program</c> records are filtered by the same <c>Logging:LogLevel:Program</c> key. Internal: users name it as text
    /// in configuration (docs/configuration.md says it), and a public const would be compiled into their code.
    /// </summary>
    internal const string DefaultCategory = "Program";

    private static readonly Action<ILogger, string, Exception?> ConfigurationProblem = LoggerMessage.Define<string>(
        LogLevel.Error, new EventId(1, "ConfigurationProblem"), "{Problem} (the host will refuse to start until it is fixed)");

    private static readonly Action<ILogger, string, Exception?> ConfigurationWarning = LoggerMessage.Define<string>(
        LogLevel.Warning, new EventId(2, "ConfigurationWarning"), "{Warning}");

    private readonly ILoggerFactory _factory;
    private readonly ILogger _logger;
    private readonly Lock _gate = new();
    private bool _disposed;

    private BootstrapLogger(LoguStyleLoggerProvider provider, IConfiguration configuration, SharedScopeStore scopes)
    {
        Provider = provider;
        Scopes = scopes;

        // A logger factory of its own, for Logging:LogLevel: the bootstrap logger filters as the host's loggers will.
        _factory = LoggerFactory.Create(logging =>
        {
            logging.Services.AddSingleton<IExternalScopeProvider>(scopes);
            logging.AddConfiguration(configuration.GetSection("Logging")).AddProvider(provider);
        });
        _logger = _factory.CreateLogger(DefaultCategory);
    }

    internal LoguStyleLoggerProvider Provider { get; }

    /// <summary>The scopes of this logger and, once adopted, of the host's loggers: one store, so both see each other's.</summary>
    internal SharedScopeStore Scopes { get; }

    /// <summary>The configuration warnings this logger wrote as records; a host that adopts it does not repeat them on stderr.</summary>
    internal IReadOnlyList<string> Warnings { get; private set; } = [];

    internal static BootstrapLogger Create(IConfiguration configuration, Action<LoguStyleBuilder> configure, string? configurationProblem)
    {
        var read = BootstrapOptions.Read(configuration, configure);
        var (provider, failure) = read.BuildProvider();
        var (filters, levelProblems) = BootstrapLevelFilters.Read(configuration);
        var logger = new BootstrapLogger(provider, filters, new SharedScopeStore());
        var problems = logger.CreateLogger("LoguStyle.Configuration");
        logger.Warnings = read.Warnings;
        foreach (var warning in read.Warnings)
        {
            ConfigurationWarning(problems, warning, null);
        }

        foreach (var problem in new[] { configurationProblem }.Concat(levelProblems).Concat(read.Problems).Append(failure).OfType<string>())
        {
            ConfigurationProblem(problems, problem, null);
        }

        return logger;
    }

    /// <summary>A logger of another category, writing where this one writes (before and after the hand-over).</summary>
    /// <param name="categoryName">The category, e.g. <c>"Startup"</c>.</param>
    /// <returns>The logger.</returns>
    public ILogger CreateLogger(string categoryName) => _factory.CreateLogger(categoryName);

    /// <summary>
    /// Returns when every record logged before the call is written and flushed by every sink; the task is returned at once
    /// (see <see cref="LoguStyleLoggerProvider.FlushAsync"/>).
    /// </summary>
    /// <param name="cancellationToken">
    /// Ends the wait (awaiting the task throws <see cref="OperationCanceledException"/>); the flush goes on and drops
    /// nothing: records still queued or buffered are written later.
    /// </param>
    /// <returns>The flush.</returns>
    public Task FlushAsync(CancellationToken cancellationToken = default) => Provider.FlushAsync(cancellationToken);

    /// <inheritdoc />
    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => _logger.BeginScope(state);

    /// <inheritdoc />
    public bool IsEnabled(LogLevel logLevel) => _logger.IsEnabled(logLevel);

    /// <inheritdoc />
    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        _logger.Log(logLevel, eventId, state, exception, formatter);

    /// <summary>
    /// Drains, flushes and closes the sinks (the host's, once it adopted them); later records are dropped. Call it last,
    /// in <c>finally</c>, after the host is disposed. A new bootstrap logger may be created afterwards.
    /// </summary>
    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    /// <inheritdoc cref="Dispose"/>
    public async ValueTask DisposeAsync()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
        }

        LoguStyleBootstrap.Forget(this);
        await Provider.CloseAsync().ConfigureAwait(false);
        _factory.Dispose();
    }

    /// <summary>
    /// A host's <c>AddLoguStyle</c> takes this logger's provider with the host's options: the sinks are replaced in one
    /// hand-over (<see cref="LoguStyleLoggerProvider.Reconfigure"/>: built first, files shared, the old ones drained in
    /// order), and the host's dispose leaves them open for this logger. The shared scopes track the current Activity as
    /// the host's logger factory would (<paramref name="activityTracking"/>). Null once this logger is disposed.
    /// </summary>
    internal LoguStyleLoggerProvider? Adopt(LoguStyleLoggerOptions options, ActivityTrackingOptions activityTracking)
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return null;
            }

            Scopes.TrackActivities(activityTracking);
            Provider.Reconfigure(options);
            Provider.HoldForBootstrap();
            return Provider;
        }
    }
}
