using System.Text;

namespace LoguStyle.Tool.Reading;

/// <summary>One line of a sink's file as it was written (with its <c>\n</c>) and the record it holds.</summary>
internal sealed record JsonLine(byte[] Bytes, LogRecord Record)
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);

    /// <summary>
    /// The record of <paramref name="bytes"/> in any JsonFormat (LogFile's own parser), or null with what is wrong.
    /// An empty line is null with no error: the sinks never write one, and LogFile skips it too.
    /// </summary>
    public static JsonLine? TryParse(byte[] bytes, out Exception? error)
    {
        error = null;
        var text = Utf8.GetString(bytes).TrimEnd('\n', '\r');
        if (text.Length == 0)
        {
            return null;
        }

        return LogFile.TryParse(text, out error) is { } record ? new JsonLine(bytes, record) : null;
    }

    /// <summary>The line as it is written out: a last line that lost nothing but its <c>\n</c> gets it back.</summary>
    public ReadOnlySpan<byte> Terminated => Bytes.Length > 0 && Bytes[^1] == (byte)'\n' ? Bytes : [.. Bytes, (byte)'\n'];
}
