using System.Runtime.CompilerServices;

namespace LoguStyle.Hosting.Configuration;

/// <summary>
/// Carries what the configuration reader found for an options instance over to the validator, which reports every
/// error at once at start-up (or rejects a reload).
/// </summary>
internal sealed class ConfigurationResults
{
    private static readonly ConfigurationReadResult Nothing = new();

    private readonly ConditionalWeakTable<LoguStyleLoggerOptions, ConfigurationReadResult> _results = [];

    /// <summary>Where the validator writes the reader's warnings: stderr, or a test's writer.</summary>
    public TextWriter WarningOutput { get; init; } = Console.Error;

    public void Set(LoguStyleLoggerOptions options, ConfigurationReadResult result) => _results.AddOrUpdate(options, result);

    public ConfigurationReadResult For(LoguStyleLoggerOptions options) =>
        _results.TryGetValue(options, out var result) ? result : Nothing;
}
