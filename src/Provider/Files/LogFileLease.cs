namespace LoguStyle.Files;

/// <summary>A sink's hold on a shared <see cref="RotatingFile"/>; disposing the last lease closes the file.</summary>
internal sealed class LogFileLease(string key, RotatingFile file) : IAsyncDisposable
{
    private int _released;

    public RotatingFile File => file;

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _released, 1) == 0 && LogFileRegistry.Release(key) is { } last)
        {
            await last.DisposeAsync().ConfigureAwait(false);
        }
    }
}
