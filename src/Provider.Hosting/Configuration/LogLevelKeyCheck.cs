using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Configuration;
using Microsoft.Extensions.Options;
using static LoguStyle.Hosting.Configuration.ConfigurationValues;

namespace LoguStyle.Hosting.Configuration;

/// <summary>
/// Checks <c>Logging:LoguStyle:LogLevel</c>, which MEL reads itself into <see cref="LoggerFilterOptions"/> when the
/// host is built (before any options validation) and refuses with "Configuration value 'Loud' is not supported.",
/// naming no key. Registered ahead of MEL's own reader, it refuses exactly what MEL's parser would (a value that is no
/// <see cref="LogLevel"/> name or number, ignoring case), first, with every such key path, the value and the levels.
/// </summary>
internal sealed class LogLevelKeyCheck : IConfigureOptions<LoggerFilterOptions>
{
    private readonly ILoggerProviderConfiguration<LoguStyleLoggerProvider> _configuration;

    public LogLevelKeyCheck(ILoggerProviderConfiguration<LoguStyleLoggerProvider> configuration)
    {
        _configuration = configuration;
    }

    public void Configure(LoggerFilterOptions options)
    {
        var errors = new List<string>();
        Check(_configuration.Configuration.GetSection("LogLevel"), errors);
        if (errors.Count > 0)
        {
            // The exception MEL's reader throws for the same values, with our message.
            throw new InvalidOperationException(LoguStyleOptionsValidator.Message(errors));
        }
    }

    private static void Check(IConfigurationSection section, List<string> errors)
    {
        // MEL reads every value under LogLevel, nested keys included (AsEnumerable), and skips empty ones.
        foreach (var key in section.GetChildren())
        {
            if (!string.IsNullOrEmpty(key.Value) && !Enum.TryParse<LogLevel>(key.Value, ignoreCase: true, out _))
            {
                errors.Add($"{PathOf(key)}: '{key.Value}' is not a level; accepted: {AcceptedLevels}.");
            }

            Check(key, errors);
        }
    }
}
