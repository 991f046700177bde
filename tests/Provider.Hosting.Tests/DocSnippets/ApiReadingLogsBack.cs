using System.Text.RegularExpressions;
using LoguStyle;
using Microsoft.Extensions.Logging;

namespace DocSnippets;

/// <summary>docs/api.md, "Reading logs back".</summary>
internal static class ApiReadingLogsBack
{
    public static void Run()
    {
        var failures = LogFile.Read("logs/app.json").Where(r => r.Level >= LogLevel.Error).ToList();
        var rows = LogFile.Parse("logs/app.log", new Regex(@"^(?<time>\S+ \S+) \| (?<level>\w+)\s*\| (?<category>\S+) - (?<message>.*)$"));
    }
}
