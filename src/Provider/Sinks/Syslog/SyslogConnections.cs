using System.Globalization;
using LoguStyle.Diagnostics;
using LoguStyle.Formatting;
using LoguStyle.Queue;

namespace LoguStyle.Sinks.Syslog;

/// <summary>
/// A Syslog sink with several connections (<see cref="SyslogSinkOptions.Connections"/> over 1): N queued
/// <see cref="SyslogSink"/>s, each with a writer and a connection of its own, which the logging threads enqueue into
/// directly (<see cref="IQueueLanes"/>). A receiver such as rsyslog reads each connection on its own, so N connections
/// carry more than one.
/// </summary>
/// <remarks>
/// Composed from the queue, not a protocol of its own. Each connection's queue holds a share of the sink's
/// <c>QueueCapacity</c> under the sink's <c>QueueFullMode</c>, so a receiver that stops reading one connection holds (or
/// drops the records of) only the threads routed to it. The queue in front of this sink carries no record: it is the
/// sink's place in the provider, and its flush, dispose, exit give-up and reload hand-over reach every connection's queue.
/// The counts are the sink's one <see cref="SinkStats"/>, which every connection adds to. A record goes by its logging
/// thread, so one thread's records all travel one connection, in order.
/// </remarks>
internal sealed class SyslogConnections : Sink, IQueueLanes
{
    private readonly QueuedSink[] _lanes;
    private readonly SyslogSink[] _connections;

    // Replaced by the previous generation's at a reload that keeps the number of connections (InheritFrom).
    private volatile ThreadRoutes _routes;

    /// <param name="options">The sink's options; <see cref="SyslogSinkOptions.Connections"/> says how many.</param>
    /// <param name="time">The provider's clock.</param>
    /// <param name="errors">The sink's error reporter, shared by its connections.</param>
    /// <param name="levels">The level table.</param>
    /// <param name="capacity">The sink's queue capacity: the connections' queues hold a share of it each.</param>
    /// <param name="mode">The sink's <c>QueueFullMode</c>, which each connection's queue applies to its callers.</param>
    public SyslogConnections(SyslogSinkOptions options, TimeProvider time, SinkErrorReporter errors, LevelTable levels, int capacity, QueueFullMode mode)
        : base(options, errors)
    {
        var count = options.Connections;
        _routes = new ThreadRoutes(count);
        _connections = new SyslogSink[count];
        _lanes = new QueuedSink[count];

        try
        {
            for (var i = 0; i < count; i++)
            {
                var laneCapacity = LaneCapacity(capacity, count, i);
                var lane = string.Create(CultureInfo.InvariantCulture, $"connection {i + 1} of {count}");
                _connections[i] = new SyslogSink(options, time, errors, levels, mode, Stats);
                _lanes[i] = new QueuedSink(_connections[i], time, laneCapacity, mode)
                {
                    LaneName = lane,
                    LaneShare = string.Create(CultureInfo.InvariantCulture, $"{lane}: {laneCapacity} of the sink's {capacity} records"),
                };
            }
        }
        catch
        {
            foreach (var lane in _lanes.Where(lane => lane is not null))
            {
                lane.DisposeAsync().AsTask().GetAwaiter().GetResult();
            }

            throw;
        }
    }

    /// <summary>
    /// Connection <paramref name="index"/>'s queue capacity: an equal share of the sink's <paramref name="capacity"/>, the
    /// remainder one record each to the first connections, so together they hold the sink's capacity (the queue in front
    /// holds no record). A capacity below the number of connections still leaves each queue 1 record: then they hold
    /// <paramref name="count"/> in all.
    /// </summary>
    internal static int LaneCapacity(int capacity, int count, int index) =>
        Math.Max(1, (capacity / count) + (index < capacity % count ? 1 : 0));

    /// <summary>How many connections.</summary>
    internal int Count => _connections.Length;

    /// <summary>Connection <paramref name="index"/>'s sink (for the reload's hand-over and for tests).</summary>
    internal SyslogSink Connection(int index) => _connections[index];

    /// <summary>The connections' queues.</summary>
    public IReadOnlyList<QueuedSink> Lanes => _lanes;

    public override bool UsesScopes => true;

    public override bool UsesProperties => true;

    // Each connection's queue takes a reference to a record it holds and releases it once sent, as any queue does, and
    // its SyslogSink keeps no record: a record may be pooled (a sink that retains records turns pooling off for every sink).
    public override bool RetainsRecords => false;

    // Each connection counts what its receiver has (or what it gave up); the queue in front counts nothing more.
    protected internal override bool CountsOwnWrites => true;

    /// <summary>
    /// True once the writer of the queue in front (<paramref name="front"/>) has ended and each connection's writer too:
    /// until then a record given up on may still be counted when its stuck send returns.
    /// </summary>
    internal bool SettledWith(QueuedSink front) => front.Writer.IsCompleted && _lanes.All(lane => lane.Writer.IsCompleted);

