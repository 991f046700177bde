namespace LoguStyle.Tool.Reading;

/// <summary>
/// The records of every file of a sink (<see cref="LogFile.Files"/>: rotated and compressed files oldest first, the
/// active file last), line by line: a file that cannot be opened or stops decompressing part way is reported and the
/// reading goes on with the next (the records before the damage are kept), as LogFile.Read does.
/// </summary>
internal static class SinkFileLines
{
    public static IEnumerable<JsonLine> Read(IEnumerable<string> files, Action<string, Exception> onDamaged)
    {
        foreach (var file in files)
        {
            foreach (var line in ReadFile(new FileLineParser(file, onDamaged), file))
            {
                yield return line;
            }
        }
    }

    private static IEnumerable<JsonLine> ReadFile(FileLineParser parser, string file)
    {
        using var stream = OpenOrReport(file, parser);
        if (stream is null)
        {
            yield break;
        }

        var buffer = new LineBuffer();
        while (ReadOrReport(stream, buffer, parser))
        {
            while (buffer.TakeLine() is { } bytes)
            {
                if (parser.Next(bytes) is { } line)
                {
                    yield return line;
                }
            }
        }

        if (parser.Last(buffer.TakeRest()) is { } last)
        {
            yield return last;
        }
    }

    private static Stream? OpenOrReport(string file, FileLineParser parser)
    {
        try
        {
            return LogFile.Open(file);
        }
#pragma warning disable CA1031 // A damaged archive is reported and skipped; the next file may be whole.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            parser.Report(ex);
            return null;
        }
    }

    private static bool ReadOrReport(Stream stream, LineBuffer buffer, FileLineParser parser)
    {
        try
        {
            var read = stream.Read(buffer.Free(16 * 1024));
            buffer.Commit(read);
            return read > 0;
        }
#pragma warning disable CA1031 // Damage part way through an archive ends that file; the records before it were read.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            parser.Report(ex);
            return false;
        }
    }
}
