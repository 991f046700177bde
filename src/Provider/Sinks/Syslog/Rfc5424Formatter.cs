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
            scratch.Write(" "u8);
            if (_bom)
            {
                scratch.Write("\uFEFF"u8);
            }

            var msgStart = scratch.WrittenCount;
            _parts.WriteMessage(record, scratch);
            var message = scratch.WrittenSpan;
            if (scratch.WrittenCount == msgStart)
            {
                // No MSG: the SP (and BOM) before it go too (SYSLOG-MSG = HEADER SP STRUCTURED-DATA [SP MSG]).
                message = message[..sdEnd];
            }

            var max = _parts.MaxBytes;
            if (message.Length > max && SyslogText.Utf8Prefix(message, max) < sdEnd && sdEnd > sdStart + 1)
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

                return message.Length;
            }

            _parts.WriteCut(message, output);
            return message.Length;
        }
        finally
        {
            ScratchBuffers.Return(scratch);
        }
    }

    private void WriteHeader(LogRecord record, Utf8Buffer output)
    {
        output.Write("<"u8);
        WriteNumber(output, _parts.Priority(record));
        output.Write(">1 "u8);

        // RFC 3339 with at most 6 fractional digits (TIME-SECFRAC is 1*6DIGIT) and the record's own offset.
        var span = output.GetSpan(40);
        record.Timestamp.TryFormat(span, out var written, "yyyy-MM-dd'T'HH:mm:ss.ffffffzzz", CultureInfo.InvariantCulture);
        output.Advance(written);
        output.Write(" "u8);
        output.Write(_hostAndApp);
        WriteNumber(output, record.ProcessId);
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
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var open = false;
        foreach (var pair in record.Properties)
        {
            WriteParam(output, pair, seen, ref open);
        }

        var scopes = record.Scopes;
        for (var i = scopes.Count - 1; i >= 0; i--)
        {
            if (scopes[i] is not IEnumerable<KeyValuePair<string, object?>> pairs)
            {
                continue;
            }

            try
            {
                foreach (var pair in pairs)
                {
                    WriteParam(output, pair, seen, ref open);
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

    private void WriteParam(Utf8Buffer output, KeyValuePair<string, object?> pair, HashSet<string> seen, ref bool open)
    {
        if (pair.Key == OriginalFormat || !seen.Add(SyslogText.SdName(pair.Key)))
        {
            return;
        }

        if (!open)
        {
            output.Write(_sdOpen);
            open = true;
        }

        output.Write(" "u8);
        SyslogText.WriteSdName(output, pair.Key);
        output.Write("=\""u8);
        SyslogText.WriteParamValue(output, CollectionValue.Text(pair.Value));
        output.Write("\""u8);
    }

    private static void WriteNumber(Utf8Buffer output, int value)
    {
        var span = output.GetSpan(11);
        value.TryFormat(span, out var written, default, CultureInfo.InvariantCulture);
        output.Advance(written);
    }
}
