using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;

namespace LoguStyle.SideBySide.Providers;

/// <summary>The side-by-side layout (<c>time | INF | category - message</c>) for MEL's console provider.</summary>
internal sealed class SameLayoutConsoleFormatter() : ConsoleFormatter(FormatterName)
{
    public const string FormatterName = "same-layout";

    public override void Write<TState>(in LogEntry<TState> logEntry, IExternalScopeProvider? scopeProvider, TextWriter textWriter)
    {
        var message = logEntry.Formatter(logEntry.State, logEntry.Exception);

        // The writer is the provider's own buffer; each piece is appended without building the line first.
        textWriter.Write(DateTime.Now.ToString("yyyy-MM-dd HH:mm:ss.fff", System.Globalization.CultureInfo.InvariantCulture));
        textWriter.Write(" | ");
        textWriter.Write(Formats.ShortLevels[(int)logEntry.LogLevel]);
        textWriter.Write(" | ");
        textWriter.Write(logEntry.Category);
        textWriter.Write(" - ");
        textWriter.Write(message);
        textWriter.Write('\n');
    }
}
