using System.Text;
using Microsoft.Extensions.Logging;

namespace LoguStyle.Formatting;

/// <summary>
/// A template compiled for one sink: literal bytes, precomputed colour sequences (one per level where
/// <c>&lt;level&gt;</c> is involved) and token slots. Immutable; rendering allocates nothing for literals and styles.
/// </summary>
internal sealed class FormatPlan : IRecordFormatter
{
    internal const string DefaultTimeFormat = "yyyy-MM-dd HH:mm:ss.fff";
    private static readonly byte[] NewLine = Encoding.UTF8.GetBytes(Environment.NewLine);

    private readonly Segment[] _segments;
    private readonly bool _hasExceptionToken;
    private readonly LevelTable _levels;

    // The sink asked for CallerInfo: StackTrace; else a caller found from the stack for another sink is left out.
    private readonly bool _stackCaller;

    private FormatPlan(Segment[] segments, bool hasExceptionToken, bool usesScopes, bool colored, LevelTable levels, bool stackCaller)
    {
        _stackCaller = stackCaller;
        _segments = segments;
        _levels = levels;
        _hasExceptionToken = hasExceptionToken;
        UsesScopes = usesScopes;
        UsesProperties = segments.Any(s => s.TokenElement?.Kind == TokenKind.Extra);
        Colored = colored;
    }

    /// <summary>True when the template reads scopes (<c>{scopes}</c> or <c>{extra[...]}</c>), so records must carry them.</summary>
    public bool UsesScopes { get; }

    /// <summary>True when the template reads template properties (<c>{extra[...]}</c>).</summary>
    public bool UsesProperties { get; }

    /// <summary>True when the plan writes ANSI colours; false when markup was stripped.</summary>
    public bool Colored { get; }

    /// <summary>Compiles <paramref name="template"/> (null: <see cref="FormatTemplate.Default"/>) for a sink.</summary>
    public static FormatPlan Compile(string? template, string sinkName, bool colored) => Compile(template, sinkName, colored, LevelTable.Default);

    /// <summary>
    /// Compiles <paramref name="template"/> for a sink with the given level names, icons and colours;
    /// <paramref name="stackCaller"/> when the sink asked for
    /// <c>CallerInfo: StackTrace</c> (else <c>{function}</c>, <c>{file}</c> and <c>{line}</c> leave out a caller found
    /// from the stack for another sink).
    /// </summary>
    public static FormatPlan Compile(string? template, string sinkName, bool colored, LevelTable levels, bool stackCaller = false)
    {
        var elements = TemplateParser.Parse(template ?? FormatTemplate.Default, sinkName);
        var segments = new List<Segment>();
        var stack = new List<OpenTagElement>();
        var hasException = false;
        var usesScopes = false;

        // Adjacent literals (and colour codes, and level names) are joined afterwards, by Merged.
        foreach (var element in elements)
        {
            switch (element)
            {
                case LiteralElement { Text.Length: > 0 } text:
                    segments.Add(Segment.Literal(Encoding.UTF8.GetBytes(text.Text)));
                    break;
                case TokenElement token:
                    hasException |= token.Kind == TokenKind.Exception;
                    usesScopes |= token.Kind is TokenKind.Scopes or TokenKind.Extra;
                    segments.Add(token.Kind switch
                    {
                        TokenKind.Time => Segment.Time(token, new TimeFormatCache(token.Format ?? DefaultTimeFormat)),

                        // A level's text, padded, is one per slot: encoded once here, copied for each record.
                        TokenKind.Level => Segment.ByLevel(PerLevel(levels, slot => Utf8RecordWriter.Encoded(LevelText(token.Format, slot, levels), token.Alignment, escape: false))),
                        _ => Segment.Token(token),
                    });
                    break;
                case OpenTagElement open:
                    stack.Add(open);
                    if (colored)
                    {
                        segments.Add(Segment.ByLevel(PerLevel(levels, slot => Encoding.UTF8.GetBytes(Sgr(open, slot, levels)))));
                    }

                    break;
                case CloseTagElement:
                    stack.RemoveAt(stack.Count - 1);
                    if (colored)
                    {
                        segments.Add(Segment.ByLevel(PerLevel(levels, slot => Encoding.UTF8.GetBytes("\u001b[0m" + string.Concat(stack.Select(s => Sgr(s, slot, levels)))))));
                    }

                    break;
            }
        }

        return new FormatPlan(Merged(segments, levels), hasException, usesScopes, colored, levels, stackCaller);
    }

    /// <summary>Renders one record, followed by its exception (when the template has no <c>{exception}</c>) and a newline.</summary>
    public void Render(LogRecord record, Utf8Buffer output)
    {
        var slot = _levels.SlotOf(record);
        foreach (ref readonly var segment in _segments.AsSpan())
        {
            switch (segment.Kind)
            {
                case SegmentKind.Literal:
                    output.Write(segment.Bytes);
                    break;
                case SegmentKind.ByLevel:
                    output.Write(segment.PerLevel![slot]);
                    break;
                case SegmentKind.Time:
                    segment.TimeCache!.Write(output, record.Timestamp, segment.TokenElement!.Alignment);
                    break;
                default:
                    RenderToken(record, segment.TokenElement!, output);
                    break;
            }
        }

        if (!_hasExceptionToken && record.Exception is not null)
        {
            WriteException(record.Exception, record.CaughtStack, output);
        }

        output.Write(NewLine);
    }

