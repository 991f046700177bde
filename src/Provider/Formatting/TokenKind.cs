namespace LoguStyle.Formatting;

/// <summary>The record fields a template token can name.</summary>
internal enum TokenKind
{
    Time,
    Level,
    Category,
    Message,
    Exception,
    EventId,
    EventName,
    Thread,
    Process,
    Elapsed,
    Scopes,
    TraceId,
    SpanId,
    Extra,
    NewLine,
    Function,
    File,
    Line,
}
