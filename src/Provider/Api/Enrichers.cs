using System.Reflection;

namespace LoguStyle;

/// <summary>
/// Ready-made enrichers for <c>Patch</c>: each adds one value to every record. Values that cannot change while the
/// process runs are read once. An enricher of your own gets a record that is valid only during the call (the provider
/// reuses it and refills its lists, <see cref="LogRecord"/>): keep its values, not the record or its lists.
/// </summary>
public static class Enrichers
{
    private static readonly string Machine = Environment.MachineName;
    private static readonly Lazy<string> Process = new(() => System.Diagnostics.Process.GetCurrentProcess().ProcessName);
    private static readonly Lazy<string> Version = new(() =>
        Assembly.GetEntryAssembly()?.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? Assembly.GetEntryAssembly()?.GetName().Version?.ToString()
        ?? "unknown");

    /// <summary>Adds <c>MachineName</c>.</summary>
    public static Action<LogRecord> MachineName { get; } = static record => record.SetProperty("MachineName", Machine);

    /// <summary>Adds <c>ProcessName</c>.</summary>
    public static Action<LogRecord> ProcessName { get; } = static record => record.SetProperty("ProcessName", Process.Value);

    /// <summary>Adds <c>ThreadName</c>: the logging thread's name, when it has one.</summary>
    public static Action<LogRecord> ThreadName { get; } = static record =>
    {
        if (Thread.CurrentThread.Name is { } name)
        {
            record.SetProperty("ThreadName", name);
        }
    };

    /// <summary>Adds <c>AppVersion</c>: the entry assembly's informational version (or its version).</summary>
    public static Action<LogRecord> AppVersion { get; } = static record => record.SetProperty("AppVersion", Version.Value);
}
