using System.Text.RegularExpressions;

namespace LoguStyle.Files;

/// <summary>
/// The place of one of a sink's files in time, from instants compression does not change: the time in its name
/// (<c>{time}</c> tokens that name a date), then the start stamp of a closed name (a file rotated under the same name),
/// then the clash number. A name without a stamp is the last of its name (the active file, or the one closed when
/// the name changed), so it comes after the stamped files beside it. Where the name holds no time at all
/// (<c>{time:HH-mm-ss}</c> without a stamp), the file's last write stands in for it; an archive keeps the last write of
/// the file it was made from.
/// </summary>
/// <param name="Named">The time in the name; <see cref="DateTimeOffset.MinValue"/> when the name holds none.</param>
/// <param name="Started">The start stamp; for a name without one, its last write, or <see cref="DateTimeOffset.MaxValue"/> (last of its name).</param>
/// <param name="Clash">The clash number of a stamped name (1 for the first), 0 without a stamp.</param>
internal readonly record struct SinkFileOrder(DateTimeOffset Named, DateTimeOffset Started, int Clash) : IComparable<SinkFileOrder>
{
    /// <summary>The order of the file <paramref name="match"/> matched, its name read as local time in <paramref name="zone"/> where it has no offset.</summary>
    public static SinkFileOrder Of(PathTemplate path, Match match, TimeZoneInfo zone, DateTimeOffset lastWrite)
    {
        var named = path.ReadNameTime(match, zone);
        if (RotatedFileNames.ReadStamp(match, zone) is { } stamp)
        {
            return new(named ?? DateTimeOffset.MinValue, stamp.Start, stamp.Clash);
        }

        // A token that names no date (HH-mm-ss) says nothing of the day: the last write, kept by the archive, orders it.
        return named is null && path.HasTokens
            ? new(DateTimeOffset.MinValue, lastWrite, 0)
            : new(named ?? DateTimeOffset.MinValue, DateTimeOffset.MaxValue, 0);
    }

    /// <summary>When the file was started, as far as its name or last write tell.</summary>
    public DateTimeOffset Start => Started != DateTimeOffset.MaxValue ? Started : Named;

    public int CompareTo(SinkFileOrder other)
    {
        var named = Named.CompareTo(other.Named);
        if (named != 0)
        {
            return named;
        }

        var started = Started.CompareTo(other.Started);
        return started != 0 ? started : Clash.CompareTo(other.Clash);
    }
}
