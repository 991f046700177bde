namespace LoguStyle;

/// <summary>The schema of a serializing sink's JSON lines (<c>JsonFormat</c>); docs/json.md shows each.</summary>
public enum JsonFormat
{
    /// <summary>LoguStyle's own fields (<c>time</c>, <c>level</c>, <c>message</c>, <c>props</c>, <c>scopes</c>, ...). The default.</summary>
    LoguStyle,

    /// <summary>Seq's compact log event format (CLEF): <c>@t</c>, <c>@mt</c>, <c>@m</c>, <c>@l</c>, <c>@x</c>, <c>@i</c>, properties at the top level.</summary>
    Clef,

    /// <summary>Elastic Common Schema: <c>@timestamp</c>, <c>log.level</c>, <c>message</c>, <c>log.logger</c>, <c>error.*</c>, <c>trace.id</c>, ...</summary>
    Ecs,

    /// <summary>The OpenTelemetry log data model in its OTLP/JSON encoding of one <c>LogRecord</c>.</summary>
    Otel,
}
