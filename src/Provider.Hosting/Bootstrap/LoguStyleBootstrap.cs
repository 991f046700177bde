using LoguStyle.Hosting.Bootstrap;
using Microsoft.Extensions.Configuration;

namespace LoguStyle;

/// <summary>
/// Logging from the first line of <c>Main</c> (Serilog's bootstrap logger): a logger that exists before the host, so
/// that bad configuration, a dependency-injection failure in <c>Build()</c> or a throw in Program.cs reaches the log
/// files. The host's <c>builder.Logging.AddLoguStyle()</c> adopts it.
/// </summary>
/// <example>
/// <code>
/// var log = LoguStyleBootstrap.CreateLogger(args);
/// try
/// {
///     log.LogInformation("Starting");
///     var builder = Host.CreateApplicationBuilder(args);
///     builder.Logging.ClearProviders().AddLoguStyle();   // adopts the bootstrap logger's sinks and files
///     using var host = builder.Build();
///     await host.RunAsync();
/// }
/// catch (Exception ex)
/// {
///     log.LogCritical(ex, "The host terminated unexpectedly");
///     return 1;
/// }
/// finally
/// {
///     await log.DisposeAsync();                          // drains, flushes and closes the files
/// }
/// return 0;
/// </code>
/// </example>
public static class LoguStyleBootstrap
{
    private static readonly Lock Gate = new();
    private static BootstrapLogger? _current;

    /// <summary>
    /// Creates the process's bootstrap logger from the application's configuration, read as
    /// <c>Host.CreateApplicationBuilder(args)</c> reads it (appsettings.json, appsettings.{Environment}.json, environment
    /// variables, the command line), and from code sinks (in the overload that takes them).
    /// It never throws for bad configuration: each problem is logged as an Error record (category
    /// <c>LoguStyle.Configuration</c>) to the sinks that are valid (the default console when none is).
    /// </summary>
    /// <param name="args">The command line, as given to <c>Main</c>.</param>
    /// <returns>The logger (category <c>Program</c>); dispose it last, in <c>finally</c>.</returns>
    /// <exception cref="InvalidOperationException">A bootstrap logger is already live in this process.</exception>
    public static BootstrapLogger CreateLogger(string[] args) => CreateLogger(args, static _ => { });

    /// <inheritdoc cref="CreateLogger(string[])"/>
    /// <param name="args">The command line, as given to <c>Main</c>.</param>
    /// <param name="configure">Adds sinks in code, as in <c>AddLoguStyle(log =&gt; ...)</c>.</param>
    public static BootstrapLogger CreateLogger(string[] args, Action<LoguStyleBuilder> configure)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(configure);
        var (configuration, problem) = BootstrapConfiguration.Build(args);
        return Create(configuration, configure, problem);
    }

    /// <summary>
    /// Creates the process's bootstrap logger from <paramref name="configuration"/> (its <c>Logging</c> section) and from
    /// code sinks (in the overload that takes them).
    /// </summary>
    /// <param name="configuration">The configuration whose <c>Logging:LoguStyle</c> and <c>Logging:LogLevel</c> apply.</param>
    /// <returns>The logger (category <c>Program</c>); dispose it last, in <c>finally</c>.</returns>
    /// <exception cref="InvalidOperationException">A bootstrap logger is already live in this process.</exception>
    public static BootstrapLogger CreateLogger(IConfiguration configuration) => CreateLogger(configuration, static _ => { });

    /// <inheritdoc cref="CreateLogger(IConfiguration)"/>
    /// <param name="configuration">The configuration whose <c>Logging:LoguStyle</c> and <c>Logging:LogLevel</c> apply.</param>
    /// <param name="configure">Adds sinks in code, as in <c>AddLoguStyle(log =&gt; ...)</c>.</param>
    public static BootstrapLogger CreateLogger(IConfiguration configuration, Action<LoguStyleBuilder> configure)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(configure);
        return Create(configuration, configure, configurationProblem: null);
    }

    /// <summary>The live bootstrap logger, which the next host built with <c>AddLoguStyle</c> adopts.</summary>
    internal static BootstrapLogger? Current
    {
        get
        {
            lock (Gate)
            {
                return _current;
            }
        }
    }

    internal static void Forget(BootstrapLogger logger)
    {
        lock (Gate)
        {
            if (ReferenceEquals(_current, logger))
            {
                _current = null;
            }
        }
    }

    private static BootstrapLogger Create(IConfiguration configuration, Action<LoguStyleBuilder> configure, string? configurationProblem)
    {
        // One per process: two would each write the same files by their own settings, and a host could adopt only one.
        lock (Gate)
        {
            if (_current is not null)
            {
                throw new InvalidOperationException("A LoguStyle bootstrap logger is already live in this process; dispose it before creating another.");
            }

            _current = BootstrapLogger.Create(configuration, configure, configurationProblem);
            return _current;
        }
    }
}
