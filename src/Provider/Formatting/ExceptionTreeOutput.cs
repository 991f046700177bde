using System.Globalization;

namespace LoguStyle.Formatting;

/// <summary>
/// The two outputs an <see cref="ExceptionTree"/> bounds, each with its own depth: the <c>{exception}</c> token's text
/// (so CLEF's <c>@x</c>, ECS's and OpenTelemetry's stack text) and LoguStyle JSON's nested <c>inner</c>, whose depth is
/// the JSON reader's. Chosen once, when the tree is made.
/// </summary>
internal sealed class ExceptionTreeOutput
{
    /// <summary>The <c>{exception}</c> token's text: <see cref="ExceptionTree.MaxLevels"/> inner levels, each one level.</summary>
    public static readonly ExceptionTreeOutput Text = new(ExceptionTree.MaxLevels, aggregateLevels: 1, "deeper than {0} levels");

    /// <summary>
    /// LoguStyle JSON's nested <c>inner</c>: <see cref="ExceptionTree.MaxJsonLevels"/>, an aggregate's children counting 2
    /// (its array and their objects each nest a level).
    /// </summary>
    public static readonly ExceptionTreeOutput LoguStyleJson = new(ExceptionTree.MaxJsonLevels, aggregateLevels: 2, "nested deeper than {0} levels in LoguStyle JSON");

    private ExceptionTreeOutput(int maxLevels, int aggregateLevels, string deeperThan)
    {
        MaxLevels = maxLevels;
        AggregateLevels = aggregateLevels;
        DeeperThan = string.Format(CultureInfo.InvariantCulture, deeperThan, maxLevels);
    }

    /// <summary>Inner levels written below the logged exception: a deeper chain is cut with a marker.</summary>
    public int MaxLevels { get; }

    /// <summary>How many levels below an aggregate its children are.</summary>
    public int AggregateLevels { get; }

    /// <summary>Where a depth cut's marker says the exceptions it left out were.</summary>
    public string DeeperThan { get; }
}
