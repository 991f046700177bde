using System.Reflection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LoguStyle.InProcessAb;

/// <summary>
/// One LoguStyle build, loaded in its own context, and the two doors into it that every build so far has kept: the
/// one-argument <c>AddLoguStyle(ILoggingBuilder)</c> (which reads the <c>Logging:LoguStyle</c> section) and the
/// provider's <c>FlushAsync(CancellationToken)</c>. The sink itself is described in configuration keys, which issue 16
/// left unchanged where the C# names changed (LoguStyleOptions to LoguStyleLoggerOptions, AddFile's parameters).
/// </summary>
internal sealed class BuildUnderTest(string label, string folder, string version, MethodInfo addLoguStyle, Type providerType, MethodInfo flushAsync)
{
    /// <summary>A or B.</summary>
    public string Label => label;

    public string Folder => folder;

    /// <summary>LoguStyle.dll's informational version: the commit it was built from follows the '+'.</summary>
    public string Version => version;

    public static BuildUnderTest Load(string label, string folder)
    {
        folder = Path.GetFullPath(folder);
        foreach (var file in new[] { "LoguStyle.dll", "LoguStyle.Hosting.dll" })
        {
            if (!File.Exists(Path.Combine(folder, file)))
            {
                throw new FileNotFoundException($"build {label}: {folder} has no {file} (give the folder of a built src/Provider.Hosting)");
            }
        }

        var context = new BuildLoadContext(folder);
        var engine = context.LoadFromAssemblyName(new AssemblyName("LoguStyle"));
        var hosting = context.LoadFromAssemblyName(new AssemblyName("LoguStyle.Hosting"));
        var addLoguStyle = hosting.GetType("Microsoft.Extensions.Logging.LoguStyleLoggingBuilderExtensions", throwOnError: true)!
            .GetMethod("AddLoguStyle", BindingFlags.Public | BindingFlags.Static, [typeof(ILoggingBuilder)])
            ?? throw new MissingMethodException($"build {label}: no AddLoguStyle(ILoggingBuilder)");
        var providerType = engine.GetType("LoguStyle.LoguStyleLoggerProvider", throwOnError: true)!;
        var flushAsync = providerType.GetMethod("FlushAsync", [typeof(CancellationToken)])
            ?? throw new MissingMethodException($"build {label}: no LoguStyleLoggerProvider.FlushAsync(CancellationToken)");
        var version = engine.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "?";
        return new BuildUnderTest(label, folder, version, addLoguStyle, providerType, flushAsync);
    }

    /// <summary>
    /// A provider of this build with one file sink, configured only through keys both old and new builds accept
    /// (docs/configuration.md at 53b7339 and now), with MEL's minimum level at Information as in the SideBySide runner.
    /// </summary>
    public LoggingSession Start(string path, bool enqueue, string format)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Logging:LogLevel:Default"] = "Information",
            ["Logging:LoguStyle:Sinks:file:Type"] = "File",
            ["Logging:LoguStyle:Sinks:file:Path"] = path,
            ["Logging:LoguStyle:Sinks:file:Format"] = format,
            ["Logging:LoguStyle:Sinks:file:Enqueue"] = enqueue ? "true" : "false",
        }).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging(logging =>
        {
            logging.AddConfiguration(configuration.GetSection("Logging"));
            addLoguStyle.Invoke(null, [logging]);
        });
        var container = services.BuildServiceProvider();
        var factory = container.GetRequiredService<ILoggerFactory>();
        var provider = container.GetServices<ILoggerProvider>().Single(p => p.GetType() == providerType);
        var flush = flushAsync.CreateDelegate<Func<CancellationToken, Task>>(provider);
        return new LoggingSession(factory.CreateLogger(Layout.Category), () => flush(CancellationToken.None).GetAwaiter().GetResult(), container);
    }
}
