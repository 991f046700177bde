using LoguStyle.Formatting;
using LoguStyle.Pipeline;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace LoguStyle;

/// <summary>
/// The logger for one category: answers <c>IsEnabled</c> from precomputed levels and fans a record out to its sinks; as an
/// <see cref="IBufferedLogger"/>, it also takes the records a log buffer releases.
/// </summary>
internal sealed class LoguStyleLogger : ILogger, IBufferedLogger
{
    private readonly LoguStyleLoggerProvider _provider;
    private CategoryPipeline _pipeline;

    // True for the host's own logger, whose "Hosting stopping" record starts the host stop's rule (one look per record;
    // see LoguStyleLoggerProvider.HostStopAnnounced).
    private readonly bool _announcesHostStop;

    public LoguStyleLogger(string category, LoguStyleLoggerProvider provider, CategoryPipeline pipeline)
    {
        _announcesHostStop = Sinks.HostStopWrites.AnnouncesStop(category);
        Category = category;
        CategoryUtf8 = Utf8RecordWriter.Encoded(category, 0, escape: true);
        _provider = provider;
        _pipeline = pipeline;
    }

    public string Category { get; }

    /// <summary>The provider whose clock, scopes and enrichers the records of this logger use.</summary>
    public LoguStyleLoggerProvider Provider => _provider;

    /// <summary>The category as a text sink writes it (escaped, UTF-8), made once instead of for every record.</summary>
    public byte[] CategoryUtf8 { get; }

    /// <summary>Points the logger at a new generation of sinks (reload) or of Disable/Enable rules; callers hold the provider's lock.</summary>
    public void Update(CategoryPipeline pipeline) => Volatile.Write(ref _pipeline, pipeline);

    /// <summary>The pipeline the logger uses now (for the provider's check of a logger it just created).</summary>
    public CategoryPipeline Pipeline => Volatile.Read(ref _pipeline);

    /// <summary>
    /// Replaces <paramref name="observed"/>, found out of date, with the provider's current pipeline, unless the provider
    /// replaced it meanwhile; returns the one in use. Not a plain write: a refresh built from the rules as they were just
    /// before a Disable must not overwrite the pipeline the Disable put in (the provider pushes every change under its
    /// lock; this runs outside it, on a logging thread).
    /// </summary>
    public CategoryPipeline Refresh(CategoryPipeline observed)
    {
        var fresh = _provider.PipelineFor(Category);
        var current = Interlocked.CompareExchange(ref _pipeline, fresh, observed);
        return ReferenceEquals(current, observed) ? fresh : current;
    }

    public bool IsEnabled(LogLevel logLevel)
    {
        var pipeline = Volatile.Read(ref _pipeline);
        if (pipeline.Set.IsRetired)
        {
            // A reload retired the sinks this logger knew (it may have been created, or refreshed, during the swap):
            // take the current ones, so a changed level applies even to a category that logged nothing since.
            pipeline = Refresh(pipeline);
        }

        return logLevel >= pipeline.MinLevel && logLevel != LogLevel.None;
    }

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => _provider.ScopeProvider.Push(state);

    // Hot path: one record is captured per call and shared by every sink that accepts it.
    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (!IsEnabled(logLevel))
        {
            return;
        }

        if (_announcesHostStop && Sinks.HostStopWrites.IsStopping(eventId.Id))
        {
            // Before the record can wait for room in a stuck sink's full queue, which it would do without a bound.
            _provider.HostStopAnnounced();
        }

        // A custom level's name (logger.Success): off the thread for the length of this call, so a record logged from
        // inside it (an argument's ToString) does not take the name too; put back for the next provider's logger.
        var levelName = LevelCall.Current;
        if (levelName is not null)
        {
            LevelCall.Exit(null);
        }

        // Read once for the call: the stripe of the sink set and the record's thread (each read is a thread-local lookup).
        var threadId = Environment.CurrentManagedThreadId;
        var pipeline = Enter(threadId, out var stripe);
        try
        {
            if (logLevel < pipeline.MinLevel)
            {
                return;
            }

            var plan = pipeline.Set.Plan;
            var record = RecordCapture.Capture(this, plan, logLevel, eventId, state, exception, formatter, threadId);
            record.SetLevelName(levelName);
            if (pipeline.WalksStackAt(logLevel) && record.CallerFunction is null)
            {
                // A plain MEL call and a sink asked for its caller: one stack walk for the record, on the caller's thread.
                StackCaller.Fill(record);
            }

            Emit(record, pipeline);
            RecordCapture.Finish(record, plan);
        }
#pragma warning disable CA1031 // The contract: a logging call never throws into the application.
        catch (Exception)
#pragma warning restore CA1031
        {
            // Capture is written not to throw and each sink reports its own failures; this is the last line.
        }
        finally
        {
            pipeline.Set.Exit(stripe);
            if (levelName is not null)
            {
                LevelCall.Exit(levelName);
            }
        }
    }

    /// <summary>
    /// Writes records a log buffer held (Microsoft.Extensions.Telemetry's global or per-request buffering) with their own
    /// time, level, event id, template, properties, and the thread, trace and span ids the buffer carried, not those of
    /// the code that flushes (<see cref="BufferedCapture"/>). Each record is filtered as a live one would be.
    /// </summary>
    public void LogRecords(IEnumerable<BufferedLogRecord> records)
    {
        try
        {
            foreach (var buffered in records)
            {
                LogBuffered(buffered);
            }
        }
#pragma warning disable CA1031 // The contract: a logging call never throws into the application (a broken enumeration).
        catch (Exception)
#pragma warning restore CA1031
        {
        }
    }

    private void LogBuffered(BufferedLogRecord buffered)
    {
        var level = buffered.LogLevel;
        if (!IsEnabled(level))
        {
            return;
        }

        var pipeline = Enter(Environment.CurrentManagedThreadId, out var stripe);
        try
        {
            if (level >= pipeline.MinLevel)
            {
                Emit(BufferedCapture.Capture(this, buffered), pipeline);
            }
        }
#pragma warning disable CA1031 // A record the producer cannot give (its properties throw) costs that record, not the others.
        catch (Exception)
#pragma warning restore CA1031
        {
        }
        finally
        {
            pipeline.Set.Exit(stripe);
        }
    }

    /// <summary>Enters the current set of sinks (one a reload or dispose has not retired); <see cref="SinkSet.Exit"/> leaves it.</summary>
    private CategoryPipeline Enter(int threadId, out int stripe)
    {
        while (true)
        {
            var pipeline = Volatile.Read(ref _pipeline);
            if (pipeline.Set.TryEnter(threadId, out stripe))
            {
                return pipeline;
            }

            // The set was retired by a reload or dispose after we read it: take the provider's current one.
            Refresh(pipeline);
        }
    }

    /// <summary>Runs the enrichers, then hands the record to every sink whose level takes it.</summary>
    private void Emit(LogRecord record, CategoryPipeline pipeline)
    {
        if (pipeline.Set.Patches.Length != 0)
        {
            _provider.Patch(record, pipeline.Set);
        }

        var sinks = pipeline.Sinks;
        var levels = pipeline.Levels;
        for (var i = 0; i < sinks.Length; i++)
        {
            if (record.Level >= levels[i])
            {
                sinks[i].Emit(record);
            }
        }
    }
}
