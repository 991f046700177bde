using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace LoguStyle.Web.Tests.Support;

/// <summary>
/// samples/WebApi started in the test process by <see cref="WebApplicationFactory{TEntryPoint}"/>, with its own
/// appsettings.json and the test's settings on top (keys as in appsettings.json, <c>Logging:LoguStyle:Sinks:...</c>).
/// </summary>
internal static class SampleApp
{
    public static WebApplicationFactory<Program> Start(IReadOnlyDictionary<string, string> settings) =>
        new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            // The test's records are read from its files; the console would only add noise to the test run's output.
            web.UseSetting("Logging:LoguStyle:Sinks:console:Level", "None");
            foreach (var (key, value) in settings)
            {
                web.UseSetting(key, value);
            }
        });

    /// <summary>The settings of a File sink named <paramref name="name"/>: its path and its other keys.</summary>
    public static IEnumerable<KeyValuePair<string, string>> FileSink(string name, string path, params (string Key, string Value)[] keys) =>
        keys.Select(key => KeyValuePair.Create($"Logging:LoguStyle:Sinks:{name}:{key.Key}", key.Value))
            .Prepend(KeyValuePair.Create($"Logging:LoguStyle:Sinks:{name}:Path", path))
            .Prepend(KeyValuePair.Create($"Logging:LoguStyle:Sinks:{name}:Type", "File"));
}
