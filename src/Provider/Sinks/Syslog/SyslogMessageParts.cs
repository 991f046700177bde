using System.Reflection;
using LoguStyle.Formatting;

namespace LoguStyle.Sinks.Syslog;

/// <summary>What both message formats share: the PRI's facility, the MSG template (or JSON in the sink's JsonFormat), APP-NAME and the size limit.</summary>
internal sealed class SyslogMessageParts
{
    private readonly bool _serialized;

    public SyslogMessageParts(SyslogSinkOptions options, LevelTable levels)
    {
        Facility = (int)options.Facility;
        MaxBytes = options.EffectiveMaxMessageBytes;
        AppName = options.AppName ?? DefaultAppName();

        // MSG is the sink's template without colours (the syslog default names the category), or one JSON object.
        _serialized = options.Serialize;
        if (options.Serialize)
        {
            Message = JsonLineFormatter.For(options.JsonFormat, options.CallerInfo == CallerInfo.StackTrace);
        }
        else
        {
            var plan = FormatPlan.Compile(options.Format ?? SyslogSinkOptions.DefaultFormat, options.Name, colored: false, levels, options.CallerInfo == CallerInfo.StackTrace);
            Message = options.SingleLine ? new SingleLineFormatter(plan) : plan;
        }
    }

    public int Facility { get; }

    /// <summary>The largest message in bytes (every transport has one: see <see cref="SyslogSinkOptions.MaxMessageBytes"/>).</summary>
    public int MaxBytes { get; }

    public string AppName { get; }

    public IRecordFormatter Message { get; }

    /// <summary>PRI's value: facility x 8 + severity.</summary>
    public int Priority(LogRecord record) => (Facility * 8) + SyslogText.Severity(record.Level);

    /// <summary>
    /// Writes MSG: the record rendered by the template or as JSON, without the line's terminator. A JSON MSG longer than
    /// <paramref name="room"/> (what <see cref="MaxBytes"/> leaves after the header) is shortened inside the document,
    /// its longest strings cut (<see cref="JsonMessageCut"/>), so the cut to <see cref="MaxBytes"/> that follows leaves
    /// it whole; text is cut there, on a character boundary.
    /// </summary>
    public void WriteMessage(LogRecord record, Utf8Buffer output, int room)
    {
        var scratch = ScratchBuffers.Rent();
        try
        {
            Message.Render(record, scratch);
            var message = SyslogText.WithoutTerminator(scratch.WrittenSpan);
            if (!(_serialized && message.Length > room && room > 0 && JsonMessageCut.TryWrite(message, room, output)))
            {
                output.Write(message);
            }
        }
        finally
        {
            ScratchBuffers.Return(scratch);
        }
    }

    /// <summary>Writes <paramref name="message"/> cut to <see cref="MaxBytes"/> on a UTF-8 character boundary.</summary>
    public void WriteCut(ReadOnlySpan<byte> message, Utf8Buffer output) =>
        output.Write(message[..SyslogText.Utf8Prefix(message, MaxBytes)]);

    private static string DefaultAppName()
    {
        var name = Assembly.GetEntryAssembly()?.GetName().Name;
        if (string.IsNullOrEmpty(name))
        {
            using var process = System.Diagnostics.Process.GetCurrentProcess();
            name = process.ProcessName;
        }

        return name;
    }
}
