using LoguStyle.Sinks;
using Microsoft.Extensions.Logging;

namespace LoguStyle.Pipeline;

/// <summary>
/// The sinks of one generation that can accept a category, with their levels precomputed for it, so
/// <c>IsEnabled</c> is one comparison and a write visits only sinks that may want the record.
/// </summary>
internal sealed class CategoryPipeline
{
    public CategoryPipeline(SinkSet set, string category)
        : this(set, category, CategoryActivation.All)
    {
    }

    /// <summary>The pipeline of <paramref name="category"/>: no sink at all when <paramref name="activation"/> disables it.</summary>
    public CategoryPipeline(SinkSet set, string category, CategoryActivation activation)
    {
        Set = set;
        Activation = activation;
        var sinks = new List<Sink>();
        var levels = new List<LogLevel>();
        var stackCallerLevels = 0;
        foreach (var sink in activation.IsEnabled(category) ? set.Sinks : [])
        {
            var level = sink.MinLevelFor(category);
            if (level < LogLevel.None)
            {
                sinks.Add(sink);
                levels.Add(level);
                if (sink.StackCaller)
                {
                    // Every level the sink writes, from its Level up to its MaxLevel: a record above a MaxLevel that
                    // no asking sink writes walks no stack.
                    for (var written = level; written <= sink.MaxLevel && written < LogLevel.None; written++)
                    {
                        stackCallerLevels |= 1 << (int)written;
                    }
                }
            }
        }

        Sinks = [.. sinks];
        Levels = [.. levels];
        MinLevel = levels.Count == 0 ? LogLevel.None : levels.Min();
        _stackCallerLevels = stackCallerLevels;
    }

    // One bit per LogLevel that some sink asking for a stack-found caller writes.
    private readonly int _stackCallerLevels;

    public SinkSet Set { get; }

    /// <summary>The Disable/Enable rules this pipeline was built with.</summary>
    public CategoryActivation Activation { get; }

    public Sink[] Sinks { get; }

    public LogLevel[] Levels { get; }

    /// <summary>The lowest level any sink writes for this category; <see cref="LogLevel.None"/> when none does.</summary>
    public LogLevel MinLevel { get; }

    /// <summary>
    /// True when a sink with <c>CallerInfo: StackTrace</c> writes records of <paramref name="level"/> for this category
    /// (between its Level and its MaxLevel): only then does a plain MEL call walk its stack. Always false when no sink
    /// asks (the cost-free path: one bit test).
    /// </summary>
    public bool WalksStackAt(LogLevel level) => (_stackCallerLevels & (1 << (int)level)) != 0;
}
