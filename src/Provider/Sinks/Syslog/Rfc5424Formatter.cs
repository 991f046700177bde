using System.Globalization;
using System.Text;
using LoguStyle.Formatting;

namespace LoguStyle.Sinks.Syslog;

/// <summary>
/// RFC 5424: <c>&lt;PRI&gt;1 TIMESTAMP HOSTNAME APP-NAME PROCID MSGID [SD] MSG</c>. The header is printable ASCII within
/// the RFC's limits (<c>-</c> for an empty field); the record's properties and scopes are one SD element; a message over
/// the limit is cut on a UTF-8 boundary, and when the cut would fall inside the structured data, the structured data
/// is left out (<c>-</c>) so the receiver still parses what is sent.
/// </summary>
internal sealed class Rfc5424Formatter : ISyslogFormatter
{
    private const string OriginalFormat = "{OriginalFormat}";

    private readonly SyslogMessageParts _parts;
    private readonly byte[] _hostAndApp;
    private readonly string? _messageId;
    private readonly byte[] _sdOpen;
    private readonly bool _bom;
    private readonly TimeFormatCache _timestamp = TimeFormatCache.Rfc5424();

    // Room for the (start, length) of 16 SD-NAMEs on the stack; more move to a pooled array.
    private const int StackNameRanges = 32;

    public Rfc5424Formatter(SyslogSinkOptions options, LevelTable levels, string hostName)
    {
        _parts = new SyslogMessageParts(options, levels);
        var header = new Utf8Buffer(320);
        SyslogText.WriteField(header, hostName, SyslogText.MaxHostName);
        header.Write(" "u8);
        SyslogText.WriteField(header, _parts.AppName, SyslogText.MaxAppName);
        header.Write(" "u8);
        _hostAndApp = header.WrittenSpan.ToArray();
        _messageId = options.MessageId;
        _sdOpen = Encoding.ASCII.GetBytes("[" + options.StructuredDataId);
        _bom = options.Bom;
    }

    public int Render(LogRecord record, Utf8Buffer output)
    {
        var scratch = ScratchBuffers.Rent();
        try
        {
            WriteHeader(record, scratch);
            var sdStart = scratch.WrittenCount;
            WriteStructuredData(record, scratch);
            var sdEnd = scratch.WrittenCount;
            WriteMessageStart(scratch);
            var msgStart = scratch.WrittenCount;
            var max = _parts.MaxBytes;
            var hasSd = sdEnd > sdStart + 1;

            // What MaxBytes leaves MSG: after the header and SD, or, where the SD alone is over the limit and gives way to
            // "-" (below), after the header and that "-".
            var sdGivesWay = hasSd && sdEnd > max;
            var room = sdGivesWay ? max - (msgStart - (sdEnd - sdStart) + 1) : max - msgStart;
            if (!_parts.WriteMessage(record, scratch, room, allMembers: hasSd && !sdGivesWay, out var length))
            {
                // A JSON MSG that cannot keep every member beside the SD: the SD gives way (MSG carries its pairs too).
                return msgStart + WriteWithoutStructuredData(record, scratch.WrittenSpan[..sdStart], output);
            }

            // A JSON MSG cut inside (its texts) is shorter than it was: the length returned is the uncut one.
            var cutInside = length - (scratch.WrittenCount - msgStart);
            var message = scratch.WrittenSpan;
            if (scratch.WrittenCount == msgStart)
            {
                // No MSG: the SP (and BOM) before it go too (SYSLOG-MSG = HEADER SP STRUCTURED-DATA [SP MSG]).
                message = message[..sdEnd];
            }

            if (message.Length > max && SyslogText.Utf8Prefix(message, max) < sdEnd && hasSd)
            {
                var shorter = ScratchBuffers.Rent();
                try
                {
                    shorter.Write(message[..sdStart]);
                    shorter.Write("-"u8);
                    shorter.Write(message[sdEnd..]);
                    _parts.WriteCut(shorter.WrittenSpan, output);
                }
                finally
                {
                    ScratchBuffers.Return(shorter);
                }

                return message.Length + cutInside;
            }

            _parts.WriteCut(message, output);
            return message.Length + cutInside;
        }
        finally
        {
            ScratchBuffers.Return(scratch);
        }
    }

    // The header, "-" for the SD, and MSG in what is left, whose members may be left out from the first that does not
    // fit; returns MSG's length before any cut.
    private int WriteWithoutStructuredData(LogRecord record, ReadOnlySpan<byte> header, Utf8Buffer output)
    {
        var shorter = ScratchBuffers.Rent();
        try
        {
            shorter.Write(header);
            shorter.Write("-"u8);
            WriteMessageStart(shorter);
            var msgStart = shorter.WrittenCount;
            _parts.WriteMessage(record, shorter, _parts.MaxBytes - msgStart, allMembers: false, out var length);
            _parts.WriteCut(shorter.WrittenSpan, output);
            return length;
        }
        finally
        {
            ScratchBuffers.Return(shorter);
        }
    }

