using LoguStyle.Formatting;

namespace LoguStyle.Sinks.Syslog;

/// <summary>
/// The format local daemons expect on <c>/dev/log</c> (RFC 3164, as glibc's <c>syslog()</c> writes it):
/// <c>&lt;PRI&gt;Mmm dd HH:mm:ss TAG[PID]: MSG</c>, local time, no host name (the daemon adds its own). TAG is APP-NAME
/// with the characters that would end it (space, <c>:</c>, <c>[</c>) as <c>_</c>, cut at 32.
/// </summary>
internal sealed class Rfc3164Formatter : ISyslogFormatter
{
    private const int MaxTag = 32;

    private readonly SyslogMessageParts _parts;
    private readonly byte[] _tag;
    private readonly TimeFormatCache _timestamp = TimeFormatCache.Rfc3164();

    public Rfc3164Formatter(SyslogSinkOptions options, LevelTable levels)
    {
        _parts = new SyslogMessageParts(options, levels);
        var tag = new Utf8Buffer(64);
        SyslogText.WriteField(tag, _parts.AppName.Replace(':', '_').Replace('[', '_'), MaxTag);
        _tag = tag.WrittenSpan.ToArray();
    }

    public int Render(LogRecord record, Utf8Buffer output)
    {
        var scratch = ScratchBuffers.Rent();
        try
        {
            scratch.Write("<"u8);
            SyslogText.WriteNumber(scratch, _parts.Priority(record));

            scratch.Write(">"u8);
            _timestamp.Write(scratch, record.Timestamp, alignment: 0);
            scratch.Write(" "u8);
            scratch.Write(_tag);
            scratch.Write("["u8);
            SyslogText.WriteNumber(scratch, record.ProcessId);
            scratch.Write("]: "u8);
            var msgStart = scratch.WrittenCount;
            _parts.WriteMessage(record, scratch, _parts.MaxBytes - msgStart, allMembers: false, out var length);
            _parts.WriteCut(scratch.WrittenSpan, output);

            // A JSON MSG cut inside (its texts) is shorter than it was: the length returned is the uncut one.
            return msgStart + length;
        }
        finally
        {
            ScratchBuffers.Return(scratch);
        }
    }
}
