using LoguStyle.Diagnostics;

namespace LoguStyle.Files;

/// <summary>A sink's hold on a shared <see cref="RotatingFile"/>; disposing the last lease closes the file.</summary>
internal sealed class LogFileLease(RegisteredFile entry, SinkStats stats) : IAsyncDisposable
{
    private int _released;

    public RotatingFile File => entry.File;

    public ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _released, 1) != 0)
        {
            return ValueTask.CompletedTask;
        }

        // Before the release: the sink's generation is retired from the meter after this, so the file counts to the
        // generation that goes on holding it from now on (the last one keeps it, for the close below).
        entry.File.Leave(stats);
        if (LogFileRegistry.Release(entry) is not { } last)
        {
            return ValueTask.CompletedTask;
        }

        try
        {
#if DEBUG
            LogFileRegistry.AfterLastRelease?.Invoke(entry.FullPath);
#endif
            if (!last.CloseActiveFile())
            {
                return ValueTask.CompletedTask;
            }
        }
        finally
        {
            // Only now may another provider (or the next generation) open the file: its records would otherwise race
            // this one's last flush.
            LogFileRegistry.Closed(entry);
        }

        // Not waited for here: compressing the closed files may take long (a large file, a slow custom compressor), and
        // a reload that removes the sink must not wait for it. The provider's dispose waits for it, within the worker's
        // bound; the next worker on the path leaves the files this one claimed.
        LogFileRegistry.Draining(entry.Owner, last.DrainArchivesAsync().AsTask());
        return ValueTask.CompletedTask;
    }
}
