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
    private readonly Lock _dealing = new();
    private readonly int _count;
    private int _next;

    public ThreadRoutes(int count) => _count = count;

    /// <summary>How many connections the routes deal out.</summary>
    public int Count => _count;

    /// <summary>The connection of the thread <paramref name="threadId"/>, dealt to it the first time it is asked for.</summary>
    public int Of(int threadId) => _routes.TryGetValue(threadId, out var route) ? route : Deal(threadId);

    // Under a lock, once a thread: GetOrAdd may run its factory twice for one key (a logging thread's pre-render and the
    // queue's writer ask at once), and a dealt-out number thrown away put two of four threads on one connection.
    private int Deal(int threadId)
    {
        lock (_dealing)
        {
            if (!_routes.TryGetValue(threadId, out var route))
            {
                route = _next;
                _next = (_next + 1) % _count;
                _routes[threadId] = route;
            }

            return route;
        }
    }
}
