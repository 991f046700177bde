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
    /// Writes MSG: the record rendered by the template or as JSON, without the line's terminator; <paramref name="length"/>
    /// is its length before any cut. A JSON MSG longer than <paramref name="room"/> (what <see cref="MaxBytes"/> leaves
    /// after the header) is shortened inside the document (<see cref="JsonMessageCut"/>), so the cut to
    /// <see cref="MaxBytes"/> that follows leaves it whole: its longest texts cut, and when that is not enough and
    /// <paramref name="allMembers"/> is false, its members up to the first that does not fit. False (nothing written)
    /// only when <paramref name="allMembers"/> is set and a JSON MSG cannot keep them all: the caller may make room and
    /// write it again. Text is cut at the limit afterwards, on a character boundary.
    /// </summary>
    public bool WriteMessage(LogRecord record, Utf8Buffer output, int room, bool allMembers, out int length)
    {
        var scratch = ScratchBuffers.Rent();
        try
        {
            Message.Render(record, scratch);
            var message = SyslogText.WithoutTerminator(scratch.WrittenSpan);
            length = message.Length;
            if (!_serialized || message.Length <= room)
            {
                output.Write(message);
                return true;
            }

            if (JsonMessageCut.TryWrite(message, room, output, allMembers))
            {
                return true;
            }

            if (allMembers)
            {
                return false;
            }

            // Not even "{}" fits beside the header: the bytes, cut at the limit.
            output.Write(message);
            return true;
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
