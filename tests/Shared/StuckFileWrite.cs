using LoguStyle.Files;

namespace LoguStyle.Testing;

/// <summary>
/// (Shared by the test projects.) A direct file sink whose writes, once <see cref="Arm"/> was called, never return until
/// <see cref="Release"/>, holding the file's lock as a write blocked in the kernel (a hung NFS server) does: the write
/// blocks in the file's rotation predicate, which the file calls under that lock before each record. A FIFO cannot stand
/// in for the stuck output (the sink does not open one: lseek fails with ESPIPE).
/// </summary>
internal sealed class StuckFileWrite : IDisposable
{
    private readonly ManualResetEventSlim _armed = new();
    private readonly ManualResetEventSlim _entered = new();
    private readonly ManualResetEventSlim _released = new();

    /// <summary>The stuck sink: a direct file at <paramref name="path"/> named <paramref name="name"/>, format <c>{message}</c>.</summary>
    public FileSinkOptions Sink(string path, string name) => new(path, name)
    {
        Format = "{message}",
        Rotation = Rotation.When(_ =>
        {
            if (_armed.IsSet)
            {
                _entered.Set();
                _released.Wait();
            }

            return false;
        }),
    };

    /// <summary>From now on a write to the sink blocks inside the file's lock until <see cref="Release"/>.</summary>
    public void Arm() => _armed.Set();

    /// <summary>Waits until a write blocks inside the file's lock.</summary>
    public bool WaitEntered(TimeSpan timeout) => _entered.Wait(timeout);

    /// <summary>The stuck write returns; the writes after it pass.</summary>
    public void Release() => _released.Set();

    public void Dispose()
    {
        // Callers join the held write first (Release, then wait for it): a write still inside would wait on a disposed event.
        _released.Set();
        _armed.Dispose();
        _entered.Dispose();
        _released.Dispose();
    }
}
