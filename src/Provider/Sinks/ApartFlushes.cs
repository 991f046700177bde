namespace LoguStyle.Sinks;

/// <summary>
/// A direct sink's flushes (and its late close), one at a time, each on a thread of its own. A direct sink's flush may
/// block for good: a file sink's takes the file's lock, which a write that never returns (a hung NFS server, a full pipe)
/// holds. A thread per flush kept the callers free, but an application that flushes again and again (a health check
/// each second, each with its own timeout) left one more thread blocked on that lock per call, without bound. So while
/// one flush is in flight, a later flush waits for it and then runs once for every call that came meanwhile: it begins
/// after those calls, so it still covers every record they logged before it (a flush begun earlier may not), and no
/// thread waits until it begins. At most one thread per sink is ever blocked here.
/// </summary>
internal sealed class ApartFlushes(Sink sink)
{
    private readonly Lock _lock = new();

    // The flush (or close) begun or waiting last: the next one begins when it ends.
    private Task _last = Task.CompletedTask;

    // The number of the flush _last stands for while it waits for the one before it to end (0 once it began or when
    // _last is a close): a call joins it then, with the same token. Numbered because a waiting flush may be followed by
    // another (another token), and only its own beginning may clear it.
    private long _waiting;
    private CancellationToken _waitingToken;
    private long _numbered;

    /// <summary>
    /// A flush of the sink that begins at the earliest after this call: the one waiting to begin when there is one for
    /// <paramref name="cancellationToken"/>, else a new one, at once or once the flush in flight ends.
    /// </summary>
    /// <param name="cancellationToken">Passed into the sink's flush (the host's stop passes its own); flushes with different tokens are not shared.</param>
    public Task Flush(CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (_waiting != 0 && _waitingToken == cancellationToken)
            {
                return _last;
            }

            if (_last.IsCompleted)
            {
                _last = OnOwnThread(() => sink.FlushAsync(cancellationToken));
                return _last;
            }

            // The new flush clears its own mark when it begins, under this lock: not before this call has set it, even
            // when the flush in flight ends in between.
            var number = ++_numbered;
            _waiting = number;
            _waitingToken = cancellationToken;
            _last = After(_last, () =>
            {
                lock (_lock)
                {
                    if (_waiting == number)
                    {
                        _waiting = 0;
                    }
                }

                return sink.FlushAsync(cancellationToken);
            });
            return _last;
        }
    }

    /// <summary>
    /// Runs <paramref name="close"/> on a thread of its own once every flush begun or waiting has ended; no thread waits
    /// until then. Flushes asked for afterwards begin after it.
    /// </summary>
    public Task CloseAfter(Func<Task> close)
    {
        lock (_lock)
        {
            _waiting = 0;
            _last = After(_last, close);
            return _last;
        }
    }

    /// <summary>
    /// <paramref name="work"/> on a thread of its own once <paramref name="previous"/> ended (however it ended). The
    /// continuation runs on the thread that ends <paramref name="previous"/> (the previous flush's own) and only starts a
    /// thread: queued to the pool instead, it would wait for a pool thread, and the application's calls stuck in the
    /// sink may hold all of them.
    /// </summary>
    private static Task After(Task previous, Func<Task> work) =>
        previous.ContinueWith(_ => OnOwnThread(work), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default).Unwrap();

    /// <summary>
    /// Runs <paramref name="work"/> on a thread of its own, up to its first wait: not on the thread pool, where each blocked
    /// flush would hold a pool thread, and a fresh process on 2 cores has 2 (the dispose's own continuations would wait
    /// for the pool to grow).
    /// </summary>
    private static Task OnOwnThread(Func<Task> work) =>
        Task.Factory.StartNew(work, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default).Unwrap();
}
