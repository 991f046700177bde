using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace LoguStyle.SideBySide.Providers;

/// <summary>Microsoft's console provider (simple, single line, no colours), its stdout redirected to a file by the runner.</summary>
internal sealed class MelConsoleProvider : IBenchProvider
{
    public string Name => "mel-console";

    public string Setup => "AddSimpleConsole(SingleLine, TimestampFormat, no colours), stdout redirected to a file";

    public bool MayDrop => false;

    public bool WritesStdout => true;

    public ILoggerFactory Create(string folder, LogLevel minimum) => LoggerFactory.Create(logging => logging
        .SetMinimumLevel(minimum)
        .AddSimpleConsole(options =>
        {
            options.SingleLine = true;
            options.TimestampFormat = "yyyy-MM-dd HH:mm:ss.fff | ";
            options.ColorBehavior = LoggerColorBehavior.Disabled;
        }));
}
