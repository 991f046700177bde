using Microsoft.Extensions.Logging;

namespace LoguStyle;

/// <summary>
/// One log record as every sink sees it: captured once per <c>ILogger.Log</c> call and never changed after
/// the call returns. Loguru's <c>record</c> dict.
/// </summary>
public sealed class LogRecord
{
    private static readonly KeyValuePair<string, object?>[] NoProperties = [];
    private static readonly object?[] NoScopes = [];

    /// <summary>Creates a record. Sinks receive records from the provider; tests and custom pipelines may build their own.</summary>
    /// <param name="timestamp">When the record was logged, in local time (with its offset).</param>
    /// <param name="level">The MEL level.</param>
    /// <param name="category">The logger category, usually the full type name of <c>ILogger&lt;T&gt;</c>'s T.</param>
    /// <param name="message">The rendered message.</param>
    public LogRecord(DateTimeOffset timestamp, LogLevel level, string category, string message)
    {
        ArgumentNullException.ThrowIfNull(category);
        ArgumentNullException.ThrowIfNull(message);
        Timestamp = timestamp;
        Level = level;
        Category = category;
        Message = message;
        Properties = NoProperties;
        Scopes = NoScopes;
    }

    /// <summary>When the record was logged, from the provider's <see cref="TimeProvider"/>, in its local time zone.</summary>
    public DateTimeOffset Timestamp { get; }

    /// <summary>The record's level.</summary>
    public LogLevel Level { get; }

    /// <summary>The logger category (<c>{category}</c>).</summary>
    public string Category { get; }

    /// <summary>The event id (<c>{eventid}</c>, <c>{eventname}</c>).</summary>
    public EventId EventId { get; init; }

    /// <summary>The message rendered once by MEL's formatter (<c>{message}</c>).</summary>
    public string Message { get; }

    /// <summary>The message template (MEL's <c>{OriginalFormat}</c>), when the state carried one.</summary>
    public string? Template { get; init; }

    /// <summary>The template's named values, in template order, without <c>{OriginalFormat}</c> (<c>{extra[Name]}</c>).</summary>
    public IReadOnlyList<KeyValuePair<string, object?>> Properties { get; init; }

    /// <summary>The exception passed to the log call, if any (<c>{exception}</c>).</summary>
    public Exception? Exception { get; init; }

    /// <summary>The active scopes, outermost first (<c>{scopes}</c>); empty when no sink asked for scopes.</summary>
    public IReadOnlyList<object?> Scopes { get; init; }

    /// <summary>The managed thread id of the logging thread (<c>{thread}</c>).</summary>
    public int ThreadId { get; init; }

    /// <summary>The process id (<c>{process}</c>).</summary>
    public int ProcessId { get; init; }

    /// <summary>The W3C trace id of <c>Activity.Current</c>, if any (<c>{traceid}</c>).</summary>
    public string? TraceId { get; init; }

    /// <summary>The W3C span id of <c>Activity.Current</c>, if any (<c>{spanid}</c>).</summary>
    public string? SpanId { get; init; }

    /// <summary>Time since the provider started (<c>{elapsed}</c>).</summary>
    public TimeSpan Elapsed { get; init; }

    /// <summary>
    /// Finds a named value: a template property first, then the innermost scope that carries the name
    /// (scopes that are lists of key/value pairs). Names compare ordinally, case-sensitive.
    /// </summary>
    /// <param name="name">The property name.</param>
    /// <param name="value">The value found, possibly null.</param>
    /// <returns>True when the name was found.</returns>
    public bool TryGetProperty(string name, out object? value)
    {
        foreach (var pair in Properties)
        {
            if (pair.Key == name)
            {
                value = pair.Value;
                return true;
            }
        }

        for (var i = Scopes.Count - 1; i >= 0; i--)
        {
            if (Scopes[i] is IEnumerable<KeyValuePair<string, object?>> pairs)
            {
                foreach (var pair in pairs)
                {
                    if (pair.Key == name)
                    {
                        value = pair.Value;
                        return true;
                    }
                }
            }
        }

        value = null;
        return false;
    }

    /// <inheritdoc />
    public override string ToString() => $"{Timestamp:O} {Level} {Category}: {Message}";
}
