using System.Collections.Concurrent;

namespace LoguStyle.Sinks.Syslog;

/// <summary>
/// Which connection carries each logging thread's records (see <see cref="SyslogConnections"/>): threads are dealt out
/// in the order they first log, so N busy threads use N connections (a thread id modulo N would put two threads of ids
/// 4 apart on one connection, and the runtime reuses the ids of ended threads). A thread keeps its connection for good,
/// so its records keep their order; a reload that keeps the number of connections keeps the routes too.
/// </summary>
internal sealed class ThreadRoutes
{
    private readonly ConcurrentDictionary<int, int> _routes = new();
    private readonly int _count;
    private int _next = -1;

    public ThreadRoutes(int count) => _count = count;

    /// <summary>How many connections the routes deal out.</summary>
    public int Count => _count;

    /// <summary>The connection of the thread <paramref name="threadId"/>, dealt to it the first time it is asked for.</summary>
    public int Of(int threadId) =>
        _routes.TryGetValue(threadId, out var route) ? route : _routes.GetOrAdd(threadId, _ => (int)((uint)Interlocked.Increment(ref _next) % (uint)_count));
}
