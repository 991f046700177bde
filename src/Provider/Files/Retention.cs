using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using LoguStyle.Files;
using LoguStyle.Parsing;

namespace LoguStyle;

/// <summary>
/// Which closed files of a file sink to keep (Loguru's <c>retention</c>): the newest N, those younger than an age, or
/// those a predicate spares. Applies only to this sink's rotated and compressed files, never to other files in the
/// folder; runs at start-up and after every rotation. A string (<c>"10 days"</c>, <c>"5"</c>) or a number converts
/// implicitly.
/// </summary>
/// <example>
/// <code>
/// file.Retention = 10;                                        // the newest 10 closed files
/// file.Retention = "7 days";                                  // closed files written in the last 7 days
/// file.Retention = Retention.Where(closed =&gt; closed.Length &gt; 1_000_000_000);
/// </code>
/// </example>
[SuppressMessage("Usage", "CA2225:Operator overloads have named alternates", Justification = "Parse and Count are the named alternates.")]
public abstract class Retention
{
    /// <summary>The accepted forms, for error messages.</summary>
    internal const string Expected = "a retention: a whole number of files to keep (e.g. 5) or an age (e.g. \"10 days\", \"1 week\")";

    private protected Retention()
    {
    }

    /// <summary>Keep the newest <paramref name="files"/> closed files; delete older ones.</summary>
    public static Retention Count(int files)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(files, 0);
        return new CountRetention(files);
    }

    /// <summary>Delete closed files last written longer than <paramref name="age"/> ago.</summary>
    public static Retention Age(TimeSpan age)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(age, TimeSpan.Zero);
        return new AgeRetention(age);
    }

    /// <summary>Delete the closed files for which <paramref name="delete"/> returns true.</summary>
    public static Retention Where(Func<RetainedFile, bool> delete)
    {
        ArgumentNullException.ThrowIfNull(delete);
        return new PredicateRetention(delete);
    }

    /// <summary>Parses <c>"5"</c> (count) or a duration (age).</summary>
    /// <exception cref="GrammarException">The text is neither.</exception>
    public static Retention Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var count))
        {
            return Count(count);
        }

        return DurationGrammar.TryParse(text, out var age) ? Age(age) : throw new GrammarException(text, Expected);
    }

    /// <summary>Parses a retention from its text form (<see cref="Parse"/>); null stays null, as if the parameter were left out.</summary>
    [return: System.Diagnostics.CodeAnalysis.NotNullIfNotNull(nameof(text))]
    public static implicit operator Retention?(string? text) => text is null ? null : Parse(text);

    /// <summary>Keeps the newest <paramref name="files"/> files (<see cref="Count"/>).</summary>
    public static implicit operator Retention(int files) => Count(files);

    /// <summary>
    /// The files to delete among this sink's closed files, newest first. Count and age read only the oldest end of
    /// the index (their cost follows what they delete); a predicate is asked about every file.
    /// </summary>
    internal abstract IReadOnlyList<RetainedFile> SelectForDeletion(ClosedFileIndex index, DateTimeOffset now);
}