    /// <summary>The records in the connections' queues.</summary>
    internal int Queued => _lanes.Sum(lane => (int)Math.Clamp(lane.Counters.Queued, 0, lane.Capacity));

    /// <summary>The connection that carries <paramref name="record"/>: its logging thread's, so a thread's records keep their order.</summary>
    private int Route(LogRecord record) => _routes.Of(record.ThreadId);

    /// <summary>On the logging thread: into the record's connection's queue, which waits or drops under the sink's mode.</summary>
    public void Enqueue(LogRecord record) => _lanes[Route(record)].WriteFromFront(record);

    // Only a record the queue in front took itself (none: it hands every caller's on, see IQueueLanes) comes here.
    protected override void Write(LogRecord record) => Enqueue(record);

    /// <summary>The exit's drain: each connection's queue tells the drops its once-a-minute report has not told yet.</summary>
    internal override void ReportInnerQueuesPendingDrops()
    {
        foreach (var lane in _lanes)
        {
            lane.ReportPendingDrops();
        }
    }

    /// <summary>
    /// Returns when every connection has sent (or given up and counted) every record routed to it before the call. The
    /// queue in front returns this for its flush while it is open (it carries no record, see QueuedSink.FlushAsync), and
    /// its writer calls it for a barrier only, never when it runs empty.
    /// </summary>
    public override Task FlushAsync(CancellationToken cancellationToken) => Task.WhenAll(FlushParts(cancellationToken));

    internal override Task[] FlushParts(CancellationToken cancellationToken)
    {
        var flushes = new Task[_lanes.Length];
        for (var i = 0; i < _lanes.Length; i++)
        {
            flushes[i] = _lanes[i].FlushAsync(cancellationToken);
        }

        return flushes;
    }

    internal override void Stopping()
    {
        foreach (var lane in _lanes)
        {
            lane.Stopping();
        }
    }

    /// <summary>
    /// A reload keeps the sink: connection i takes over the previous generation's connection i, and with the same number
    /// of connections each thread's route too, so each thread's records stay on one connection across the reload; a
    /// previous sink of one connection hands it to connection 0.
    /// </summary>
    internal override void InheritFrom(Sink previous)
    {
        switch (previous)
        {
            case SyslogConnections connections:
                if (connections.Count == Count)
                {
                    // Each thread stays on connection i, which takes the previous connection i over: its order holds.
                    _routes = connections._routes;
                }

                for (var i = 0; i < Math.Min(Count, connections.Count); i++)
                {
                    _connections[i].InheritFrom(connections.Connection(i));
                }

                break;
            case SyslogSink single:
                _connections[0].InheritFrom(single);
                break;
        }
    }

    internal override async ValueTask CloseAfterDrainAsync(TimeSpan drainLeft, TimeSpan reportedBound)
    {
        await CloseLanesAsync(drainLeft, reportedBound).ConfigureAwait(false);
        await base.DisposeAsync().ConfigureAwait(false);
    }

    // The lanes' ends run side by side, each on a thread of its own (see QueuedSink.EndAtExitAsync), and are waited for
    // on the tasks themselves: a Task.WhenAll completes in a continuation, which at exit may wait for a pool thread that
    // never comes. Each end is bounded (its wait, then its give-up).
    internal override void EndInnerQueuesAtExit(TimeSpan wait, TimeSpan bound, string why) =>
        Task.WaitAll([.. _lanes.Select(lane => lane.EndAtExitAsync(wait, bound, why))]);

    public override async ValueTask DisposeAsync()
    {
        await CloseLanesAsync(QueuedSink.DefaultDrainTimeout, QueuedSink.DefaultDrainTimeout).ConfigureAwait(false);
        await base.DisposeAsync().ConfigureAwait(false);
    }

    // Side by side: each connection drains within the same bound, and one stuck receiver does not hold the others. One
    // deadline for all: a lane's dispose runs on the caller's thread until it first waits, and a connection's close may
    // block it (its graceful end), so the next lane's dispose begins only after; each given the whole bound from its own
    // start, the lanes' closes added up past the bound on a 2-core machine (an outside run).
    private Task CloseLanesAsync(TimeSpan drainLeft, TimeSpan reportedBound)
    {
        if (drainLeft < TimeSpan.Zero)
        {
            // Timeout.InfiniteTimeSpan: no bound to share.
            return Task.WhenAll(_lanes.Select(lane => lane.DisposeAsync(drainLeft, reportedBound).AsTask()));
        }

        var endBy = Environment.TickCount64 + (long)Math.Min(drainLeft.TotalMilliseconds, int.MaxValue);
        return Task.WhenAll(_lanes.Select(lane =>
        {
            var left = TimeSpan.FromMilliseconds(Math.Max(0, endBy - Environment.TickCount64));
            return lane.DisposeAsync(left, reportedBound).AsTask();
        }));
    }
}
