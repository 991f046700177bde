using Microsoft.Extensions.Logging;

namespace DocSnippets;

/// <summary>
/// docs/api.md, "Decisions for 1.0": every sink of the builder, AddSyslog included, is an instance method, so the
/// no-host form compiles with MEL's using alone (AddSyslog was an extension in LoguStyle: CS1061 without its using).
/// </summary>
internal static class SinksWithoutUsingLoguStyle
{
    public static void Run()
    {
        using var factory = LoggerFactory.Create(b => b.AddLoguStyle(log => log
            .AddConsole()
            .AddFile("logs/app.log")
            .AddSyslog()
            .AddSyslog("10.0.0.5", 1514)
            .AddSyslog(s => s.Name = "central")));
    }
}
