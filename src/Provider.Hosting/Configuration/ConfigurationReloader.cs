using LoguStyle.Diagnostics;
using Microsoft.Extensions.Logging.Configuration;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

namespace LoguStyle.Hosting.Configuration;

/// <summary>
/// Rebuilds the provider's sinks when the <c>Logging:LoguStyle</c> section changes (reloadOnChange). A change that
/// does not validate is reported on stderr and the previous sinks keep writing; nothing is thrown into the thread
/// that noticed the change.
/// </summary>
internal sealed class ConfigurationReloader : IDisposable
{
    private readonly IOptionsFactory<LoguStyleOptions> _factory;
    private readonly IDisposable _subscription;
    private readonly SinkErrorReporter _reporter;
    private int _applied;
    private int _rejected;

    public ConfigurationReloader(
        LoguStyleLoggerProvider provider,
        IOptionsFactory<LoguStyleOptions> factory,
        ILoggerProviderConfiguration<LoguStyleLoggerProvider> configuration,
        TimeProvider? time = null)
    {
        Provider = provider;
        _factory = factory;
        _reporter = new SinkErrorReporter("(configuration)", time ?? TimeProvider.System);
        _subscription = ChangeToken.OnChange(configuration.Configuration.GetReloadToken, Reload);
    }

    public LoguStyleLoggerProvider Provider { get; }

    /// <summary>The number of reloads applied so far.</summary>
    public int Applied => Volatile.Read(ref _applied);

    /// <summary>The number of reloads rejected so far.</summary>
    public int Rejected => Volatile.Read(ref _rejected);

    public void Dispose() => _subscription.Dispose();

    private void Reload()
    {
        try
        {
            Provider.Reconfigure(_factory.Create(Options.DefaultName));
            Interlocked.Increment(ref _applied);
        }
#pragma warning disable CA1031 // A bad edit to appsettings.json must not take down the thread that saw it.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Interlocked.Increment(ref _rejected);
            _reporter.Report($"LoguStyle: the changed Logging:LoguStyle configuration was rejected; the previous sinks keep writing. {ex.Message}");
        }
    }
}
