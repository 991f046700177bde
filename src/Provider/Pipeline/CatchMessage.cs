using System.Text;
using LoguStyle.Formatting;

namespace LoguStyle.Pipeline;

/// <summary>
/// Makes a Catch message into the state Catch logs. MEL fills a template's holes by position, so passing the caller
/// alone filled whichever hole came first (<c>"Failed {Thing} at {Caller}"</c> gave <c>Failed Main at {Caller}</c>).
/// Catch has one value, the caller, for its <c>{Caller}</c> holes; every other hole, a <c>{Caller}</c> hole MEL refuses
/// (<c>{Caller,x}</c>) and every lone brace (<c>"x}y {Caller}"</c>) is written as it stands. Doubled braces follow MEL's
/// rule for a template it is given a value for: one brace in a message with a hole (<c>{Caller}</c> or another), as
/// <c>Success("a {{b}} {X}", x)</c> writes <c>a {b} ...</c>; as they stand in a message without one, as
/// <c>Success("a {{b}} c", x)</c> writes <c>a {{b}} c</c>. The record's template (JSON <c>template</c>, CLEF
/// <c>@mt</c>) is then the message with every brace but the <c>{Caller}</c> holes escaped, which MEL parses and which
/// renders to the message; a message without a hole is its own template, as in a MEL call.
/// </summary>
internal static class CatchMessage
{
    private const string CallerHole = "Caller";

    /// <summary>The state to log: the message by the rule above, its template and a <c>Caller</c> pair per <c>{Caller}</c> hole.</summary>
    internal static CatchState Fill(string message, string caller)
    {
        var template = new StringBuilder(message.Length + 8);
        var callers = 0;
        var holes = 0;
        var i = 0;
        while (i < message.Length)
        {
            var c = message[i];
            if ((c == '{' || c == '}') && i + 1 < message.Length && message[i + 1] == c)
            {
                // An escaped brace stays escaped.
                template.Append(c).Append(c);
                i += 2;
                continue;
            }

            var close = c == '{' ? message.IndexOf('}', i + 1) : -1;
            if (close < 0)
            {
                // A lone brace (a '}' closing nothing, a '{' never closed) is text: escaped in the template.
                template.Append(c, c is '{' or '}' ? 2 : 1);
                i++;
                continue;
            }

            var hole = message.AsSpan(i + 1, close - i - 1);
            var end = hole.IndexOfAny(',', ':');
            var text = message.Substring(i, close - i + 1);
            holes++;
            if ((end < 0 ? hole : hole[..end]).Trim().SequenceEqual(CallerHole) && MessageTemplate.ForMel(text) is not null)
            {
                template.Append(text);
                callers++;
            }
            else
            {
                // A '{' inside the hole's text is escaped too ("{a{b}" is text, not a hole MEL would parse).
                template.Append("{{").Append(hole.ToString().Replace("{", "{{", StringComparison.Ordinal)).Append("}}");
            }

            i = close + 1;
        }

        var pairs = new KeyValuePair<string, object?>[callers];
        Array.Fill(pairs, new(CallerHole, caller));
        var filled = template.ToString();
        if (holes == 0 || MessageTemplate.ForMel(filled) is not { } parsed)
        {
            // No hole: as MEL writes a template without one, with its text as the template (kept when MEL parses it).
            return new CatchState(message, message, []);
        }

        return new CatchState(parsed.RenderText(pairs), filled, pairs);
    }
}
