using Microsoft.Extensions.Configuration;

namespace LoguStyle.BootstrapApp;

/// <summary>
/// <c>LoguStyleBootstrap.CreateLogger(configuration, code sinks)</c>: a configuration built in code whose section has a
/// file sink and a sink that cannot be built (MaxLevel below Level), with or without a file sink added in code.
/// </summary>
internal static class CodeConfiguration
{
    public static BootstrapLogger CreateLogger(bool withSinks)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Logging:LogLevel:Default"] = "Information",
            ["Logging:LoguStyle:Sinks:broken:Type"] = "File",
            ["Logging:LoguStyle:Sinks:broken:Path"] = "broken.log",
            ["Logging:LoguStyle:Sinks:broken:Level"] = "Error",
            ["Logging:LoguStyle:Sinks:broken:MaxLevel"] = "Information",
        };
        if (!withSinks)
        {
            return LoguStyleBootstrap.CreateLogger(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        }

        settings["Logging:LoguStyle:Sinks:file:Type"] = "File";
        settings["Logging:LoguStyle:Sinks:file:Path"] = "app.log";
        settings["Logging:LoguStyle:Sinks:file:Serialize"] = "true";
        return LoguStyleBootstrap.CreateLogger(
            new ConfigurationBuilder().AddInMemoryCollection(settings).Build(),
            sinks => sinks.AddFile("code.log", file => file.Serialize = true));
    }
}
