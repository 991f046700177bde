using LoguStyle.Hosting.Configuration;
using LoguStyle.Sinks;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LoguStyle.Hosting.Bootstrap;

/// <summary>
/// The bootstrap logger's options: code sinks and the <c>Logging:LoguStyle</c> section, read by the same registrations
/// <c>AddLoguStyle</c> makes (in a container of their own), with the problems validation finds. Where the host refuses
/// to start, the bootstrap logger starts without the sinks at fault, so the problems reach the sinks that work.
/// </summary>
internal sealed record BootstrapOptions(LoguStyleLoggerOptions Options, IReadOnlyList<string> Problems, IReadOnlyList<string> Warnings)
{
    public static BootstrapOptions Read(IConfiguration configuration, Action<LoguStyleBuilder> configure)
    {
        var services = new ServiceCollection();
        services.AddSingleton(configuration);
        services.AddLogging(logging => logging.AddConfiguration(configuration.GetSection("Logging")).AddLoguStyle(configure));
        using var container = services.BuildServiceProvider();

        // What OptionsFactory does, without its validation step, which would throw instead of listing.
        var options = new LoguStyleLoggerOptions();
        foreach (var setup in container.GetServices<IConfigureOptions<LoguStyleLoggerOptions>>())
        {
            if (setup is IConfigureNamedOptions<LoguStyleLoggerOptions> named)
            {
                named.Configure(Microsoft.Extensions.Options.Options.DefaultName, options);
            }
            else
            {
                setup.Configure(options);
            }
        }

        foreach (var post in container.GetServices<IPostConfigureOptions<LoguStyleLoggerOptions>>())
        {
            post.PostConfigure(Microsoft.Extensions.Options.Options.DefaultName, options);
        }

        var read = container.GetRequiredService<ConfigurationResults>().For(options);
        return new BootstrapOptions(options, LoguStyleOptionsValidator.Problems(read, options), [.. read.Warnings]);
    }

    /// <summary>
    /// A provider with every sink that can be built: a sink an engine check names is left out (a bad key the reader
    /// reported is already left at its default); if that still fails, the default console.
    /// </summary>
    public (LoguStyleLoggerProvider Provider, string? Failure) BuildProvider()
    {
        foreach (var name in OptionsCheck.Find(Options).Select(problem => problem.SinkName).OfType<string>().Distinct(StringComparer.OrdinalIgnoreCase).ToList())
        {
            foreach (var sink in Options.Sinks.Where(sink => string.Equals(sink.Name, name, StringComparison.OrdinalIgnoreCase)).ToList())
            {
                Options.Sinks.Remove(sink);
            }
        }

        try
        {
            return (new LoguStyleLoggerProvider(Options), null);
        }
#pragma warning disable CA1031 // Logging from the first line of Main must not be what stops Main; the problem is logged to the console.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            return (new LoguStyleLoggerProvider(new LoguStyleLoggerOptions()), $"the sinks could not be built ({ex.Message}); the bootstrap logger writes to the console until the host starts.");
        }
    }
}
