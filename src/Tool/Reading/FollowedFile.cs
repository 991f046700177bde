using LoguStyle.Files.Shared;
using Microsoft.Win32.SafeHandles;

namespace LoguStyle.Tool.Reading;

/// <summary>
/// The active file as tail -f holds it open: reads what was appended since the last read, whole lines only (a line
/// still being written waits for its <c>\n</c>), and says when it was truncated or the path moved on to another file.
/// Reading by offset from an open handle keeps the renamed file readable to its end after a rotation.
/// </summary>
internal sealed class FollowedFile : IDisposable
{
    private readonly SafeFileHandle _handle;
    private readonly LineBuffer _buffer = new();
    private readonly FileLineParser _parser;
    private readonly FileIdentity? _identity;
    private long _offset;

    private FollowedFile(string path, SafeFileHandle handle, Action<string, Exception> onDamaged)
    {
        Path = path;
        _handle = handle;
        _identity = OpenFileIdentity.Of(handle);
        _parser = new FileLineParser(path, onDamaged);
    }

    public string Path { get; }

    /// <summary>Opens <paramref name="path"/> for reading beside its writer; null when it is gone (rotated away meanwhile).</summary>
    public static FollowedFile? Open(string path, Action<string, Exception> onDamaged)
    {
        try
        {
            return new FollowedFile(path, File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete), onDamaged);
        }
        catch (FileNotFoundException)
        {
            return null;
        }
        catch (DirectoryNotFoundException)
        {
            return null;
        }
    }

    /// <summary>Hands over the records of the lines completed since the last call; returns how many bytes were read.</summary>
    public long ReadNew(Action<JsonLine> onLine)
    {
        long total = 0;
        if (RandomAccess.GetLength(_handle) < _offset)
        {
            // Truncated in place (Mode: Truncate on restart, logrotate's copytruncate): read it again from its start.
            _offset = 0;
            _buffer.Clear();
        }

        int read;
        while ((read = RandomAccess.Read(_handle, _buffer.Free(16 * 1024), _offset)) > 0)
        {
            _offset += read;
            total += read;
            _buffer.Commit(read);
            while (_buffer.TakeLine() is { } bytes)
            {
                if (_parser.Next(bytes) is { } line)
                {
                    onLine(line);
                }
            }
        }

        return total;
    }

    /// <summary>True when the path names another file than this one (renamed away and recreated) or none.</summary>
    public bool IsReplaced(string? activePath)
    {
        if (activePath is null || !string.Equals(activePath, Path, StringComparison.Ordinal))
        {
            return activePath is not null;
        }

        return _identity is { } identity && OpenFileIdentity.Of(activePath) is { } now && now != identity;
    }

    /// <summary>The file's end when it is left for the next one: a last line that lost only its <c>\n</c> is a record.</summary>
    public JsonLine? TakeLast() => _parser.Last(_buffer.TakeRest());

    public void Dispose() => _handle.Dispose();
}
