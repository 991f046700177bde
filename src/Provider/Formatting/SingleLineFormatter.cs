namespace LoguStyle.Formatting;

/// <summary>
/// Makes every record exactly one line (<c>SingleLine</c>): after the template is rendered, each line break inside the
/// record (from a message, a property, an exception, or the template's own <c>{newline}</c>) becomes the visible
/// <c>\n</c> or <c>\r</c>, so nothing logged can start what looks like a second record (CWE-117).
/// </summary>
internal sealed class SingleLineFormatter(IRecordFormatter inner) : IRecordFormatter
{
    public bool UsesScopes => inner.UsesScopes;

    public bool UsesProperties => inner.UsesProperties;

    public bool Colored => inner.Colored;

    public void Render(LogRecord record, Utf8Buffer output)
    {
        var scratch = ScratchBuffers.Rent();
        try
        {
            inner.Render(record, scratch);
            var line = scratch.WrittenSpan;
            var end = line.Length;

            // The record's own terminator stays; everything before it is escaped.
            if (end > 0 && line[end - 1] == (byte)'\n')
            {
                end--;
                if (end > 0 && line[end - 1] == (byte)'\r')
                {
                    end--;
                }
            }

            WriteEscaped(line[..end], output);
            output.Write(line[end..]);
        }
        finally
        {
            ScratchBuffers.Return(scratch);
        }
    }

    /// <summary>Writes <paramref name="body"/> with each line break as the visible <c>\n</c> or <c>\r</c> (also syslog's line-feed framing).</summary>
    internal static void WriteEscaped(ReadOnlySpan<byte> body, Utf8Buffer output)
    {
        while (true)
        {
            // Line breaks are single bytes in UTF-8 and never part of a longer sequence.
            var next = body.IndexOfAny((byte)'\n', (byte)'\r');
            if (next < 0)
            {
                output.Write(body);
                return;
            }

            output.Write(body[..next]);
            output.Write(body[next] == (byte)'\n' ? "\\n"u8 : "\\r"u8);
            body = body[(next + 1)..];
        }
    }
}
