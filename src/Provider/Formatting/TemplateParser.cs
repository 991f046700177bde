using System.Globalization;
using System.Text;

namespace LoguStyle.Formatting;

/// <summary>
/// Parses a format template (tokens, literal braces, colour markup) into elements once, when a sink is built.
/// Every error names the sink, the position and what is accepted.
/// </summary>
internal static class TemplateParser
{
    public const string AcceptedTokens =
        "{time[:format][!UTC]} {level[:u3|icon]} {category} {message} {exception} {eventid} {eventname} {thread} {process} " +
        "{elapsed[:format]} {scopes} {traceid} {spanid} {extra[Name]} {newline} {function} {file[:path]} {line[:format]}, each with an optional ,alignment";

    private const int MaxAlignment = 1000;

    private static readonly Dictionary<string, TokenKind> Tokens = new(StringComparer.OrdinalIgnoreCase)
    {
        ["time"] = TokenKind.Time,
        ["level"] = TokenKind.Level,
        ["category"] = TokenKind.Category,
        ["message"] = TokenKind.Message,
        ["exception"] = TokenKind.Exception,
        ["eventid"] = TokenKind.EventId,
        ["eventname"] = TokenKind.EventName,
        ["thread"] = TokenKind.Thread,
        ["process"] = TokenKind.Process,
        ["elapsed"] = TokenKind.Elapsed,
        ["scopes"] = TokenKind.Scopes,
        ["traceid"] = TokenKind.TraceId,
        ["spanid"] = TokenKind.SpanId,
        ["newline"] = TokenKind.NewLine,
        ["function"] = TokenKind.Function,
        ["file"] = TokenKind.File,
        ["line"] = TokenKind.Line,
    };

    public static IReadOnlyList<TemplateElement> Parse(string template, string sinkName)
    {
        var elements = new List<TemplateElement>();
        var open = new Stack<OpenTagElement>();
        var literal = new StringBuilder();
        var literalStart = 0;

        void FlushLiteral(int next)
        {
            if (literal.Length > 0)
            {
                elements.Add(new LiteralElement(literalStart, literal.ToString()));
                literal.Clear();
            }

            literalStart = next;
        }

        FormatTemplateException Error(int position, string problem) => new(sinkName, template, position, problem);

        var i = 0;
        while (i < template.Length)
        {
            var c = template[i];
            var next = i + 1 < template.Length ? template[i + 1] : '\0';
            switch (c)
            {
                case '\\' when next == '<':
                    literal.Append('<');
                    i += 2;
                    break;
                case '{' when next == '{':
                    literal.Append('{');
                    i += 2;
                    break;
                case '}' when next == '}':
                    literal.Append('}');
                    i += 2;
                    break;
                case '}':
                    throw Error(i, "a lone '}'; write '}}' for a literal brace.");
                case '{':
                {
                    var end = template.IndexOf('}', i + 1);
                    if (end < 0)
                    {
                        throw Error(i, "'{' opens a token that is never closed with '}'; write '{{' for a literal brace.");
                    }

                    // A '{' inside a token means the token was left open and the next one was swallowed into its
                    // format ("{time:HH:mm|{message}" would print the time with "|{message" as .NET format text and
                    // never the message): no token's format needs a '{', so it is refused rather than guessed at.
                    var inner = template.IndexOf('{', i + 1, end - i - 1);
                    if (inner >= 0)
                    {
                        throw Error(i, $"the token opened here is not closed with '}}' before the next '{{' at position {inner}; close it first: a token's format cannot contain a brace ('{{{{' and '}}}}' are literal braces outside tokens only).");
                    }

                    FlushLiteral(end + 1);
                    elements.Add(ParseToken(template.Substring(i + 1, end - i - 1), i, Error));
                    i = end + 1;
                    break;
                }

                case '<':
                {
                    var end = template.IndexOf('>', i + 1);
                    if (end < 0)
                    {
                        throw Error(i, @"'<' opens a tag that is never closed with '>'; write '\<' for a literal '<'.");
                    }

                    FlushLiteral(end + 1);
                    var tag = template.Substring(i + 1, end - i - 1);
                    if (tag.StartsWith('/'))
                    {
                        var name = tag[1..];
                        if (open.Count == 0)
                        {
                            throw Error(i, $"'<{tag}>' closes a tag, but no tag is open.");
                        }

                        if (name.Length > 0 && name != open.Peek().Name)
                        {
                            throw Error(i, $"'<{tag}>' does not match the open tag '<{open.Peek().Name}>' (position {open.Peek().Position}); close it with '</>' or '</{open.Peek().Name}>'.");
                        }

                        open.Pop();
                        elements.Add(new CloseTagElement(i));
                    }
                    else
                    {
                        var opened = tag == "level"
                            ? new OpenTagElement(i, tag, null, IsLevel: true)
                            : new OpenTagElement(i, tag, AnsiPalette.Resolve(tag) ?? throw Error(i, $"unknown tag '<{tag}>'; accepted: {AnsiPalette.Accepted}."), IsLevel: false);
                        open.Push(opened);
                        elements.Add(opened);
                    }

                    i = end + 1;
                    break;
                }

                default:
                    literal.Append(c);
                    i++;
                    break;
            }
        }

        if (open.Count > 0)
        {
            var unclosed = open.Peek();
            throw Error(unclosed.Position, $"the tag '<{unclosed.Name}>' is never closed; close it with '</>' or '</{unclosed.Name}>'.");
        }

        FlushLiteral(template.Length);
        return elements;
    }

