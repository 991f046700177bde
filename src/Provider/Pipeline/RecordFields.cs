namespace LoguStyle.Pipeline;

/// <summary>
/// The fields of a record that a tag of its state may repeat (<see cref="TelemetryTags"/>): known before the record's
/// properties are read, so the properties can leave such tags out.
/// </summary>
/// <param name="Exception">The record's exception, if any.</param>
/// <param name="ThreadId">The managed thread id of the logging thread.</param>
/// <param name="ProcessId">The process id.</param>
/// <param name="TraceId">The W3C trace id, hex, if any.</param>
/// <param name="SpanId">The W3C span id, hex, if any.</param>
internal readonly record struct RecordFields(Exception? Exception, int ThreadId, int ProcessId, string? TraceId, string? SpanId);
