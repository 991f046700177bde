using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Configuration;
using Microsoft.Extensions.Options;
using static LoguStyle.Hosting.Configuration.ConfigurationValues;

namespace LoguStyle.Hosting.Configuration;

/// <summary>
/// Checks the <c>LogLevel</c> keys MEL reads itself into <see cref="LoggerFilterOptions"/> when the host is built (before
/// any options validation): <c>Logging:LogLevel</c>, and each provider's, <c>Logging:LoguStyle:LogLevel</c> among them.
/// MEL refuses a bad value with "Configuration value 'Loud' is not supported.", naming no key. Registered ahead of MEL's
/// own reader, this refuses exactly what MEL's parser would (a value that is no <see cref="LogLevel"/> name or number,
/// ignoring case), first, with every such key path, the value and the levels.
/// </summary>
internal sealed class LogLevelKeyCheck : IConfigureOptions<LoggerFilterOptions>
{
    private readonly ILoggerProviderConfiguration<LoguStyleLoggerProvider> _configuration;
    private readonly IConfiguration? _application;

    /// <param name="configuration">LoguStyle's own section, as MEL gives it to the provider.</param>
    /// <param name="application">
    /// The host's configuration, whose <c>Logging</c> section the host gives MEL; absent outside a host, where only
    /// LoguStyle's own section is known.
    /// </param>
    public LogLevelKeyCheck(ILoggerProviderConfiguration<LoguStyleLoggerProvider> configuration, IConfiguration? application = null)
    {
        _configuration = configuration;
        _application = application;
    }

    public void Configure(LoggerFilterOptions options)
    {
        if (Problems(_configuration.Configuration, _application) is { Count: > 0 } errors)
        {
            // The exception MEL's reader throws for the same values, with our message.
            throw new InvalidOperationException(LoguStyleOptionsValidator.Message(errors));
        }
    }

    /// <summary>
    /// The LogLevel values MEL cannot read: LoguStyle's own section's (<paramref name="loguStyle"/>, wherever the host
    /// took it from), and every LogLevel key of the host's Logging section (<paramref name="application"/>'s, the one a
    /// host gives MEL), named by its full path; the same key found both ways is said once. At start-up and at a reload.
    /// </summary>
    public static List<string> Problems(IConfiguration loguStyle, IConfiguration? application)
    {
        var errors = new List<string>();
        Check(loguStyle.GetSection("LogLevel"), errors);
        if (application is not null)
        {
            errors.AddRange(BadLevelKeys(application.GetSection("Logging")).Select(key => Problem(key.Path, key.Value!)));
        }

        return [.. errors.Distinct(StringComparer.Ordinal)];
    }

    /// <summary>
    /// The keys of <paramref name="logging"/> (a <c>Logging</c> section) whose level MEL's filter reader cannot parse: under
    /// its <c>LogLevel</c>, and under each provider's (<c>Logging:Console:LogLevel</c>), nested keys included.
    /// </summary>
    public static List<IConfigurationSection> BadLevelKeys(IConfigurationSection logging)
    {
        var bad = new List<IConfigurationSection>();
        Collect(logging.GetSection("LogLevel"), bad);
        foreach (var provider in logging.GetChildren())
        {
            if (!string.Equals(provider.Key, "LogLevel", StringComparison.OrdinalIgnoreCase))
            {
                Collect(provider.GetSection("LogLevel"), bad);
            }
        }

        return bad;
    }

    /// <summary>The start-up message for a bad level at <paramref name="path"/> (a full key path).</summary>
    public static string Problem(string path, string value) => $"{path}: '{value}' is not a level; accepted: {AcceptedLevels}.";

    private static void Check(IConfigurationSection section, List<string> errors)
    {
        var bad = new List<IConfigurationSection>();
        Collect(section, bad);
        errors.AddRange(bad.Select(key => Problem(PathOf(key), key.Value!)));
    }

    private static void Collect(IConfigurationSection section, List<IConfigurationSection> bad)
    {
        // MEL reads every value under LogLevel, nested keys included (AsEnumerable), and skips empty ones.
        foreach (var key in section.GetChildren())
        {
            if (!string.IsNullOrEmpty(key.Value) && !Enum.TryParse<LogLevel>(key.Value, ignoreCase: true, out _))
            {
                bad.Add(key);
            }

            Collect(key, bad);
        }
    }
}
