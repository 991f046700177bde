using Microsoft.Extensions.Logging;

namespace LoguStyle.SideBySide.Providers;

/// <summary>
/// Microsoft's console provider, its stdout redirected to a file by the runner. None of its built-in formatters
/// writes the others' layout (the simple one writes <c>info: Category[EventId]</c>), so it runs with a
/// <see cref="SameLayoutConsoleFormatter"/>, the extension point its docs give for a custom layout.
/// </summary>
internal sealed class MelConsoleProvider : IBenchProvider
{
    public string Name => "mel-console";

    public string Setup => $"AddConsole(FormatterName = \"{SameLayoutConsoleFormatter.FormatterName}\") with a ConsoleFormatter writing the same layout, stdout redirected to a file";

    public bool WritesStdout => true;

    public BenchLogging Create(string folder, LogLevel minimum) => new(LoggerFactory.Create(logging => logging
        .SetMinimumLevel(minimum)
        .AddConsole(options => options.FormatterName = SameLayoutConsoleFormatter.FormatterName)
        .AddConsoleFormatter<SameLayoutConsoleFormatter, Microsoft.Extensions.Logging.Console.ConsoleFormatterOptions>()));
}
