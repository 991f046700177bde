namespace LoguStyle;

/// <summary>
/// One piece of an interpolated message as the compiler hands it over: a literal, or a hole with the expression's text,
/// its format and alignment. Every string here is a constant of the call site, so the same call site gives the same
/// string instances every time, which is what lets <see cref="InterpolatedShapes"/> find its shape by identity.
/// </summary>
/// <param name="Literal">The literal text, or null for a hole.</param>
/// <param name="Expression">The hole's expression (<c>[CallerArgumentExpression]</c>), or null.</param>
/// <param name="Format">The hole's format (<c>{price:F2}</c>), or null.</param>
/// <param name="Alignment">The hole's alignment (<c>{name,10}</c>), or 0.</param>
internal readonly record struct InterpolatedPiece(string? Literal, string? Expression, string? Format, int Alignment)
{
    /// <summary>True for a hole.</summary>
    public bool IsHole => Literal is null;

    /// <summary>A hash of the pieces' string instances, cheap to combine piece by piece on the hot path.</summary>
    public int IdentityHash() => HashCode.Combine(
        System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(Literal ?? Expression ?? string.Empty),
        Format is null ? 0 : System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(Format),
        Alignment);

    /// <summary>Same text (the instance compared first, so a call site's own pieces compare at the cost of a read).</summary>
    public bool SameAs(in InterpolatedPiece other) =>
        string.Equals(Literal, other.Literal, StringComparison.Ordinal) &&
        string.Equals(Expression, other.Expression, StringComparison.Ordinal) &&
        string.Equals(Format, other.Format, StringComparison.Ordinal) &&
        Alignment == other.Alignment;
}
