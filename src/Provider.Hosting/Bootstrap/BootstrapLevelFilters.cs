using LoguStyle.Hosting.Configuration;
using Microsoft.Extensions.Configuration;

namespace LoguStyle.Hosting.Bootstrap;

/// <summary>
/// The <c>LogLevel</c> keys of the <c>Logging</c> section as the bootstrap logger's own logger factory reads them. MEL
/// throws for a value it cannot parse ("Configuration value 'Loud' is not supported.", naming no key) when the factory is
/// made, and the bootstrap logger must not throw for bad configuration: each such key becomes a problem the logger writes
/// as an ERROR record, and the factory reads the configuration without it (as if the key were not there).
/// </summary>
internal static class BootstrapLevelFilters
{
    /// <summary>The configuration the factory reads its filters from, and the problems of the keys left out of it.</summary>
    public static (IConfiguration Filters, IReadOnlyList<string> Problems) Read(IConfiguration configuration)
    {
        var bad = LogLevelKeyCheck.BadLevelKeys(configuration.GetSection("Logging"));
        if (bad.Count == 0)
        {
            return (configuration, []);
        }

        var problems = bad.Select(key => LogLevelKeyCheck.Problem(key.Path, key.Value!)).ToList();

        // An empty value is one MEL skips: laid over the application's configuration, it hides each bad key and keeps
        // every other key, and its reloads.
        var filters = new ConfigurationBuilder()
            .AddConfiguration(configuration, shouldDisposeConfiguration: false)
            .AddInMemoryCollection(bad.Select(key => new KeyValuePair<string, string?>(key.Path, string.Empty)))
            .Build();
        return (filters, problems);
    }
}
