using System.Text;

namespace LoguStyle;

/// <summary>
/// Turns the expression of an interpolation hole (what <c>[CallerArgumentExpression]</c> gives) into a property name
/// that every reader accepts (a C#-style identifier: a letter or <c>_</c>, then letters, digits and <c>_</c>), by one
/// rule, documented in docs/api.md: the words of the expression, outside string and character literals and outside the
/// arguments of a call or an index and outside casts (<see cref="CastSyntax"/>), joined with the first letter of each
/// word after the first made upper case; a leading <c>this.</c> or <c>base.</c> and a verbatim <c>@</c> are dropped. <c>count</c> stays <c>count</c>,
/// <c>user.Id</c> is <c>userId</c>, <c>this.total</c> is <c>total</c>, <c>order.GetTotal()</c> is <c>orderGetTotal</c>,
/// <c>a + b</c> is <c>aB</c>, <c>(int)(long)count</c> is <c>count</c>. An expression without a word (<c>"text"</c>) is <c>arg</c> and the hole's index (<c>arg0</c>);
/// a name that would start with a digit gets a leading <c>_</c> (<c>{42}</c> is <c>_42</c>).
/// </summary>
/// <remarks>Run once per call site (the shape of the message is cached), so clarity wins over speed here.</remarks>
internal static class PropertyNames
{
    public static string From(string? expression, int holeIndex)
    {
        var name = new StringBuilder();
        if (!string.IsNullOrEmpty(expression))
        {
            var words = Words(Strip(expression));
            var first = words.Count > 1 && words[0] is "this" or "base" ? 1 : 0;
            for (var i = first; i < words.Count; i++)
            {
                var word = words[i];
                name.Append(i == first ? word[0] : char.ToUpperInvariant(word[0])).Append(word, 1, word.Length - 1);
            }
        }

        if (name.Length == 0)
        {
            return "arg" + holeIndex.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        if (char.IsDigit(name[0]))
        {
            name.Insert(0, '_');
        }

        return name.ToString();
    }

    /// <summary>True when <paramref name="name"/> is a name <see cref="From"/> can give.</summary>
    public static bool IsValid(string name) =>
        name.Length > 0 && (char.IsLetter(name[0]) || name[0] == '_') && name.All(c => char.IsLetterOrDigit(c) || c == '_');

    /// <summary>The expression without string and character literals and without the arguments of calls and indexes.</summary>
    private static string Strip(string expression)
    {
        var kept = new StringBuilder(expression.Length);
        var depth = 0;
        var i = 0;
        while (i < expression.Length)
        {
            var c = expression[i];
            if (c is '"' or '\'')
            {
                i = AfterLiteral(expression, i);
                kept.Append(' ');
                continue;
            }

            if (c == '(' && depth == 0 && !EndsCallee(kept) && CastSyntax.End(expression, i) is var end and > 0)
            {
                // A cast names nothing: (int)(long)count is count.
                kept.Append(' ');
                i = end;
                continue;
            }

            if (c is '(' or '[' && (depth > 0 || EndsCallee(kept)))
            {
                // The arguments of a call or an index, however deeply nested, are not part of the name.
                depth++;
            }
            else if (c is ')' or ']' && depth > 0)
            {
                depth--;
                if (depth == 0)
                {
                    // What follows a call is a new word: order.Lines().Count is orderLinesCount.
                    kept.Append(')');
                }
            }
            else if (depth == 0)
            {
                kept.Append(c);
            }

            i++;
        }

        return kept.ToString();
    }

    /// <summary>True when the text so far ends with something that can be called or indexed (a name, a call, a group).</summary>
    private static bool EndsCallee(StringBuilder kept)
    {
        var last = kept.Length - 1;
        while (last >= 0 && char.IsWhiteSpace(kept[last]))
        {
            last--;
        }

        return last >= 0 && (char.IsLetterOrDigit(kept[last]) || kept[last] is '_' or ')' or ']' or '!' or '?');
    }

    /// <summary>The index after the string or character literal that starts at <paramref name="start"/> (C#'s escapes, verbatim and raw strings).</summary>
    private static int AfterLiteral(string text, int start)
    {
        var quote = text[start];
        var verbatim = start > 0 && text[start - 1] == '@' || start > 1 && text[start - 1] == '$' && text[start - 2] == '@';
        var raw = quote == '"' && text.AsSpan(start).StartsWith("\"\"\"");
        if (raw)
        {
            var run = 0;
            while (start + run < text.Length && text[start + run] == '"')
            {
                run++;
            }

            var close = text.IndexOf(new string('"', run), start + run, StringComparison.Ordinal);
            return close < 0 ? text.Length : close + run;
        }

        for (var i = start + 1; i < text.Length; i++)
        {
            if (text[i] == '\\' && !verbatim)
            {
                i++;
            }
            else if (text[i] == quote)
            {
                if (verbatim && i + 1 < text.Length && text[i + 1] == quote)
                {
                    i++;
                    continue;
                }

                return i + 1;
            }
        }

        return text.Length;
    }

    private static List<string> Words(string text)
    {
        var words = new List<string>();
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            var inWord = i < text.Length && (char.IsLetterOrDigit(text[i]) || text[i] == '_');
            if (inWord && start < 0)
            {
                start = i;
            }
            else if (!inWord && start >= 0)
            {
                words.Add(text[start..i]);
                start = -1;
            }
        }

        return words;
    }
}
