using LoguStyle.Formatting;
using LoguStyle.Tool.Reading;

namespace LoguStyle.Tool.Output;

/// <summary>
/// Where kept records go: stdout, rendered by <see cref="RecordRenderer"/> or (<c>--json</c>) the line exactly as the
/// sink wrote it. A write to a reader that went away throws <see cref="OutputClosedException"/>, told apart from a
/// read error of a log file.
/// </summary>
internal sealed class RecordOutput : IDisposable
{
    private readonly Stream _stdout;
    private readonly RecordRenderer? _renderer;
    private readonly Utf8Buffer _buffer = new(4096);

    public RecordOutput(Stream stdout, RecordRenderer? renderer)
    {
        _stdout = new BufferedStream(stdout, 64 * 1024);
        _renderer = renderer;
    }

    public void Write(JsonLine line)
    {
        ReadOnlySpan<byte> bytes;
        if (_renderer is null)
        {
            bytes = line.Terminated;
        }
        else
        {
            _buffer.Clear();
            _renderer.Render(line.Record, _buffer);
            bytes = _buffer.WrittenSpan;
        }

        try
        {
            _stdout.Write(bytes);
        }
        catch (IOException ex)
        {
            throw Closed(ex);
        }
    }

    public void Flush()
    {
        try
        {
            _stdout.Flush();
        }
        catch (IOException ex)
        {
            throw Closed(ex);
        }
    }

    public void Dispose()
    {
        try
        {
            _stdout.Dispose();
        }
        catch (IOException)
        {
            // The reader went away after the last flush; nothing is left to say to it.
        }
    }

    private static OutputClosedException Closed(IOException ex) => new("the reader of logu's output closed it", ex);
}
