using System.Runtime.CompilerServices;
using LoguStyle.Diagnostics;

namespace LoguStyle.Hosting.Configuration;

/// <summary>
/// Carries what the configuration reader found for an options instance over to the validator, which reports every
/// error at once at start-up (or rejects a reload).
/// </summary>
internal sealed class ConfigurationResults
{
    private static readonly ConfigurationReadResult Nothing = new();

    private readonly ConditionalWeakTable<LoguStyleLoggerOptions, ConfigurationReadResult> _results = [];

    // The warnings written so far. The options are built again and again in one host (ValidateOnStart, IOptions<T>,
    // each IOptionsSnapshot<T> scope, each reload), and each build reads the same section and finds the same warnings:
    // a line on stderr per build would repeat the same news (11 lines over 18 reloads were seen). Each warning names
    // its key path and the value as written, so a key with a new value, or a key added later, is still reported.
    private readonly HashSet<string> _reported = new(StringComparer.Ordinal);
    private readonly Lock _reportedLock = new();

    /// <summary>Where the validator writes the reader's warnings: stderr, or a test's writer.</summary>
    public TextWriter WarningOutput { get; init; } = Console.Error;

    /// <summary>
    /// Writes each of <paramref name="warnings"/> that this container has not written before, one line each, to
    /// <see cref="WarningOutput"/>.
    /// </summary>
    public void ReportNew(IEnumerable<string> warnings)
    {
        List<string> fresh;
        lock (_reportedLock)
        {
            fresh = [.. warnings.Where(_reported.Add)];
        }

        if (fresh.Count > 0)
        {
            var reporter = new SinkErrorReporter("(configuration)", TimeProvider.System, WarningOutput);
            fresh.ForEach(warning => reporter.Report("LoguStyle: " + warning));
        }
    }

    /// <summary>
    /// Counts <paramref name="warnings"/> as written already: the bootstrap logger wrote them as records, and the host
    /// that adopts it reads the same configuration.
    /// </summary>
    /// <returns>This instance.</returns>
    public ConfigurationResults Reported(IEnumerable<string> warnings)
    {
        lock (_reportedLock)
        {
            _reported.UnionWith(warnings);
        }

        return this;
    }

    public void Set(LoguStyleLoggerOptions options, ConfigurationReadResult result) => _results.AddOrUpdate(options, result);

    public ConfigurationReadResult For(LoguStyleLoggerOptions options) =>
        _results.TryGetValue(options, out var result) ? result : Nothing;
}
