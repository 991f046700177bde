using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Configuration;
using Microsoft.Extensions.Options;

namespace LoguStyle.Hosting.Configuration;

/// <summary>
/// Adds the configured sinks after the code sinks (a post-configure step, so a configured sink can change a code
/// sink of the same name), and keeps what it found for <see cref="LoguStyleOptionsValidator"/>, with a warning for each
/// misspelt or misplaced LoguStyle section of the application's configuration (<see cref="SectionSpelling"/>).
/// </summary>
internal sealed class LoguStyleConfigureOptions : IPostConfigureOptions<LoguStyleLoggerOptions>
{
    private readonly ILoggerProviderConfiguration<LoguStyleLoggerProvider> _configuration;
    private readonly ConfigurationResults _results;
    private readonly IConfiguration? _root;

    public LoguStyleConfigureOptions(ILoggerProviderConfiguration<LoguStyleLoggerProvider> configuration, ConfigurationResults results, IConfiguration? root = null)
    {
        _configuration = configuration;
        _results = results;
        _root = root;
    }

    public void PostConfigure(string? name, LoguStyleLoggerOptions options)
    {
        if (name != Options.DefaultName)
        {
            return;
        }

        var read = LoguStyleConfigurationReader.Apply(_configuration.Configuration, options);
        if (_root is not null)
        {
            read.Warnings.AddRange(SectionSpelling.Warnings(_root));
        }

        _results.Set(options, read);
    }
}
