using System.Text;

namespace LoguStyle.SyslogThroughput;

/// <summary>
/// Messages per app name in the receiver's output (tests/Shared/RsyslogReceiver.cs: a JSON line per message with
/// <c>"app":"NAME"</c>), counted from where the last count stopped: only whole lines, each read once.
/// </summary>
internal sealed class AppCounts
{
    private static readonly byte[] AppKey = Encoding.UTF8.GetBytes("\"app\":\"");
    private readonly Dictionary<string, long> _counts = new(StringComparer.Ordinal);
    private long _offset;

    /// <summary>Messages counted so far from <paramref name="app"/>.</summary>
    public long this[string app] => _counts.GetValueOrDefault(app);

    /// <summary>Counts the whole lines <paramref name="path"/> gained since the last call.</summary>
    public void CountNewLines(string path)
    {
        if (!File.Exists(path))
        {
            return;
        }

        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, bufferSize: 1);
        stream.Position = _offset;
        var buffer = new byte[4 << 20];
        var held = 0;
        int read;
        while ((read = stream.Read(buffer, held, buffer.Length - held)) > 0)
        {
            var span = buffer.AsSpan(0, held + read);
            var start = 0;
            int newline;
            while ((newline = span[start..].IndexOf((byte)'\n')) >= 0)
            {
                Count(span.Slice(start, newline));
                start += newline + 1;
            }

            _offset += start;
            held = span.Length - start;
            if (held == buffer.Length)
            {
                throw new InvalidDataException($"A line of more than {buffer.Length} bytes in {path}.");
            }

            span[start..].CopyTo(buffer);
        }
    }

    private void Count(ReadOnlySpan<byte> line)
    {
        var key = line.IndexOf(AppKey);
        if (key < 0)
        {
            return;
        }

        var name = line[(key + AppKey.Length)..];
        var end = name.IndexOf((byte)'"');
        if (end < 0)
        {
            return;
        }

        var app = Encoding.UTF8.GetString(name[..end]);
        _counts[app] = _counts.GetValueOrDefault(app) + 1;
    }
}
