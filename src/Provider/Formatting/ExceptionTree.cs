using System.Globalization;

namespace LoguStyle.Formatting;

/// <summary>
/// Which inner exceptions of a logged exception are written: one rule for the <c>{exception}</c> token (so CLEF's
/// <c>@x</c>, ECS's and OpenTelemetry's stack text) and LoguStyle JSON's nested <c>inner</c>. The whole chain is
/// written, each child of an aggregate, down to <see cref="MaxLevels"/> inner levels and <see cref="MaxExceptions"/>
/// exceptions in all; what is cut is said by one marker where it was cut, never silently. The root cause is usually the
/// innermost exception, so a bound that is hit names what it left out. A cycle (only reflection can build one) is cut
/// by a marker too, so no writer loops. One instance walks one exception; writers call <see cref="Cut"/> before each
/// inner exception they would write.
/// </summary>
internal sealed class ExceptionTree
{
    /// <summary>Inner levels written below the logged exception: a deeper chain is cut with a marker.</summary>
    public const int MaxLevels = 100;

    /// <summary>Exceptions written for one logged exception in all (aggregates of aggregates can share children and multiply).</summary>
    public const int MaxExceptions = 10_000;

    // Counting what a depth cut leaves out walks the rest of the tree; it stops here and says "more than".
    private const int MaxCounted = 100_000;

    /// <summary>
    /// Inner levels LoguStyle JSON nests below the logged exception, an aggregate's children counting 2 (its array and
    /// their objects): with the record's own object, an exception that is a property's value (8 levels deep at most)
    /// and the deepest exception's <c>data</c> (9 more), a line stays within the 64 levels that System.Text.Json's and
    /// Newtonsoft's readers take by default.
    /// </summary>
    public const int MaxJsonLevels = 40;

    private readonly List<Exception> _path = [];
    private readonly ExceptionTreeOutput _output;
    private int _written = 1;

    /// <summary>The bound of the <c>{exception}</c> token's text (<see cref="ExceptionTreeOutput.Text"/>).</summary>
    public ExceptionTree()
        : this(ExceptionTreeOutput.Text)
    {
    }

    private ExceptionTree(ExceptionTreeOutput output) => _output = output;

    /// <summary>The bound of LoguStyle JSON's nested <c>inner</c> (<see cref="ExceptionTreeOutput.LoguStyleJson"/>).</summary>
    public static ExceptionTree ForLoguStyleJson() => new(ExceptionTreeOutput.LoguStyleJson);

    /// <summary>The level of the inner exceptions of an exception at <paramref name="level"/>: one more, or the output's levels below an aggregate.</summary>
    public int Below(int level, bool aggregate) => level + (aggregate ? _output.AggregateLevels : 1);

    /// <summary>True once <see cref="MaxExceptions"/> were written: every writer stops, the marker was written once.</summary>
    public bool Stopped { get; private set; }

    /// <summary>The inner exceptions of <paramref name="exception"/>: an aggregate's children, else its one inner exception, else none.</summary>
    public static IReadOnlyList<Exception> InnerOf(Exception exception) =>
        ExceptionText.Children(exception) ?? (exception.InnerException is { } inner ? [inner] : []);

    /// <summary>Marks <paramref name="exception"/> as being written (an ancestor of what is written inside it).</summary>
    public void Enter(Exception exception) => _path.Add(exception);

    /// <summary>Marks the end of the writing of the exception entered last.</summary>
    public void Leave() => _path.RemoveAt(_path.Count - 1);


    /// <summary>
    /// Null when <paramref name="inner"/>[<paramref name="index"/>], at <paramref name="level"/> below the logged
    /// exception, is to be written; else the marker to write in its place, and the writer writes none of the rest of
    /// <paramref name="inner"/> (a depth cut counts them in its marker).
    /// </summary>
    public string? Cut(IReadOnlyList<Exception> inner, int index, int level)
    {
        var exception = inner[index];
        if (IsOnPath(exception))
        {
            return "... " + ExceptionText.TypeName(exception) + " again: an inner exception of itself";
        }

        if (level > _output.MaxLevels)
        {
            var count = Count(inner.Skip(index));
            var where = _output.DeeperThan;
            return count > MaxCounted
                ? string.Create(CultureInfo.InvariantCulture, $"... more than {MaxCounted} more inner exceptions, {where}")
                : string.Create(CultureInfo.InvariantCulture, $"... {count} more inner exception{(count == 1 ? string.Empty : "s")}, {where}");
        }

        if (_written >= MaxExceptions)
        {
            Stopped = true;
            return string.Create(CultureInfo.InvariantCulture, $"... more inner exceptions, over {MaxExceptions} in all");
        }

        _written++;
        return null;
    }

    // The exceptions a cut leaves out, each once (a cycle or a shared child is not counted again), up to MaxCounted + 1.
    private int Count(IEnumerable<Exception> roots)
    {
        var seen = new HashSet<Exception>(ReferenceEqualityComparer.Instance);
        var pending = new Stack<Exception>(roots.Reverse());
        while (pending.Count > 0 && seen.Count <= MaxCounted)
        {
            var exception = pending.Pop();
            if (IsOnPath(exception) || !seen.Add(exception))
            {
                continue;
            }

            foreach (var inner in InnerOf(exception))
            {
                pending.Push(inner);
            }
        }

        return seen.Count;
    }

    // A loop, not List.Exists: a lambda capturing the exception would be a closure per inner exception written.
    private bool IsOnPath(Exception exception)
    {
        foreach (var ancestor in _path)
        {
            if (ReferenceEquals(ancestor, exception))
            {
                return true;
            }
        }

        return false;
    }
}