    private void WriteMessageStart(Utf8Buffer output)
    {
        output.Write(" "u8);
        if (_bom)
        {
            output.Write("\uFEFF"u8);
        }
    }

    private void WriteHeader(LogRecord record, Utf8Buffer output)
    {
        output.Write("<"u8);
        SyslogText.WriteNumber(output, _parts.Priority(record));
        output.Write(">1 "u8);

        // RFC 3339 with at most 6 fractional digits (TIME-SECFRAC is 1*6DIGIT) and the record's own offset.
        _timestamp.Write(output, record.Timestamp, alignment: 0);
        output.Write(" "u8);
        output.Write(_hostAndApp);
        SyslogText.WriteNumber(output, record.ProcessId);
        output.Write(" "u8);
        SyslogText.WriteField(output, MessageIdOf(record), SyslogText.MaxMessageId);
        output.Write(" "u8);
    }

    private string? MessageIdOf(LogRecord record)
    {
        if (_messageId is not null)
        {
            return _messageId;
        }

        var id = record.EventId;
        return !string.IsNullOrEmpty(id.Name) ? id.Name : id.Id != 0 ? id.Id.ToString(CultureInfo.InvariantCulture) : null;
    }

    /// <summary>
    /// One SD element: the message's properties, then the scopes' pairs, innermost first; a name seen before (as the
    /// receiver sees it, after the SD-NAME rules) is left out, so the value is the one <c>{extra[Name]}</c> shows.
    /// </summary>
    private void WriteStructuredData(LogRecord record, Utf8Buffer output)
    {
        // The names written so far, compared as bytes in the output (no set, no name strings: the writer's hot path).
        var seen = new SdNameRanges(stackalloc int[StackNameRanges]);
        try
        {
            var open = false;

            // By index: a foreach over the interface boxes the list's enumerator, an allocation per record.
            var properties = record.Properties;
            for (var i = 0; i < properties.Count; i++)
            {
                WriteParam(output, properties[i], ref seen, ref open);
            }

            var scopes = record.Scopes;
            for (var i = scopes.Count - 1; i >= 0; i--)
            {
                try
                {
                    // Pairs of any value type, as {extra[Name]} and JSON read them; a scope without pairs writes none.
                    foreach (var pair in CollectionValue.ScopePairs(scopes[i]) ?? [])
                    {
                        WriteParam(output, pair, ref seen, ref open);
                    }
                }
#pragma warning disable CA1031 // A scope is user code; one that cannot be read gives what it gave, the others go on.
                catch (Exception ex)
#pragma warning restore CA1031
                {
                    record.ScopeFailed(ex);
                }
            }

            output.Write(open ? "]"u8 : "-"u8);
        }
        finally
        {
            seen.Return();
        }
    }

    private void WriteParam(Utf8Buffer output, KeyValuePair<string, object?> pair, ref SdNameRanges seen, ref bool open)
    {
        if (pair.Key == OriginalFormat)
        {
            return;
        }

        // The name goes where it will stay (after "[SD-ID" when this is the first, and a space), but is kept (Advance)
        // only when it is new as the receiver sees it, after the SD-NAME rules.
        var opening = open ? 0 : _sdOpen.Length;
        var span = output.GetSpan(opening + 1 + SyslogText.MaxSdName);
        var length = SyslogText.WriteSdName(span[(opening + 1)..], pair.Key);
        if (seen.Contains(output.WrittenSpan, span.Slice(opening + 1, length)))
        {
            return;
        }

        if (!open)
        {
            _sdOpen.CopyTo(span);
            open = true;
        }

        span[opening] = (byte)' ';
        seen.Add(output.WrittenCount + opening + 1, length);
        output.Advance(opening + 1 + length);
        output.Write("=\""u8);
        if (!TryWriteFormattable(output, pair.Value))
        {
            SyslogText.WriteParamValue(output, CollectionValue.Text(pair.Value));
        }

        output.Write("\""u8);
    }

    /// <summary>
    /// Writes a number, date, Guid and the like straight as UTF-8, without the string <see cref="CollectionValue.Text"/>
    /// would make of it (one per value per record). Only the runtime's own types, whose UTF-8 formatting is their
    /// <c>ToString(null, InvariantCulture)</c>, and only text that needs no escape; anything else returns false.
    /// </summary>
    private static bool TryWriteFormattable(Utf8Buffer output, object? value)
    {
        if (value is not IUtf8SpanFormattable formattable || value.GetType().Assembly != typeof(object).Assembly)
        {
            return false;
        }

        var span = output.GetSpan(64);
        if (!formattable.TryFormat(span, out var written, default, CultureInfo.InvariantCulture)
            || span[..written].IndexOfAny("\"\\]"u8) >= 0)
        {
            return false;
        }

        output.Advance(written);
        return true;
    }
}
