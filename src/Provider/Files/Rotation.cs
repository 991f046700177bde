using System.Diagnostics.CodeAnalysis;
using LoguStyle.Files;
using LoguStyle.Parsing;

namespace LoguStyle;

/// <summary>
/// When a file sink starts a new file (Loguru's <c>rotation</c>): a size, an interval since the file was started, a
/// clock schedule, a predicate, or any of several. Parsed once from the grammar (<c>"500 MB"</c>, <c>"1 week"</c>,
/// <c>"00:00"</c>, <c>"monday at 12:00"</c>, <c>"daily"</c>) or built typed; a string converts implicitly.
/// </summary>
/// <example>
/// <code>
/// file.Rotation = "500 MB";
/// file.Rotation = Rotation.Any(Rotation.Daily(new TimeOnly(0, 0)), Rotation.Size(100_000_000));
/// file.Rotation = Rotation.When(context =&gt; context.Size &gt; 1_000_000 &amp;&amp; context.Now.Hour == 3);
/// </code>
/// </example>
[SuppressMessage("Usage", "CA2225:Operator overloads have named alternates", Justification = "Parse is the named alternate.")]
public abstract class Rotation
{
    /// <summary>The accepted forms, for error messages.</summary>
    internal const string Expected = "a rotation: a size (\"500 MB\", \"1.5 GiB\"), an interval (\"1 week\", \"12 h\"), a clock time (\"00:00\", \"monday at 12:00\", \"w0\", \"13:30 UTC\") or hourly, daily, weekly, monthly, yearly";

    private protected Rotation()
    {
    }

    /// <summary>Rotate before a record that would take the file past <paramref name="bytes"/>.</summary>
    public static Rotation Size(long bytes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(bytes, 1);
        return new SizeRotation(bytes);
    }

    /// <summary>Rotate when the file has been written for <paramref name="interval"/> since it was started.</summary>
    public static Rotation Every(TimeSpan interval)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(interval, TimeSpan.Zero);
        return new IntervalRotation(interval);
    }

    /// <summary>Rotate at the start of every hour.</summary>
    public static Rotation Hourly(bool utc = false) => new ScheduledRotation(RotationSchedule.Hourly, default, TimeOnly.MinValue, utc);

    /// <summary>Rotate every day at <paramref name="at"/>.</summary>
    public static Rotation Daily(TimeOnly at, bool utc = false) => new ScheduledRotation(RotationSchedule.Daily, default, at, utc);

    /// <summary>Rotate every week on <paramref name="day"/> at <paramref name="at"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="day"/> is a number that names no day.</exception>
    public static Rotation Weekly(DayOfWeek day, TimeOnly at, bool utc = false)
    {
        if (!Enum.IsDefined(day))
        {
            throw new ArgumentOutOfRangeException(nameof(day), day, $"{day} is not a day of the week; accepted: Sunday to Saturday.");
        }

        return new ScheduledRotation(RotationSchedule.Weekly, day, at, utc);
    }

    /// <summary>Rotate on the first day of every month at 00:00.</summary>
    public static Rotation Monthly(bool utc = false) => new ScheduledRotation(RotationSchedule.Monthly, default, TimeOnly.MinValue, utc);

    /// <summary>Rotate on the first of January at 00:00.</summary>
    public static Rotation Yearly(bool utc = false) => new ScheduledRotation(RotationSchedule.Yearly, default, TimeOnly.MinValue, utc);

    /// <summary>Rotate before a record when <paramref name="predicate"/> says so (Loguru's callable rotation).</summary>
    public static Rotation When(Func<RotationContext, bool> predicate)
    {
        ArgumentNullException.ThrowIfNull(predicate);
        return new PredicateRotation(predicate);
    }

    /// <summary>Rotate when any one of <paramref name="conditions"/> says so.</summary>
    public static Rotation Any(params Rotation[] conditions)
    {
        ArgumentNullException.ThrowIfNull(conditions);
        ArgumentOutOfRangeException.ThrowIfZero(conditions.Length);
        return new AnyRotation([.. conditions.SelectMany(c => c is AnyRotation any ? any.Conditions : [c])]);
    }

    /// <summary>
    /// Parses as <see cref="Parse"/> does, without throwing: false when <paramref name="text"/> is null or not a rotation, for
    /// code that checks its own settings.
    /// </summary>
    /// <param name="text">The text, e.g. as <see cref="Parse"/> takes it.</param>
    /// <param name="rotation">The rotation, or null when the text is not one.</param>
    /// <returns>True when the text is a rotation.</returns>
    public static bool TryParse([System.Diagnostics.CodeAnalysis.NotNullWhen(true)] string? text, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out Rotation? rotation) =>
        Parsing.GrammarTryParse.Try(text, Parse, out rotation);

    /// <summary>Parses one condition of the grammar.</summary>
    /// <exception cref="GrammarException">The text is not a rotation.</exception>
    public static Rotation Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (SizeGrammar.TryParse(text, out var bytes))
        {
            return Size(bytes);
        }

        if (ClockGrammar.TryParse(text, out var clock))
        {
            return clock;
        }

        if (DurationGrammar.TryParse(text, out var interval))
        {
            return Every(interval);
        }

        throw new GrammarException(text, Expected);
    }

    /// <summary>Parses a rotation from its text form (<see cref="Parse"/>); null stays null, as if the parameter were left out.</summary>
    [return: System.Diagnostics.CodeAnalysis.NotNullIfNotNull(nameof(text))]
    public static implicit operator Rotation?(string? text) => text is null ? null : Parse(text);

    /// <summary>The size limit this rotation sets, if any.</summary>
    internal virtual long? MaxBytes => null;

    /// <summary>The next instant after <paramref name="started"/> at which this rotation's clock or interval rotates, if it has one.</summary>
    internal virtual DateTimeOffset? NextBoundary(DateTimeOffset started, TimeZoneInfo localZone) => null;

    /// <summary>True when a predicate asks to rotate before this record.</summary>
    internal virtual bool Predicate(in RotationContext context) => false;

    /// <summary>True when this rotation has a predicate to run per record.</summary>
    internal virtual bool HasPredicate => false;
}
