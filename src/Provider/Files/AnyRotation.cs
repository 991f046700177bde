namespace LoguStyle.Files;

/// <summary>Rotates when any one of its conditions does.</summary>
internal sealed class AnyRotation(Rotation[] conditions) : Rotation
{
    public Rotation[] Conditions => conditions;

    internal override long? MaxBytes => conditions.Select(c => c.MaxBytes).Where(b => b is not null).Min();

    internal override bool HasPredicate => conditions.Any(c => c.HasPredicate);

    internal override DateTimeOffset? NextBoundary(DateTimeOffset started, TimeZoneInfo localZone) =>
        conditions.Select(c => c.NextBoundary(started, localZone)).Where(b => b is not null).Min();

    internal override bool Predicate(in RotationContext context)
    {
        foreach (var condition in conditions)
        {
            if (condition.Predicate(context))
            {
                return true;
            }
        }

        return false;
    }

    public override string ToString() => string.Join(", ", conditions.Select(c => c.ToString()));
}
