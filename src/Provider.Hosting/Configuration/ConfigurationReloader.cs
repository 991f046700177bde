using LoguStyle.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Configuration;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

namespace LoguStyle.Hosting.Configuration;

/// <summary>
/// Rebuilds the provider's sinks when the <c>Logging:LoguStyle</c> section changes (reloadOnChange). A change that
/// does not validate is reported on stderr and the previous sinks keep writing; nothing is thrown into the thread
/// that noticed the change. A settings file that no longer parses (a broken edit to appsettings.json) is reported
/// too: the file provider then keeps quiet about it, and the previous sinks keep writing.
/// </summary>
/// <remarks>
/// The file watcher announces one save 2-4 times (a write, a rename, a close), on several threads at once: reloads are
/// serialised, and one whose section reads the same as the last one handled is skipped, so each edit is applied, or
/// rejected and reported, once.
/// </remarks>
internal sealed class ConfigurationReloader : IDisposable
{
    private readonly IOptionsFactory<LoguStyleLoggerOptions> _factory;
    private readonly IOptionsMonitorCache<LoguStyleLoggerOptions>? _current;
    private readonly AppliedReloads? _applied;
    private readonly IConfiguration _section;
    private readonly IConfiguration? _application;
    private readonly IDisposable _subscription;
    private readonly SinkErrorReporter _reporter;
    private readonly Lock _reloadLock = new();
    private KeyValuePair<string, string?>[] _lastSection;
    private string? _lastBrokenFile;
    private string? _lastLevelProblems;
    private int _appliedCount;
    private int _rejected;
    private int _skipNextReload;

    public ConfigurationReloader(
        LoguStyleLoggerProvider provider,
        IOptionsFactory<LoguStyleLoggerOptions> factory,
        ILoggerProviderConfiguration<LoguStyleLoggerProvider> configuration,
        TimeProvider? time = null,
        IConfiguration? root = null,
        IOptionsMonitorCache<LoguStyleLoggerOptions>? current = null,
        AppliedReloads? applied = null)
    {
        Provider = provider;
        _current = current;
        _applied = applied;
        _application = root;
        _factory = factory;
        _reporter = new SinkErrorReporter("(configuration)", time ?? TimeProvider.System);
        _section = configuration.Configuration;
        _lastSection = Snapshot(_section);
        _subscription = ChangeToken.OnChange(configuration.Configuration.GetReloadToken, Reload);
        foreach (var file in (root as IConfigurationRoot)?.Providers.OfType<FileConfigurationProvider>() ?? [])
        {
            if (file.Source.ReloadOnChange)
            {
                var previous = file.Source.OnLoadException;
                file.Source.OnLoadException = context => OnFileLoadFailed(context, previous);
            }
        }
    }

    public LoguStyleLoggerProvider Provider { get; }

    /// <summary>The number of reloads applied so far.</summary>
    public int Applied => Volatile.Read(ref _appliedCount);

    /// <summary>The number of reloads rejected so far.</summary>
    public int Rejected => Volatile.Read(ref _rejected);

    public void Dispose() => _subscription.Dispose();

    private void OnFileLoadFailed(FileLoadExceptionContext context, Action<FileLoadExceptionContext>? previous)
    {
        var problem = $"{context.Exception.Message} {context.Exception.InnerException?.Message}";
        lock (_reloadLock)
        {
            // The same broken save, announced again by the watcher, is reported once.
            if (problem != _lastBrokenFile)
            {
                _lastBrokenFile = problem;
                Interlocked.Increment(ref _rejected);
                _reporter.Report($"LoguStyle: {problem} The previous sinks keep writing until the file can be read again.");
            }
        }

        previous?.Invoke(context);
        if (context.Ignore)
        {
            // The application's own handler ignores it: the provider now announces a reload of empty data, which must
            // not replace the last good configuration.
            Volatile.Write(ref _skipNextReload, 1);
        }
    }

    private void Reload()
    {
        if (Interlocked.Exchange(ref _skipNextReload, 0) == 1)
        {
            return;
        }

        lock (_reloadLock)
        {
            _lastBrokenFile = null;
            var section = Snapshot(_section);

            // A LogLevel value MEL cannot read, in LoguStyle's section or any other of Logging: MEL keeps the filters it
            // had without a word, and the same file fails a start (LogLevelKeyCheck). Said once per edit that brings it.
            var levels = LogLevelKeyCheck.Problems(_section, _application) is { Count: > 0 } bad ? LoguStyleOptionsValidator.Message(bad) : null;
            var newLevelProblems = levels is not null && levels != _lastLevelProblems;
            _lastLevelProblems = levels;
            if (section.SequenceEqual(_lastSection))
            {
                if (newLevelProblems)
                {
                    Interlocked.Increment(ref _rejected);
                    _reporter.Report($"LoguStyle: the changed Logging configuration has a LogLevel value that is not a level; the loggers keep the filters they had. {levels}");
                }

                return;
            }

            _lastSection = section;
            if (levels is not null)
            {
                // What a fresh start with this file gives: none (the build fails), so the edit applies nothing.
                Interlocked.Increment(ref _rejected);
                _reporter.Report($"LoguStyle: the changed Logging:LoguStyle configuration was rejected; the previous sinks keep writing. {levels}");
                return;
            }

            LoguStyleLoggerOptions options;
            try
            {
                options = _factory.Create(Options.DefaultName);
                Provider.Reconfigure(options);
                Interlocked.Increment(ref _appliedCount);

                // IOptionsMonitor<LoguStyleLoggerOptions>.CurrentValue is the options the sinks run with: the applied
                // ones from now on (a rejected edit leaves it as it was; it would throw the edit's validation error).
                _current?.TryRemove(Options.DefaultName);
                _current?.TryAdd(Options.DefaultName, options);
            }
#pragma warning disable CA1031 // A bad edit to appsettings.json must not take down the thread that saw it.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                Interlocked.Increment(ref _rejected);
                _reporter.Report($"LoguStyle: the changed Logging:LoguStyle configuration was rejected; the previous sinks keep writing. {ex.Message}");
                return;
            }

            try
            {
                // The monitor's OnChange listeners: it reads the options again (the same section, which just applied).
                _applied?.Applied();
            }
#pragma warning disable CA1031 // A listener that throws, or a section changed again meanwhile, is not this reload's failure.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                _reporter.Report($"LoguStyle: the changed Logging:LoguStyle configuration applied; telling IOptionsMonitor's OnChange listeners failed: {ex.GetType().Name}: {ex.Message}");
            }
        }
    }

    /// <summary>Every key and value of the section, in key order: equal lists mean an equal configuration.</summary>
    private static KeyValuePair<string, string?>[] Snapshot(IConfiguration section) =>
        [.. section.AsEnumerable().OrderBy(pair => pair.Key, StringComparer.Ordinal)];
}
