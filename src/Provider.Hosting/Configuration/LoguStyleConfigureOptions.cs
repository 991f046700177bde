using Microsoft.Extensions.Logging.Configuration;
using Microsoft.Extensions.Options;

namespace LoguStyle.Hosting.Configuration;

/// <summary>
/// Adds the configured sinks after the code sinks (a post-configure step, so a configured sink can change a code
/// sink of the same name), and keeps what it found for <see cref="LoguStyleOptionsValidator"/>.
/// </summary>
internal sealed class LoguStyleConfigureOptions : IPostConfigureOptions<LoguStyleLoggerOptions>
{
    private readonly ILoggerProviderConfiguration<LoguStyleLoggerProvider> _configuration;
    private readonly ConfigurationResults _results;

    public LoguStyleConfigureOptions(ILoggerProviderConfiguration<LoguStyleLoggerProvider> configuration, ConfigurationResults results)
    {
        _configuration = configuration;
        _results = results;
    }

    public void PostConfigure(string? name, LoguStyleLoggerOptions options)
    {
        if (name != Options.DefaultName)
        {
            return;
        }

        _results.Set(options, LoguStyleConfigurationReader.Apply(_configuration.Configuration, options));
    }
}
