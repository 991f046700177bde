using System.Text;
using Microsoft.Extensions.Logging;

namespace LoguStyle.SideBySide.Providers;

/// <summary>The provider of <see cref="FloorFileProvider"/> and its one file; every category's logger writes into its one buffer.</summary>
internal sealed class FloorWriter(string path, LogLevel minimum) : ILoggerProvider
{
    private const int BufferBytes = 64 * 1024;

    // Room left for one line before the buffer is written out (the benchmark's lines are under 100 bytes).
    private const int LineRoom = 4096;

    private static readonly byte[][] Levels = [.. Formats.ShortLevels.Select(Encoding.UTF8.GetBytes)];

    private readonly Lock _lock = new();
    private readonly FileStream _file = new(path, FileMode.Append, FileAccess.Write, FileShare.Read, bufferSize: 1);
    private readonly byte[] _buffer = new byte[BufferBytes];
    private readonly byte[] _secondText = new byte[20];
    private readonly TimeSpan _offset = TimeZoneInfo.Local.GetUtcOffset(DateTime.UtcNow);
    private long _second = -1;
    private int _used;

    public ILogger CreateLogger(string categoryName) => new FloorLogger(this, Encoding.UTF8.GetBytes(categoryName), minimum);

    public void Flush()
    {
        lock (_lock)
        {
            WriteOut();
            _file.Flush();
        }
    }

    public void Dispose()
    {
        Flush();
        _file.Dispose();
    }

    public void Write(LogLevel level, byte[] category, ReadOnlySpan<byte> message)
    {
        lock (_lock)
        {
            if (_buffer.Length - _used < LineRoom + message.Length)
            {
                WriteOut();
            }

            var line = _buffer.AsSpan(_used);
            var written = WriteTime(line);
            written += Append(line[written..], " | "u8);
            written += Append(line[written..], Levels[(int)level]);
            written += Append(line[written..], " | "u8);
            written += Append(line[written..], category);
            written += Append(line[written..], " - "u8);
            written += Append(line[written..], message);
            line[written++] = (byte)'\n';
            _used += written;
        }
    }

    private static int Append(Span<byte> line, ReadOnlySpan<byte> text)
    {
        text.CopyTo(line);
        return text.Length;
    }

    // yyyy-MM-dd HH:mm:ss.fff, local time: the part up to the second is formatted when the second changes.
    private int WriteTime(Span<byte> line)
    {
        var ticks = (DateTime.UtcNow + _offset).Ticks;
        var second = ticks / TimeSpan.TicksPerSecond;
        if (second != _second)
        {
            _second = second;
            new DateTime(second * TimeSpan.TicksPerSecond).TryFormat(_secondText, out _, "yyyy-MM-dd HH:mm:ss.", System.Globalization.CultureInfo.InvariantCulture);
        }

        _secondText.CopyTo(line);
        var milliseconds = (int)(ticks / TimeSpan.TicksPerMillisecond % 1000);
        line[20] = (byte)('0' + (milliseconds / 100));
        line[21] = (byte)('0' + (milliseconds / 10 % 10));
        line[22] = (byte)('0' + (milliseconds % 10));
        return 23;
    }

    private void WriteOut()
    {
        _file.Write(_buffer, 0, _used);
        _used = 0;
    }
}
