using System.Collections;
using System.Globalization;
using System.Text;
using LoguStyle.Formatting;

namespace LoguStyle.Pipeline;

/// <summary>
/// The state of a call whose template MEL cannot parse (<c>Success("x}y {A}", 1)</c>): MEL's template state throws
/// <see cref="FormatException"/> when it is built, before any provider sees the call, so LoguStyle's own calls log this
/// state instead and a logging call never throws into the application nor loses its record. The message is the template
/// as it stands, then what went wrong and the arguments; the pairs are the properties that can be recovered: each hole
/// that parses on its own takes the next argument under its name, as MEL would have named it, and an argument left over
/// is named by its position (<c>arg1</c>), as an interpolated hole without a name is. There is no <c>{OriginalFormat}</c>:
/// a reader that renders templates (Seq with CLEF's <c>@mt</c>) would stumble on the same braces MEL did.
/// </summary>
internal sealed class UnparsedTemplate : IReadOnlyList<KeyValuePair<string, object?>>
{
    /// <summary>The formatter MEL's <c>Log</c> takes: the message made when the state was.</summary>
    public static readonly Func<UnparsedTemplate, Exception?, string> Format = static (state, _) => state.Message;

    private readonly KeyValuePair<string, object?>[] _pairs;

    private UnparsedTemplate(string message, KeyValuePair<string, object?>[] pairs) => (Message, _pairs) = (message, pairs);

    /// <summary><c>x}y {A} [LoguStyle: MEL could not parse the template: FormatException: ...; arguments: 1]</c>.</summary>
    public string Message { get; }

    public int Count => _pairs.Length;

    public KeyValuePair<string, object?> this[int index] => _pairs[index];

    /// <summary>The state of a call MEL refused with <paramref name="error"/>.</summary>
    public static UnparsedTemplate Of(string? template, object?[]? args, FormatException error)
    {
        var text = new StringBuilder(template ?? SafeText.Null);
        text.Append(" [LoguStyle: MEL could not parse the template: ").Append(error.GetType().Name).Append(": ")
            .Append(SafeText.Read(() => error.Message));
        if (args is not { Length: > 0 })
        {
            return new UnparsedTemplate(text.Append(']').ToString(), []);
        }

        var names = HoleNames(template ?? string.Empty);
        var pairs = new KeyValuePair<string, object?>[args.Length];
        text.Append("; arguments: ");
        for (var i = 0; i < args.Length; i++)
        {
            text.Append(i == 0 ? string.Empty : ", ").Append(SafeText.Of(args[i]));
            pairs[i] = new(i < names.Count ? names[i] : "arg" + i.ToString(CultureInfo.InvariantCulture), args[i]);
        }

        return new UnparsedTemplate(text.Append(']').ToString(), pairs);
    }

    /// <summary>
    /// The names of the holes that parse on their own, in order: <c>{Name}</c>, <c>{Name,alignment}</c>,
    /// <c>{Name:format}</c> with no brace inside and a name that is not blank. <c>{{</c> and <c>}}</c> are literal braces
    /// as in MEL; any other brace is stray and names nothing (<c>"x}y {A} {B"</c> gives <c>A</c>).
    /// </summary>
    internal static List<string> HoleNames(string template)
    {
        var names = new List<string>();
        var i = 0;
        while (i < template.Length)
        {
            var brace = template.AsSpan(i).IndexOfAny('{', '}');
            if (brace < 0)
            {
                break;
            }

            i += brace;
            var escaped = i + 1 < template.Length && template[i + 1] == template[i];
            if (template[i] == '}' || escaped)
            {
                i += escaped ? 2 : 1;
                continue;
            }

            var next = template.AsSpan(i + 1).IndexOfAny('{', '}');
            if (next >= 0 && template[i + 1 + next] == '}')
            {
                var body = template.AsSpan(i + 1, next);
                var end = body.IndexOfAny(',', ':');
                var name = end < 0 ? body : body[..end];
                if (!name.IsWhiteSpace())
                {
                    names.Add(name.ToString());
                    i += next + 2;
                    continue;
                }
            }

            i++; // a stray '{'
        }

        return names;
    }

    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => ((IEnumerable<KeyValuePair<string, object?>>)_pairs).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => _pairs.GetEnumerator();

    /// <summary>The message, as MEL's own template state gives it.</summary>
    public override string ToString() => Message;
}
