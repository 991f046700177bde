using LoguStyle.Parsing;

namespace LoguStyle.Files;

/// <summary>Rotates a fixed time after the file was started.</summary>
internal sealed class IntervalRotation(TimeSpan interval) : Rotation
{
    internal override DateTimeOffset? NextBoundary(DateTimeOffset started, TimeZoneInfo localZone) => started + interval;

    public override string ToString() => DurationGrammar.Format(interval);
}
