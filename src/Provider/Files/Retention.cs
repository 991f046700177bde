using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using LoguStyle.Files;
using LoguStyle.Parsing;

namespace LoguStyle;

/// <summary>
/// Which closed files of a file sink to keep (Loguru's <c>retention</c>): the newest N, those younger than an age, the
/// newest that fit with the active file in a total size, those a predicate spares, or several of these at once
/// (<see cref="Any"/>). Applies only to this sink's rotated and compressed files, never to other files in the folder
/// and never to the active file; runs at start-up and after every rotation. A string (<c>"10 days"</c>, <c>"5"</c>,
/// <c>"1 GB"</c>) or a number converts implicitly.
/// </summary>
/// <example>
/// <code>
/// file.Retention = 10;                                        // the newest 10 closed files
/// file.Retention = "7 days";                                  // closed files written in the last 7 days
/// file.Retention = "1 GB";                                    // the newest closed files that fit in 1 GB with the active file
/// file.Retention = Retention.Any("30 days", "1 GB");          // both: younger than 30 days and within 1 GB
/// file.Retention = Retention.Where(closed =&gt; closed.Length &gt; 1_000_000_000);
/// </code>
/// </example>
[SuppressMessage("Usage", "CA2225:Operator overloads have named alternates", Justification = "Parse and Count are the named alternates.")]
public abstract class Retention
{
    /// <summary>The accepted forms, for error messages.</summary>
    internal const string Expected = "a retention: a whole number of files to keep (e.g. 5), an age (e.g. \"10 days\", \"1 week\") or a total size with its unit (e.g. \"1 GB\", \"500 MiB\"; units B, KB, MB, GB, TB, KiB, MiB, GiB, TiB)";

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

    /// <summary>
    /// Keep the newest closed files that fit, together with the active file, in <paramref name="bytes"/>; delete the
    /// oldest until the rest fits. Sizes are the files' sizes on disk, so after compression for archives. The active
    /// file is never deleted: when it alone exceeds the limit, every closed file goes.
    /// </summary>
    public static Retention Size(long bytes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(bytes, 1);
        return new SizeRetention(bytes);
    }

    /// <summary>
    /// Delete a closed file when any one of <paramref name="conditions"/> would (what is kept satisfies them all), e.g.
    /// <c>Retention.Any("30 days", "1 GB")</c>. The configuration's form is an array: <c>"Retention": [ "30 days", "1 GB" ]</c>.
    /// </summary>
    public static Retention Any(params Retention[] conditions)
    {
        ArgumentNullException.ThrowIfNull(conditions);
        ArgumentOutOfRangeException.ThrowIfZero(conditions.Length);
        foreach (var condition in conditions)
        {
            ArgumentNullException.ThrowIfNull(condition, nameof(conditions));
        }

        return new AnyRetention([.. conditions.SelectMany(c => c is AnyRetention any ? any.Conditions : [c])]);
    }

    /// <summary>Delete the closed files for which <paramref name="delete"/> returns true.</summary>
    public static Retention Where(Func<RetainedFile, bool> delete)
    {
        ArgumentNullException.ThrowIfNull(delete);
        return new PredicateRetention(delete);
    }

    /// <summary>
    /// Parses as <see cref="Parse"/> does, without throwing: false when <paramref name="text"/> is null or not a retention, for
    /// code that checks its own settings.
    /// </summary>
    /// <param name="text">The text, e.g. as <see cref="Parse"/> takes it.</param>
    /// <param name="retention">The retention, or null when the text is not one.</param>
    /// <returns>True when the text is a retention.</returns>
    public static bool TryParse([System.Diagnostics.CodeAnalysis.NotNullWhen(true)] string? text, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out Retention? retention) =>
        Parsing.GrammarTryParse.Try(text, Parse, out retention);

    /// <summary>Parses <c>"5"</c> (count), a size with its unit (<c>"1 GB"</c>: total size) or a duration (age).</summary>
    /// <exception cref="GrammarException">The text is none of them.</exception>
    public static Retention Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var count))
        {
            return Count(count);
        }

        // A bare number is a count here (it is bytes for Rotation), so a size needs its unit; no unit of sizes is a
        // unit of durations, so the two grammars never claim the same text.
        if (char.IsAsciiLetter(text.TrimEnd() is [.., var last] ? last : ' ') && SizeGrammar.TryParse(text, out var bytes) && bytes > 0)
        {
            return Size(bytes);
        }

        return DurationGrammar.TryParse(text, out var age) ? Age(age) : throw new GrammarException(text, Expected);
    }

    /// <summary>Parses a retention from its text form (<see cref="Parse"/>); null stays null, as if the parameter were left out.</summary>
    [return: System.Diagnostics.CodeAnalysis.NotNullIfNotNull(nameof(text))]
    public static implicit operator Retention?(string? text) => text is null ? null : Parse(text);

    /// <summary>Keeps the newest <paramref name="files"/> files (<see cref="Count"/>).</summary>
    public static implicit operator Retention(int files) => Count(files);

    /// <summary>
    /// The files to delete among this sink's closed files, newest first. Count, age and size read only the oldest end of
    /// the index (their cost follows what they delete); a predicate is asked about every file.
    /// <paramref name="activeLength"/> is the active file's size (size retention counts it in the total).
    /// </summary>
    internal abstract IReadOnlyList<RetainedFile> SelectForDeletion(ClosedFileIndex index, DateTimeOffset now, long activeLength);
}
