using System.Collections;
using System.Text;

namespace LoguStyle.Formatting;

/// <summary>
/// Renders an exception for text sinks, Loguru-style: the type and message, its <c>Data</c>, its stack with the
/// machinery of async code removed ("End of stack trace from previous location", awaiter and builder frames) and
/// Catch's own frames, then each inner exception (every child of
/// an <c>AggregateException</c>), the whole chain as <see cref="ExceptionTree"/> bounds it. With colours, the type is red and bold, the message bold, and framework frames
/// (<c>System.</c>, <c>Microsoft.</c>) dimmed so the application's own frames stand out. A Native AOT frame loses its
/// native offset and its state-machine name (<see cref="StackFrameText"/>). Record text is escaped as everywhere else.
/// </summary>
internal static class ExceptionText
{
    private const string Red = "\u001b[31;1m";
    private const string Bold = "\u001b[1m";
    private const string Dim = "\u001b[2m";
    private const string Reset = "\u001b[0m";

    /// <summary>
    /// The full type name the exception is written with: a <see cref="LoggedException"/> (read back from a log, or
    /// released by a log buffer that kept only its text) stands for the type it names.
    /// </summary>
    public static string TypeName(Exception exception) =>
        exception is LoggedException logged ? logged.TypeName : exception.GetType().FullName ?? exception.GetType().Name;

    /// <summary>The text of the <c>{exception}</c> token: escaped for a text sink, coloured when asked.</summary>
    /// <param name="exception">The exception.</param>
    /// <param name="colored">Colour it.</param>
    /// <param name="stack">The top exception's stack when it is not its <c>StackTrace</c> now (<see cref="LogRecord.CaughtStack"/>).</param>
    public static string Render(Exception exception, bool colored, string? stack = null) => Render(exception, colored, new ExceptionTree(), stack);

    /// <summary>The same text under another bound: <see cref="ExceptionTree.ForLoguStyleJson"/> gives what LoguStyle JSON keeps, as read back.</summary>
    internal static string Render(Exception exception, bool colored, ExceptionTree tree, string? stack = null)
    {
        var text = new StringBuilder();
        Append(text, exception, colored, escape: true, tree, level: 0, prefix: null, stack);
        return text.ToString();
    }

    /// <summary>
    /// The same text as the <c>{exception}</c> token, uncoloured and unescaped, for a JSON field that carries the
    /// whole exception (CLEF's <c>@x</c>, ECS's <c>error.stack_trace</c>, OpenTelemetry's <c>exception.stacktrace</c>):
    /// the JSON writer escapes it, and a reader sees the stack the text sinks show, not the raw Native AOT one.
    /// </summary>
    public static string Plain(Exception exception, string? stack = null) => Plain(exception, new ExceptionTree(), stack);

    /// <summary>The same text under another bound: <see cref="ExceptionTree.ForLoguStyleJson"/> gives what LoguStyle JSON keeps, as read back.</summary>
    internal static string Plain(Exception exception, ExceptionTree tree, string? stack = null)
    {
        var text = new StringBuilder();
        Append(text, exception, colored: false, escape: false, tree, level: 0, prefix: null, stack);
        return text.ToString();
    }

    /// <summary>
    /// The frames of this exception alone, cleaned as the <c>{exception}</c> token cleans them, a line each (as .NET's own stack trace),
    /// for LoguStyle JSON's <c>stack</c> field; null when the exception has no stack.
    /// </summary>
    public static string? Stack(Exception exception, string? stack = null)
    {
        var text = new StringBuilder();
        var any = false;
        foreach (var frame in Frames(exception, stack))
        {
            text.Append(any ? Environment.NewLine : string.Empty).Append(StackFrameText.Clean(frame));
            any = true;
        }

        return any ? text.ToString() : null;
    }

    private static void Append(StringBuilder text, Exception exception, bool colored, bool escape, ExceptionTree tree, int level, string? prefix, string? stack = null)
    {
        if (prefix is not null)
        {
            text.Append(Environment.NewLine).Append(prefix);
        }

        var type = TypeName(exception);
        // A read-back message that ends in CR was cut from its LF by CLEF's first line: the text sink kept that CR LF.
        var raw = SafeText.Read(() => exception.Message) ?? string.Empty;
        var message = exception is LoggedException ? EscapeLine(raw, escape) : Escape(raw, escape);
        text.Append(colored ? Red + type + Reset : type).Append(": ").Append(colored ? Bold + message + Reset : message);

        if (SafeText.Read(() => exception.Data) is { Count: > 0 } data)
        {
            foreach (DictionaryEntry entry in data)
            {
                var value = NestedObject.DataText(entry.Value);
                text.Append(Environment.NewLine).Append("   Data: ").Append(Escape(NestedObject.DataText(entry.Key), escape)).Append(" = ").Append(Escape(value, escape));
            }
        }

        foreach (var frame in Frames(exception, stack))
        {
            var escaped = EscapeLine(StackFrameText.Clean(frame), escape);
            text.Append(Environment.NewLine).Append(colored && IsFramework(frame) ? Dim + escaped + Reset : escaped);
        }

        tree.Enter(exception);
        var inner = ExceptionTree.InnerOf(exception);
        var aggregate = Children(exception) is not null;
        for (var i = 0; i < inner.Count && !tree.Stopped; i++)
        {
            if (tree.Cut(inner, i, tree.Below(level, aggregate)) is { } marker)
            {
                text.Append(Environment.NewLine).Append(" ---> ").Append(marker);
                break;
            }

            Append(text, inner[i], colored, escape, tree, tree.Below(level, aggregate), aggregate ? $" ---> (Inner Exception #{i}) " : " ---> ");
        }

        tree.Leave();

        // A cut read back from a log (LoguStyle JSON's "more") is written where it was.
        if (exception is LoggedException { More: { } more } && !tree.Stopped)
        {
            text.Append(Environment.NewLine).Append(" ---> ").Append(Escape(more, escape));
        }
    }

