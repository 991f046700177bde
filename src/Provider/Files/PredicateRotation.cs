namespace LoguStyle.Files;

/// <summary>Rotates when user code says so.</summary>
internal sealed class PredicateRotation(Func<RotationContext, bool> predicate) : Rotation
{
    internal override bool HasPredicate => true;

    internal override bool Predicate(in RotationContext context) => predicate(context);

    public override string ToString() => "(predicate)";
}
