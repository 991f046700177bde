using System.Text;

namespace LoguStyle.Pipeline;

/// <summary>
/// Fills a Catch message's <c>{Caller}</c> holes by name. MEL fills a template's holes by position, so passing the
/// caller alone filled whichever hole came first (<c>"Failed {Thing} at {Caller}"</c> gave <c>Failed Main at {Caller}</c>).
/// Catch has a value for <c>{Caller}</c> only, so every other hole, and every lone brace (<c>"x}y {Caller}"</c>), is
/// escaped and written as it stands; a message without <c>{Caller}</c> goes to MEL with no values, which writes it as it
/// stands.
/// </summary>
internal static class CatchMessage
{
    private const string CallerHole = "Caller";

    /// <summary>The template to pass to MEL and its arguments: the caller once per <c>{Caller}</c> hole.</summary>
    internal static (string Template, object?[] Args) Fill(string message, string caller)
    {
        var template = new StringBuilder(message.Length + 8);
        var callers = 0;
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
                // A lone brace (a '}' closing nothing, a '{' never closed) is escaped: MEL refuses a template with one
                // and would throw inside Catch's exception filter, where the runtime discards it and Catch catches nothing.
                template.Append(c, c is '{' or '}' ? 2 : 1);
                i++;
                continue;
            }

            var hole = message.AsSpan(i + 1, close - i - 1);
            var end = hole.IndexOfAny(',', ':');
            if ((end < 0 ? hole : hole[..end]).Trim().SequenceEqual(CallerHole))
            {
                template.Append(message, i, close - i + 1);
                callers++;
            }
            else
            {
                // A '{' inside the hole's text is escaped too ("{a{b}" is text, not a hole MEL would parse).
                template.Append("{{").Append(hole.ToString().Replace("{", "{{", StringComparison.Ordinal)).Append("}}");
            }

            i = close + 1;
        }

        if (callers == 0)
        {
            // MEL writes a message given no values as it stands, braces and all: the escaping would show.
            return (message, []);
        }

        var args = new object?[callers];
        Array.Fill(args, caller);
        return (template.ToString(), args);
    }
}
