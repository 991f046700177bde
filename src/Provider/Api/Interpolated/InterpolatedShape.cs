using System.Globalization;
using System.Text;

namespace LoguStyle;

/// <summary>
/// What one call site's interpolated message always is: its pieces, the MEL template made from them
/// (<c>User {userId} bought {count} items</c>, literal braces doubled, formats and alignments kept) and the property
/// name of each hole (<see cref="PropertyNames"/>). Built once per call site and kept by <see cref="InterpolatedShapes"/>.
/// </summary>
internal sealed class InterpolatedShape
{
    private readonly InterpolatedPiece[] _pieces;

    private InterpolatedShape(InterpolatedPiece[] pieces, string template, string[] names)
    {
        _pieces = pieces;
        Template = template;
        Names = names;
    }

    /// <summary>The message template, as MEL's <c>{OriginalFormat}</c>.</summary>
    public string Template { get; }

    /// <summary>The property name of each hole, in order.</summary>
    public string[] Names { get; }

    /// <summary>The pieces, for rendering the message.</summary>
    public ReadOnlySpan<InterpolatedPiece> Pieces => _pieces;

    public static InterpolatedShape Build(ReadOnlySpan<InterpolatedPiece> pieces)
    {
        var template = new StringBuilder();
        var names = new List<string>();
        foreach (var piece in pieces)
        {
            if (!piece.IsHole)
            {
                template.Append(piece.Literal!.Replace("{", "{{", StringComparison.Ordinal).Replace("}", "}}", StringComparison.Ordinal));
                continue;
            }

            var name = PropertyNames.From(piece.Expression, names.Count);
            names.Add(name);
            template.Append('{').Append(name);
            if (piece.Alignment != 0)
            {
                template.Append(',').Append(piece.Alignment.ToString(CultureInfo.InvariantCulture));
            }

            if (piece.Format is not null)
            {
                template.Append(':').Append(piece.Format);
            }

            template.Append('}');
        }

        return new InterpolatedShape(pieces.ToArray(), template.ToString(), [.. names]);
    }

    /// <summary>True when <paramref name="pieces"/> are this shape's.</summary>
    public bool Matches(ReadOnlySpan<InterpolatedPiece> pieces)
    {
        if (pieces.Length != _pieces.Length)
        {
            return false;
        }

        for (var i = 0; i < pieces.Length; i++)
        {
            if (!pieces[i].SameAs(_pieces[i]))
            {
                return false;
            }
        }

        return true;
    }
}
