namespace LoguStyle.Files;

/// <summary>A sink's hold on a shared <see cref="RotatingFile"/>; disposing the last lease closes the file.</summary>
internal sealed class LogFileLease(RegisteredFile entry) : IAsyncDisposable
{
    private int _released;

    public RotatingFile File => entry.File;

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _released, 1) != 0 || LogFileRegistry.Release(entry) is not { } last)
        {
            return;
        }

        try
        {
#if DEBUG
            LogFileRegistry.AfterLastRelease?.Invoke(entry.FullPath);
#endif
            await last.DisposeAsync().ConfigureAwait(false);
        }
        finally
        {
            // Only now may another provider open the file: its records would otherwise race this one's last flush.
            LogFileRegistry.Closed(entry);
        }
    }
}
