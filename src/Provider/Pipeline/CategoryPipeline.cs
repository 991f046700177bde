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
        var stackCallerLevel = LogLevel.None;
        foreach (var sink in activation.IsEnabled(category) ? set.Sinks : [])
        {
            var level = sink.MinLevelFor(category);
            if (level < LogLevel.None)
            {
                sinks.Add(sink);
                levels.Add(level);
                if (sink.StackCaller && level < stackCallerLevel)
                {
                    stackCallerLevel = level;
                }
            }
        }

        Sinks = [.. sinks];
        Levels = [.. levels];
        MinLevel = levels.Count == 0 ? LogLevel.None : levels.Min();
        StackCallerLevel = stackCallerLevel;
    }

    public SinkSet Set { get; }

    /// <summary>The Disable/Enable rules this pipeline was built with.</summary>
    public CategoryActivation Activation { get; }

    public Sink[] Sinks { get; }

    public LogLevel[] Levels { get; }

    /// <summary>The lowest level any sink writes for this category; <see cref="LogLevel.None"/> when none does.</summary>
    public LogLevel MinLevel { get; }

    /// <summary>
    /// The lowest level a sink with <c>CallerInfo: StackTrace</c> writes for this category: a record below it walks no
    /// stack. <see cref="LogLevel.None"/> when no sink asks (the cost-free path).
    /// </summary>
    public LogLevel StackCallerLevel { get; }
}
