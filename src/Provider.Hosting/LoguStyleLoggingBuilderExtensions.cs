using LoguStyle;
using LoguStyle.Hosting;
using LoguStyle.Hosting.Configuration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Configuration;
using Microsoft.Extensions.Options;

// In MEL's namespace, as AddConsole is, so builder.Logging.AddLoguStyle() needs no using directive.
namespace Microsoft.Extensions.Logging;

/// <summary><c>builder.Logging.AddLoguStyle(...)</c>: Loguru's <c>logger.add(...)</c> and <c>logger.configure(...)</c> for MEL.</summary>
public static class LoguStyleLoggingBuilderExtensions
{
    /// <summary>
    /// Adds LoguStyle with the sinks of the <c>Logging:LoguStyle</c> configuration section, or, when it has none,
    /// a coloured console sink with Loguru's default format.
    /// </summary>
    /// <param name="builder">The logging builder.</param>
    /// <returns>The logging builder.</returns>
    public static ILoggingBuilder AddLoguStyle(this ILoggingBuilder builder) => builder.AddLoguStyle(static _ => { });

    /// <summary>
    /// Adds LoguStyle with sinks from code (<paramref name="configure"/>) and from the <c>Logging:LoguStyle</c>
    /// configuration section. Configuration is validated at start-up; a change to it while the app runs rebuilds the
    /// sinks without losing a record. With no sinks at all, a coloured console sink is used. When a bootstrap logger is
    /// live (<see cref="LoguStyleBootstrap.CreateLogger(string[])"/>), the host adopts it: its
    /// provider takes the host's sinks in one hand-over, sharing the files both write, and outlives the host for the
    /// bootstrap logger's last records.
    /// </summary>
    /// <param name="builder">The logging builder.</param>
    /// <param name="configure">Adds sinks: <c>log =&gt; log.AddConsole().AddSink(record =&gt; ...)</c>.</param>
    /// <returns>The logging builder.</returns>
    public static ILoggingBuilder AddLoguStyle(this ILoggingBuilder builder, Action<LoguStyleBuilder> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);

        builder.AddConfiguration();
        var services = builder.Services;
        // A bootstrap logger live now wrote its configuration warnings as records: the host does not repeat them.
        var bootstrapWarnings = LoguStyleBootstrap.Current?.Warnings ?? [];
        services.TryAddSingleton(_ => new ConfigurationResults().Reported(bootstrapWarnings));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPostConfigureOptions<LoguStyleLoggerOptions>, LoguStyleConfigureOptions>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<LoguStyleLoggerOptions>, LoguStyleOptionsValidator>());
        services.AddOptions<LoguStyleLoggerOptions>().ValidateOnStart();
        services.TryAddSingleton(static sp => CreateOrAdopt(sp));
        // First of all, ahead of MEL's reader of the same keys, whose error names no key (LogLevelKeyCheck).
        if (!services.Any(static d => !d.IsKeyedService && d.ImplementationType == typeof(LogLevelKeyCheck)))
        {
            services.Insert(0, ServiceDescriptor.Singleton<IConfigureOptions<LoggerFilterOptions>, LogLevelKeyCheck>());
        }

        if (LoguStyleBootstrap.Current is { } bootstrap)
        {
            // The host's loggers and the bootstrap logger share one scope store, so each sees the scopes the other opened.
            services.TryAddSingleton<IExternalScopeProvider>(bootstrap.Scopes);
        }

        services.TryAddSingleton<AppliedReloads>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IOptionsChangeTokenSource<LoguStyleLoggerOptions>, AppliedReloads>(static sp => sp.GetRequiredService<AppliedReloads>()));
        services.TryAddSingleton(static sp => new ConfigurationReloader(
            sp.GetRequiredService<LoguStyleLoggerProvider>(),
            sp.GetRequiredService<IOptionsFactory<LoguStyleLoggerOptions>>(),
            sp.GetRequiredService<ILoggerProviderConfiguration<LoguStyleLoggerProvider>>(),
            sp.GetService<TimeProvider>(),
            sp.GetService<IConfiguration>(),
            sp.GetService<IOptionsMonitorCache<LoguStyleLoggerOptions>>(),
            sp.GetService<AppliedReloads>()));

        // The provider is reached through the reloader, so the container creates (and later disposes) both.
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ILoggerProvider, LoguStyleLoggerProvider>(
            static sp => sp.GetRequiredService<ConfigurationReloader>().Provider));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, LoguStyleHostedService>());

        configure(new LoguStyleBuilder(services));
        return builder;
    }

    /// <summary>
    /// The host's provider: the live bootstrap logger's provider (<see cref="LoguStyleBootstrap"/>), given the host's
    /// sinks in one hand-over, or else a new one.
    /// </summary>
    private static LoguStyleLoggerProvider CreateOrAdopt(IServiceProvider services)
    {
        // MEL's filters first: the logger factory reads them only after it has every provider, and a bad LogLevel value
        // then fails the host's build with this provider made, its files open, and nobody to dispose it (a second host on
        // the same file was refused). Read here, the build fails before anything is opened (LogLevelKeyCheck's message).
        // Through the factory, not a monitor: a monitor of these options subscribes to MEL's EventSource, a static, and a
        // build that fails after it is made disposes nothing, so the monitor kept the host's configuration reachable, and
        // with it appsettings.json's file watcher (an inotify instance each: 128 failed builds and no host of the user
        // could start, FailedBuildTests).
        _ = services.GetService<IOptionsFactory<LoggerFilterOptions>>()?.Create(Microsoft.Extensions.Options.Options.DefaultName);
        var options = services.GetRequiredService<IOptionsMonitor<LoguStyleLoggerOptions>>().CurrentValue;
        var activityTracking = services.GetService<IOptions<LoggerFactoryOptions>>()?.Value.ActivityTrackingOptions ?? ActivityTrackingOptions.None;
        return LoguStyleBootstrap.Current?.Adopt(options, activityTracking)
            ?? new LoguStyleLoggerProvider(options, services.GetService<TimeProvider>() ?? TimeProvider.System);
    }
}
