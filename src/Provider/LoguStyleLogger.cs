using LoguStyle.Formatting;
using LoguStyle.Pipeline;
using Microsoft.Extensions.Logging;

namespace LoguStyle;

/// <summary>The logger for one category: answers <c>IsEnabled</c> from precomputed levels and fans a record out to its sinks.</summary>
internal sealed class LoguStyleLogger : ILogger
{
    private readonly LoguStyleLoggerProvider _provider;
    private CategoryPipeline _pipeline;

    public LoguStyleLogger(string category, LoguStyleLoggerProvider provider, CategoryPipeline pipeline)
    {
        Category = category;
        CategoryUtf8 = Utf8RecordWriter.Encoded(category, 0, escape: true);
        _provider = provider;
        _pipeline = pipeline;
    }

    public string Category { get; }

    /// <summary>The category as a text sink writes it (escaped, UTF-8), made once instead of for every record.</summary>
    public byte[] CategoryUtf8 { get; }

    /// <summary>Points the logger at a new generation of sinks (reload).</summary>
    public void Update(CategoryPipeline pipeline) => Volatile.Write(ref _pipeline, pipeline);

    public bool IsEnabled(LogLevel logLevel)
    {
        var pipeline = Volatile.Read(ref _pipeline);
        if (pipeline.Set.IsRetired)
        {
            // A reload retired the sinks this logger knew (it may have been created, or refreshed, during the swap):
            // take the current ones, so a changed level applies even to a category that logged nothing since.
            pipeline = _provider.PipelineFor(Category);
            Update(pipeline);
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

        CategoryPipeline pipeline;
        int stripe;
        while (true)
        {
            pipeline = Volatile.Read(ref _pipeline);
            if (pipeline.Set.TryEnter(out stripe))
            {
                break;
            }

            // The set was retired by a reload or dispose after we read it: take the provider's current one.
            Update(_provider.PipelineFor(Category));
        }

        try
        {
            if (logLevel < pipeline.MinLevel)
            {
                return;
            }

            var set = pipeline.Set;
            var reuse = !set.RetainsRecords;
            var target = reuse ? RecordCapture.RentReusable() : set.AllQueued ? RecordPool.Shared.Rent() : new LogRecord();
            var record = RecordCapture.Capture(_provider, target, set, Category, CategoryUtf8, logLevel, eventId, state, exception, formatter);
            _provider.Patch(record, set);
            var sinks = pipeline.Sinks;
            var levels = pipeline.Levels;
            for (var i = 0; i < sinks.Length; i++)
            {
                if (logLevel >= levels[i])
                {
                    sinks[i].Emit(record);
                }
            }

            if (reuse)
            {
                RecordCapture.Release(record);
            }
            else
            {
                // The logging call's hold on a pooled record; the queues hold their own.
                record.ReleaseReference();
            }
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
        }
    }
}
