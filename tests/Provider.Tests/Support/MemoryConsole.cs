using System.Text;
using LoguStyle.Sinks;

namespace LoguStyle.Tests.Support;

/// <summary>A console sink's output captured in memory, with a way to build providers that write to it.</summary>
internal sealed class MemoryConsole
{
    private readonly MemoryStream _stream = new();

    public string Text
    {
        get
        {
            lock (_stream)
            {
                return Encoding.UTF8.GetString(_stream.ToArray());
            }
        }
    }

    public string[] Lines => Text.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    public ConsoleSinkOptions Sink(string name = "console", string? format = null, bool terminal = false, ColorMode colorize = ColorMode.Auto) =>
        new(name) { Format = format, Colorize = colorize, OutputOverride = new SynchronizedStream(_stream), OutputOverrideIsTerminal = terminal };

    /// <summary>Serialises writes of several sinks to one memory stream.</summary>
    private sealed class SynchronizedStream(MemoryStream inner) : Stream
    {
        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            lock (inner)
            {
                inner.Write(buffer);
            }
        }
    }
}
