namespace LoguStyle;

/// <summary>
/// Reads an exception back from the text the <c>{exception}</c> token writes (CLEF's <c>@x</c>, ECS's
/// <c>error.stack_trace</c>, OpenTelemetry's <c>exception.stacktrace</c>): the exception's own lines, then each inner
/// exception after a <c> ---&gt; </c> line, an aggregate's children after <c> ---&gt; (Inner Exception #i) </c> lines, and
/// a cut (<c> ---&gt; ... 3 more inner exceptions</c>) where the writer left some out. The inner exceptions come back as
/// exceptions of their own, as LoguStyle JSON's <c>inner</c> does, so the reader of every format sees the same chain.
/// </summary>
/// <remarks>
/// A text of another writer, or a message with a line that begins like an inner exception's, reads as the text says: a
/// line that starts with the arrow starts an inner exception. The text does not say where an aggregate's children end:
/// with an aggregate inside another's child, a child numbered as the next of both could be either's. Such a text is read
/// as one exception whose stack is the whole rest (as before the inner exceptions were read at all), so it is written
/// again exactly as it was logged; LoguStyle JSON keeps the tree.
/// </remarks>
internal static class ExceptionTextReader
{
    private const string Arrow = " ---> ";
    private const string ChildArrow = " ---> (Inner Exception #";
    private const string Cut = "... ";

    // What every line after an exception's message begins with: its Data ("   Data: "), its frames ("   at ").
    private const string Indent = "   ";

    /// <summary>An exception from its whole text: the first line is <c>Type: message</c>.</summary>
    public static LoggedException Read(string text)
    {
        var (lines, newline) = Lines(text);
        var (type, message) = Header(lines[0]);
        var start = MessageLines(lines, 1, newline, ref message);
        return Build(type, message, lines, start, newline);
    }

    /// <summary>
    /// An exception whose type and message are known apart, and the rest of its text (its own lines and its inner
    /// exceptions), or null when there is none.
    /// </summary>
    public static LoggedException Read(string type, string message, string? rest)
    {
        if (rest is null)
        {
            return new LoggedException(type, message, null, null);
        }

        var (lines, newline) = Lines(rest);
        return Build(type, message, lines, 0, newline);
    }

    private static (string[] Lines, string Newline) Lines(string text)
    {
        // The writer ended each line with the platform's newline: a CR before a LF there is the message's (Windows' own
        // CR LF aside), kept as the text sink kept it.
        var newline = text.Contains(Environment.NewLine, StringComparison.Ordinal) ? Environment.NewLine : "\n";
        return (text.Split(newline), newline);
    }

    private static (string Type, string Message) Header(string line)
    {
        var colon = line.IndexOf(": ", StringComparison.Ordinal);
        return colon < 0 ? (line, string.Empty) : (line[..colon], line[(colon + 2)..]);
    }

    /// <summary>
    /// The further lines of a message whose first line is read, from <paramref name="start"/> on, added to
    /// <paramref name="message"/>; returns the index of the line after them. The writer wrote a message as it is, and
    /// every line it writes after one (its Data, its stack) begins with the indent, as .NET's frames do, and an inner
    /// exception with the arrow: a message line that begins with either reads as what it looks like.
    /// </summary>
    private static int MessageLines(string[] lines, int start, string newline, ref string message)
    {
        var i = start;
        for (; i < lines.Length && !lines[i].StartsWith(Indent, StringComparison.Ordinal) && !lines[i].StartsWith(Arrow, StringComparison.Ordinal); i++)
        {
            message += newline + lines[i];
        }

        return i;
    }

    private static LoggedException Build(string type, string message, string[] lines, int start, string newline)
    {
        var root = new Node(type, message);
        var current = root;

        // The aggregates whose children are being read, innermost last: a child #i belongs to the one that has i children.
        var aggregates = new List<Node>();
        for (var i = start; i < lines.Length; i++)
        {
            var line = lines[i];
            if (line.StartsWith(ChildArrow, StringComparison.Ordinal) && ChildStart(line) is var (index, header) && index >= 0)
            {
                if (index > 0 && aggregates.Count(a => a.Children.Count == index) > 1)
                {
                    // Child #index of which aggregate: the text cannot say (see the remarks).
                    return new LoggedException(type, message, string.Join(Environment.NewLine, lines[start..]), null);
                }

                var parent = index == 0 ? current : aggregates.FindLast(a => a.Children.Count == index);
                if (parent is not null)
                {
                    if (index == 0)
                    {
                        aggregates.Add(parent);
                    }

                    var (childType, childMessage) = Header(header);
                    i = MessageLines(lines, i + 1, newline, ref childMessage) - 1;
                    current = new Node(childType, childMessage);
                    parent.Children.Add(current);
                    continue;
                }
            }
            else if (line.StartsWith(Arrow, StringComparison.Ordinal))
            {
                var rest = line[Arrow.Length..];
                if (rest.StartsWith(Cut, StringComparison.Ordinal))
                {
                    current.More = rest;
                    continue;
                }

                var (innerType, innerMessage) = Header(rest);
                i = MessageLines(lines, i + 1, newline, ref innerMessage) - 1;
                current.Inner = new Node(innerType, innerMessage);
                current = current.Inner;
                continue;
            }

            current.Lines.Add(line);
        }

        return root.ToException();
    }

    // " ---> (Inner Exception #3) Type: message": the child's index and its header line; -1 when the line is not one.
    private static (int Index, string Header) ChildStart(string line)
    {
        var close = line.IndexOf(") ", ChildArrow.Length, StringComparison.Ordinal);
        return close > ChildArrow.Length &&
            int.TryParse(line.AsSpan(ChildArrow.Length, close - ChildArrow.Length), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var index)
            ? (index, line[(close + 2)..])
            : (-1, string.Empty);
    }

    private sealed class Node(string type, string message)
    {
        public List<string> Lines { get; } = [];

        public List<Node> Children { get; } = [];

        public Node? Inner { get; set; }

        public string? More { get; set; }

        public LoggedException ToException()
        {
            var stack = Lines.Count == 0 ? null : string.Join(Environment.NewLine, Lines);
            if (Children.Count > 0)
            {
                // An aggregate's children stay its own, the first also its inner exception (as LogFile reads LoguStyle JSON's).
                var children = Children.Select(child => (Exception)child.ToException()).ToArray();
                return new LoggedException(type, message, stack, children[0]) { Children = children, More = More };
            }

            return new LoggedException(type, message, stack, Inner?.ToException()) { More = More };
        }
    }
}