    private void RenderToken(LogRecord record, TokenElement token, Utf8Buffer output)
    {
        var align = token.Alignment;
        switch (token.Kind)
        {
            case TokenKind.Category:
                if (align == 0 && record.CategoryUtf8 is { } category)
                {
                    output.Write(category);
                }
                else
                {
                    Utf8RecordWriter.WriteText(output, record.Category, align, escape: true);
                }

                break;
            case TokenKind.Message:
                if (align == 0 && record.TryGetMessageSource(out var template, out var values))
                {
                    template.Render(output, values);
                }
                else
                {
                    Utf8RecordWriter.WriteText(output, record.Message, align, escape: true);
                }

                break;
            case TokenKind.Exception:
                if (record.Exception is not null)
                {
                    WriteException(record.Exception, record.CaughtStack, output);
                }

                break;
            case TokenKind.EventId:
                Utf8RecordWriter.WriteFormatted(output, record.EventId.Id, token.Format, align);
                break;
            case TokenKind.EventName:
                Utf8RecordWriter.WriteText(output, record.EventId.Name, align, escape: true);
                break;
            case TokenKind.Thread:
                Utf8RecordWriter.WriteFormatted(output, record.ThreadId, token.Format, align);
                break;
            case TokenKind.Process:
                Utf8RecordWriter.WriteFormatted(output, record.ProcessId, token.Format, align);
                break;
            case TokenKind.Elapsed:
                Utf8RecordWriter.WriteFormatted(output, record.Elapsed, token.Format ?? "c", align);
                break;
            case TokenKind.Scopes:
                Utf8RecordWriter.WriteText(output, ScopeText.Render(record), align, escape: true);
                break;
            case TokenKind.TraceId:
                Utf8RecordWriter.WriteText(output, record.TraceId, align, escape: false);
                break;
            case TokenKind.SpanId:
                Utf8RecordWriter.WriteText(output, record.SpanId, align, escape: false);
                break;
            case TokenKind.Extra:
                if (record.TryGetProperty(token.ExtraName!, out var value))
                {
                    Utf8RecordWriter.WriteValue(output, value, token.Format, align);
                }
                else
                {
                    Utf8RecordWriter.WriteText(output, string.Empty, align, escape: false);
                }

                break;
            case TokenKind.NewLine:
                output.Write(NewLine);
                break;
            case TokenKind.Function:
                Utf8RecordWriter.WriteText(output, record.ShowsCaller(_stackCaller) ? record.CallerFunction : null, align, escape: true);
                break;
            case TokenKind.File:
                var path = record.ShowsCaller(_stackCaller) ? record.CallerFilePath : null;
                Utf8RecordWriter.WriteText(output, token.Format is null ? CallerFile.Name(path) : path, align, escape: true);
                break;
            case TokenKind.Line when record.CallerLine > 0 && record.ShowsCaller(_stackCaller):
                Utf8RecordWriter.WriteFormatted(output, record.CallerLine, token.Format, align);
                break;
            case TokenKind.Line:
                Utf8RecordWriter.WriteText(output, string.Empty, align, escape: false);
                break;
        }
    }

    private void WriteException(Exception exception, string? stack, Utf8Buffer output)
    {
        output.Write(NewLine);

        // Already escaped (and coloured when the sink is), so written as it is.
        Utf8RecordWriter.WriteText(output, ExceptionText.Render(exception, Colored, stack), 0, escape: false);
    }

    private static string LevelText(string? format, int slot, LevelTable levels) => format switch
    {
        "u3" => levels.ShortName(slot),
        "icon" => levels.Icon(slot),
        _ => levels.Name(slot),
    };

    private static string Sgr(OpenTagElement tag, int slot, LevelTable levels) =>
        "\u001b[" + (tag.IsLevel ? levels.Sgr(slot) : tag.Sgr) + "m";

    /// <summary>
    /// Joins each run of adjacent literals and per-level bytes into one segment (per level when any part depends on
    /// it): <c>" | "</c>, the level's name and <c>" | "</c> are one copy per record instead of three, and a run of
    /// colour codes around a literal is one copy too.
    /// </summary>
    private static Segment[] Merged(List<Segment> segments, LevelTable levels)
    {
        var merged = new List<Segment>();
        var run = new List<Segment>();

        void EndRun()
        {
            if (run.Count == 1)
            {
                merged.Add(run[0]);
            }
            else if (run.Count > 1)
            {
                merged.Add(run.TrueForAll(part => part.Kind == SegmentKind.Literal)
                    ? Segment.Literal([.. run.SelectMany(part => part.Bytes)])
                    : Segment.ByLevel(PerLevel(levels, slot => [.. run.SelectMany(part => part.Kind == SegmentKind.Literal ? part.Bytes : part.PerLevel![slot])])));
            }

            run.Clear();
        }

        foreach (var segment in segments)
        {
            if (segment.Kind is SegmentKind.Literal or SegmentKind.ByLevel)
            {
                run.Add(segment);
                continue;
            }

            EndRun();
            merged.Add(segment);
        }

        EndRun();
        return [.. merged];
    }

    private static byte[][] PerLevel(LevelTable levels, Func<int, byte[]> bytes)
    {
        var result = new byte[levels.Count][];
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = bytes(i);
        }

        return result;
    }

    private enum SegmentKind
    {
        Literal,
        ByLevel,
        Token,
        Time,
    }

    private readonly record struct Segment(SegmentKind Kind, byte[] Bytes, byte[][]? PerLevel, TokenElement? TokenElement, TimeFormatCache? TimeCache)
    {
        public static Segment Literal(byte[] bytes) => new(SegmentKind.Literal, bytes, null, null, null);

        /// <summary>Bytes chosen by the record's level: colour sequences, and level names.</summary>
        public static Segment ByLevel(byte[][] perLevel) => new(SegmentKind.ByLevel, [], perLevel, null, null);

        public static Segment Token(TokenElement token) => new(SegmentKind.Token, [], null, token, null);

        public static Segment Time(TokenElement token, TimeFormatCache cache) => new(SegmentKind.Time, [], null, token, cache);
    }
}
