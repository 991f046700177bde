using LoguStyle.Diagnostics;

namespace LoguStyle.Files;

/// <summary>A sink's hold on a shared <see cref="RotatingFile"/>; disposing the last lease closes the file.</summary>
internal sealed class LogFileLease(RegisteredFile entry, SinkStats stats) : IAsyncDisposable
{
    private int _released;

    public RotatingFile File => entry.File;

    public ValueTask DisposeAsync()
    {
        // The sink's generation is retired from the meter after this: the release hands the file's counts to the
        // generation that goes on holding it (the last to release keeps them, for the close below).
        if (Interlocked.Exchange(ref _released, 1) != 0 || LogFileRegistry.Release(entry, stats) is not { } last)
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