    /// <summary>An aggregate's children: an <see cref="AggregateException"/>'s, or those of one read back from a log; null for any other exception.</summary>
    public static IReadOnlyList<Exception>? Children(Exception exception) =>
        exception switch
        {
            AggregateException aggregate => aggregate.InnerExceptions,
            LoggedException { Children: { } children } => children,
            _ => null,
        };

    // The stack's frames as .NET wrote them, without empty lines and the machinery of await.
    private static IEnumerable<string> Frames(Exception exception, string? stack)
    {
        if (stack is null && exception is LoggedException { StackTrace: { Length: > 0 } logged })
        {
            // Text a sink wrote (CLEF's @x after its first line, a read-back stack): its lines end in the platform's
            // newline, and an empty line or a CR before one belongs to a message written there, so both are kept.
            foreach (var line in logged.Split(Environment.NewLine))
            {
                if (!IsAsyncMachinery(line) && !IsCatchMachinery(line))
                {
                    yield return line;
                }
            }

            yield break;
        }

        foreach (var line in (stack ?? SafeText.Read(() => exception.StackTrace) ?? string.Empty).Split('\n'))
        {
            var frame = line.TrimEnd('\r');
            if (frame.Length > 0 && !IsAsyncMachinery(frame) && !IsCatchMachinery(frame))
            {
                yield return frame;
            }
        }
    }

    // The plumbing of await that .NET leaves in some stacks: it says nothing about where the error happened. Its marker
    // line and its frames ("at ..."), not any line that mentions them: a read-back stack may hold a message's line (an
    // aggregate's child's header) that quotes the marker, which a reader found dropped when written again.
    private static bool IsAsyncMachinery(string frame)
    {
        var line = frame.AsSpan().Trim();
        if (line.StartsWith("--- End of stack trace from previous location", StringComparison.Ordinal))
        {
            return line.EndsWith("---", StringComparison.Ordinal);
        }

        return line.StartsWith("at ", StringComparison.Ordinal) && (
            line.Contains(" System.Runtime.CompilerServices.TaskAwaiter", StringComparison.Ordinal) ||
            line.Contains(" System.Runtime.CompilerServices.AsyncMethodBuilderCore", StringComparison.Ordinal) ||
            line.Contains(" System.Runtime.CompilerServices.AsyncTaskMethodBuilder", StringComparison.Ordinal) ||
            line.Contains(" System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw", StringComparison.Ordinal) ||
            line.Contains(" System.Threading.ExecutionContext.RunInternal", StringComparison.Ordinal));
    }

    // Catch's own frames: Catch logs from an exception filter, when the stack trace the runtime has built so far reaches
    // the frame of the filter, so every Catch record's stack ended in CatchFrames.Run and LoguruExtensions.Catch(Async).
    // They are LoguStyle's, never the app's (the namespace is the library's), and say nothing about the error.
    private static bool IsCatchMachinery(string frame)
    {
        var at = frame.AsSpan().TrimStart();
        return at.StartsWith("at LoguStyle.Pipeline.CatchFrames.Run", StringComparison.Ordinal) ||
            at.StartsWith("at LoguStyle.LoguruExtensions.Catch", StringComparison.Ordinal) ||
            at.StartsWith("at LoguStyle.LoguruExtensions.<Catch", StringComparison.Ordinal);
    }

    private static bool IsFramework(string frame)
    {
        var at = frame.TrimStart();
        return at.StartsWith("at System.", StringComparison.Ordinal) || at.StartsWith("at Microsoft.", StringComparison.Ordinal);
    }

    // A line that ends in CR is the first half of a message's CR LF (Frames keeps it): the text sink kept that CR.
    private static string EscapeLine(string line, bool escape) =>
        escape && line.EndsWith('\r') ? Escape(line + "\n", escape)[..^1] : Escape(line, escape);

    private static string Escape(string text, bool escape) => escape && TextEscaper.NeedsEscaping(text) ? TextEscaper.Escape(text) : text;
}
