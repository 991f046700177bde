using LoguStyle.Diagnostics;
using LoguStyle.Files;
using LoguStyle.Formatting;
using LoguStyle.Queue;

namespace LoguStyle.Sinks;

/// <summary>Builds sinks from options: compiles each template once and puts queues where a sink needs one.</summary>
internal static class SinkFactory
{
    /// <summary>
    /// Builds every sink of <paramref name="options"/>, or the default console sink when there are none, and publishes
    /// their counts on the meter in <paramref name="owner"/>'s series (the provider's, so they go on across reloads).
    /// Throws the first problem <see cref="OptionsCheck"/> finds (<see cref="FormatTemplateException"/> for a
    /// bad template, <see cref="ArgumentException"/> otherwise) before any sink is built. <paramref name="owner"/> is
    /// also the provider whose generations share their files; another provider's may not.
    /// </summary>
    public static Sink[] Build(LoguStyleLoggerOptions options, TimeProvider time, object owner, TextWriter? errorOutput = null)
    {
        IList<SinkOptions> declared = options.Sinks.Count == 0 ? [new ConsoleSinkOptions()] : options.Sinks;

        // Everything that can be checked is checked before anything is built (the hosting validator runs the same checks).
        if (OptionsCheck.Find(options) is [var first, ..])
        {
            throw first.Error;
        }

        // The names become known to logging calls (logger.Log("NOTICE", ...)) process-wide, before any sink exists.
        LevelRegistry.Define(options.CustomLevels);
        var levels = LevelTable.From(options.Levels, options.CustomLevels);
        var built = new List<Sink>(declared.Count);
        var files = new List<RotatingFile>();
        try
        {
            foreach (var sink in declared)
            {
                // The stderr lines' minute and running count are the name's, across this owner's reloads.
                var errors = new SinkErrorReporter(sink.Name, time, errorOutput, SinkReportHistory.For(owner, sink.Name));
                var capacity = sink.QueueCapacity ?? options.QueueCapacity;
                var mode = sink.QueueFullMode ?? options.QueueFullMode;
                var inner = Build(sink, time, errors, levels, owner, capacity, mode);
                // Syslog sinks are always enqueued: the network never blocks a logging call.
                var queued = sink.Enqueue || inner is AsyncDelegateSink or Syslog.SyslogSink or Syslog.SyslogConnections;
                var sinkBuilt = !queued ? inner
                    : inner is IQueueLanes ? new QueueInFrontOfLanes(inner, time, capacity, mode)
                    : new QueuedSink(inner, time, capacity, mode);
                if (inner is Syslog.SyslogConnections connections && sinkBuilt is QueuedSink front)
                {
                    // The sink's counts cover the connections' queues, which hold its records.
                    front.Stats.QueueLength = () => (int)Math.Clamp(front.Counters.Queued, 0, front.Capacity) + connections.Queued;
                    front.Stats.Settled = () => connections.SettledWith(front);
                }

                sinkBuilt.Publish(owner);
                built.Add(sinkBuilt);
                files.AddRange(inner is FileSink file ? [file.File] : []);
            }

            // Recovery and retention start once every file of the set is open: a sink never takes a sibling's new
            // file (a look-alike name, or a {time} file that a stale name would not protect) for a closed one.
            files.ForEach(file => file.Archiver.Recover());
        }
        catch
        {
            foreach (var sink in built)
            {
                sink.DisposeAsync().AsTask().GetAwaiter().GetResult();
            }

            throw;
        }

        return [.. built];
    }

    private static Sink Build(SinkOptions options, TimeProvider time, SinkErrorReporter errors, LevelTable levels, object owner, int capacity, QueueFullMode mode) => options switch
    {
        ConsoleSinkOptions console => new ConsoleSink(console, errors, levels),
        FileSinkOptions file => new FileSink(file, time, errors, levels, owner),
        DelegateSinkOptions { Write: not null } d => new DelegateSink(d, errors),
        DelegateSinkOptions { WriteText: not null } d => new TextDelegateSink(d, errors, levels),
        DelegateSinkOptions { WriteAsync: not null } d => new AsyncDelegateSink(d, errors),
        SyslogSinkOptions { Connections: > 1 } syslog => new Syslog.SyslogConnections(syslog, time, errors, levels, capacity, mode),
        SyslogSinkOptions syslog => new Syslog.SyslogSink(syslog, time, errors, levels, mode),
        _ => throw new ArgumentException($"Sink '{options.Name}' is of a kind this version cannot build: {options.GetType().Name}.", nameof(options)),
    };
}