    private static TokenElement ParseToken(string body, int position, Func<int, string, FormatTemplateException> error)
    {
        string? format = null;
        var colon = body.IndexOf(':', StringComparison.Ordinal);
        var head = body;
        if (colon >= 0)
        {
            format = body[(colon + 1)..];
            head = body[..colon];
            if (format.Length == 0)
            {
                throw error(position, $"'{{{body}}}' has an empty format after ':'.");
            }
        }

        var alignment = 0;
        var comma = head.IndexOf(',', StringComparison.Ordinal);
        if (comma >= 0)
        {
            var alignText = head[(comma + 1)..].Trim();
            head = head[..comma];
            if (!int.TryParse(alignText, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out alignment) ||
                Math.Abs(alignment) > MaxAlignment)
            {
                throw error(position, $"'{{{body}}}' has a bad alignment '{alignText}'; accepted: a whole number from -{MaxAlignment} to {MaxAlignment}, e.g. {{level,-8}}.");
            }
        }

        var name = head.Trim();
        if (name.StartsWith("extra[", StringComparison.OrdinalIgnoreCase) && name.EndsWith(']') && name.Length > "extra[]".Length)
        {
            return new TokenElement(position, TokenKind.Extra, alignment, format, name["extra[".Length..^1]);
        }

        if (!Tokens.TryGetValue(name, out var kind))
        {
            throw error(position, $"unknown token '{{{body}}}'; accepted: {AcceptedTokens}.");
        }

        CheckFormat(kind, format, body, position, error);
        return new TokenElement(position, kind, alignment, format, null);
    }

    private static void CheckFormat(TokenKind kind, string? format, string body, int position, Func<int, string, FormatTemplateException> error)
    {
        if (format is null)
        {
            return;
        }

        try
        {
            switch (kind)
            {
                case TokenKind.Time when format == TimeFormatCache.UtcSuffix:
                    return;
                case TokenKind.Time:
                    var local = format.EndsWith(TimeFormatCache.UtcSuffix, StringComparison.Ordinal) ? format[..^TimeFormatCache.UtcSuffix.Length] : format;
                    _ = DateTimeOffset.UnixEpoch.ToString(local, CultureInfo.InvariantCulture);
                    return;
                case TokenKind.Elapsed:
                    _ = TimeSpan.FromMilliseconds(1234).ToString(format, CultureInfo.InvariantCulture);
                    return;
                case TokenKind.EventId or TokenKind.Thread or TokenKind.Process or TokenKind.Line:
                    _ = 42.ToString(format, CultureInfo.InvariantCulture);
                    return;
                case TokenKind.Level when format is "u3" or "icon":
                    return;
                case TokenKind.Level:
                    throw error(position, $"'{{{body}}}' has an unknown level format '{format}'; accepted: u3, icon.");
                case TokenKind.File when format == "path":
                    return;
                case TokenKind.File:
                    throw error(position, $"'{{{body}}}' has an unknown file format '{format}'; accepted: path (the whole path; {{file}} alone is the file name).");
                default:
                    throw error(position, $"'{{{body}}}' takes no format (only an alignment); formats apply to time, elapsed, level, eventid, thread, process, file, line and extra[...].");
            }
        }
        catch (FormatException ex) when (ex is not FormatTemplateException)
        {
            throw error(position, $"'{{{body}}}' has a format '{format}' that .NET rejects: {ex.Message}");
        }
    }
}
