namespace LoguStyle;

/// <summary>
/// Finds a cast in the expression of an interpolation hole by C#'s own rule (C# specification, cast expressions): a
/// type in parentheses is a cast when the type is a predefined one (<c>(int)</c>, <c>(string[])</c>: not an expression)
/// or when an operand follows it (an identifier, a keyword other than <c>as</c>/<c>is</c>, a literal, <c>(</c>, <c>~</c>
/// or <c>!</c>); <c>(a) + b</c> and <c>(a)</c> alone are groups. <see cref="PropertyNames"/> drops casts, so a hole is
/// named after what is cast.
/// </summary>
/// <remarks>Run once per call site (the shape of the message is cached), so clarity wins over speed here.</remarks>
internal static class CastSyntax
{
    private static readonly HashSet<string> Predefined =
    [
        "bool", "byte", "sbyte", "char", "decimal", "double", "float", "int", "uint", "nint", "nuint", "long", "ulong",
        "short", "ushort", "object", "string",
    ];

    /// <summary>The index after the cast that opens at <paramref name="open"/> (a <c>(</c>), or -1 when it is no cast.</summary>
    public static int End(string text, int open)
    {
        var close = Type(text, open, out var predefined);
        if (close < 0 || close >= text.Length || text[close] != ')')
        {
            return -1;
        }

        var next = SkipSpace(text, close + 1);
        if (next >= text.Length)
        {
            return -1;
        }

        var c = text[next];
        var operand = c is '~' or '!' or '(' or '"' or '\'' or '$' or '@' or '_' || char.IsLetterOrDigit(c);
        if (operand && char.IsLetter(c) && Word(text, next) is "as" or "is")
        {
            operand = false;
        }

        return operand || (predefined && c is '-' or '+' or '&' or '*') ? close + 1 : -1;
    }

    // A parenthesised type list starting at open: the index of its ')' when it holds exactly one type (or a tuple
    // type's elements, when nested), -1 otherwise.
    private static int Type(string text, int open, out bool predefined)
    {
        predefined = false;
        var i = TypeAt(text, SkipSpace(text, open + 1), ref predefined);
        return i < 0 ? -1 : SkipSpace(text, i);
    }

    // One type at i: a name (qualified, generic) or a tuple type, then ?, [] and * suffixes; the index after it, or -1.
    private static int TypeAt(string text, int i, ref bool predefined)
    {
        if (i < text.Length && text[i] == '(')
        {
            // A tuple type: (T1 [name], T2 [name], ...), two elements at least.
            var elements = 0;
            do
            {
                var ignored = false;
                i = TypeAt(text, SkipSpace(text, i + 1), ref ignored);
                if (i < 0)
                {
                    return -1;
                }

                i = SkipSpace(text, i);
                if (i < text.Length && IsWordStart(text[i]))
                {
                    i = SkipSpace(text, i + Word(text, i).Length);
                }

                elements++;
            }
            while (i < text.Length && text[i] == ',');

            if (elements < 2 || i >= text.Length || text[i] != ')')
            {
                return -1;
            }

            i++;
        }
        else
        {
            i = NameAt(text, i, ref predefined);
            if (i < 0)
            {
                return -1;
            }
        }

        while (true)
        {
            var j = SkipSpace(text, i);
            if (j < text.Length && text[j] is '?' or '*')
            {
                i = j + 1;
            }
            else if (j < text.Length && text[j] == '[')
            {
                j = SkipSpace(text, j + 1);
                while (j < text.Length && text[j] == ',')
                {
                    j = SkipSpace(text, j + 1);
                }

                if (j >= text.Length || text[j] != ']')
                {
                    return i;
                }

                i = j + 1;
            }
            else
            {
                return i;
            }
        }
    }

    // A type name: [global::]Word[<types>](.Word[<types>])*; predefined when it is one word C# reserves for a type.
    private static int NameAt(string text, int i, ref bool predefined)
    {
        var parts = 0;
        while (true)
        {
            if (i >= text.Length || !IsWordStart(text[i]))
            {
                return -1;
            }

            var word = Word(text, i);
            predefined = parts == 0 && Predefined.Contains(word);
            i += word.Length;
            parts++;
            var j = SkipSpace(text, i);
            if (j < text.Length && text[j] == '<')
            {
                // Type arguments: <T1, T2>.
                do
                {
                    var ignored = false;
                    j = TypeAt(text, SkipSpace(text, j + 1), ref ignored);
                    if (j < 0)
                    {
                        return -1;
                    }

                    j = SkipSpace(text, j);
                }
                while (j < text.Length && text[j] == ',');

                if (j >= text.Length || text[j] != '>')
                {
                    return -1;
                }

                i = j + 1;
                predefined = false;
                j = SkipSpace(text, i);
            }

            if (j < text.Length && text[j] == '.')
            {
                i = SkipSpace(text, j + 1);
            }
            else if (j + 1 < text.Length && text[j] == ':' && text[j + 1] == ':')
            {
                i = SkipSpace(text, j + 2);
            }
            else
            {
                predefined &= parts == 1;
                return i;
            }
        }
    }

    private static bool IsWordStart(char c) => char.IsLetter(c) || c is '_' or '@';

    private static string Word(string text, int start)
    {
        var end = start + 1;
        while (end < text.Length && (char.IsLetterOrDigit(text[end]) || text[end] == '_'))
        {
            end++;
        }

        return text[start..end];
    }

    private static int SkipSpace(string text, int i)
    {
        while (i < text.Length && char.IsWhiteSpace(text[i]))
        {
            i++;
        }

        return i;
    }
}
