using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace LoguStyle.Pipeline;

/// <summary>Captures a <see cref="LogRecord"/> from MEL's <c>Log</c> arguments, once per call, without throwing.</summary>
internal static class RecordCapture
{
    private const string OriginalFormat = "{OriginalFormat}";
    private static readonly int ProcessId = Environment.ProcessId;

    public static LogRecord Capture<TState>(
        LoguStyleLoggerProvider provider,
        string category,
        LogLevel level,
        EventId eventId,
        TState state,
        Exception? exception,
        Func<TState, Exception?, string> formatter,
        bool captureScopes,
        bool snapshot)
    {
        var (template, properties) = ReadState(state, snapshot);
        var message = Render(state, exception, formatter, template);
        var activity = Activity.Current;
        return new LogRecord(provider.Time.GetLocalNow(), level, category, message)
        {
            EventId = eventId,
            Template = template,
            Properties = properties,
            Exception = exception,
            Scopes = captureScopes ? CaptureScopes(provider.ScopeProvider, snapshot) : [],
            ThreadId = Environment.CurrentManagedThreadId,
            ProcessId = ProcessId,
            TraceId = activity is null ? null : activity.TraceId.ToHexString(),
            SpanId = activity is null ? null : activity.SpanId.ToHexString(),
            Elapsed = provider.Elapsed,
        };
    }

    private static string Render<TState>(TState state, Exception? exception, Func<TState, Exception?, string> formatter, string? template)
    {
        try
        {
            return formatter(state, exception) ?? string.Empty;
        }
#pragma warning disable CA1031 // An argument's ToString is user code; the record is still written, with the reason.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            return $"{template ?? typeof(TState).Name} [LoguStyle: formatting the message failed: {ex.GetType().Name}: {ex.Message}]";
        }
    }

    private static (string? Template, IReadOnlyList<KeyValuePair<string, object?>> Properties) ReadState<TState>(TState state, bool snapshot)
    {
        if (state is not IReadOnlyList<KeyValuePair<string, object?>> list)
        {
            return (null, []);
        }

        try
        {
            var count = list.Count;
            if (count == 0)
            {
                return (null, []);
            }

            string? template = null;
            var properties = new List<KeyValuePair<string, object?>>(count);
            for (var i = 0; i < count; i++)
            {
                var pair = list[i];
                if (pair.Key == OriginalFormat)
                {
                    template = pair.Value as string;
                }
                else
                {
                    properties.Add(snapshot ? new(pair.Key, ValueSnapshot.Of(pair.Value)) : pair);
                }
            }

            return (template, properties);
        }
#pragma warning disable CA1031 // A custom state list is user code; a broken one still gives a record with its message.
        catch (Exception)
#pragma warning restore CA1031
        {
            return (null, []);
        }
    }

    private static object?[] CaptureScopes(IExternalScopeProvider scopes, bool snapshot)
    {
        var captured = new List<object?>();
        scopes.ForEachScope(static (scope, list) => list.Add(scope), captured);
        if (snapshot)
        {
            for (var i = 0; i < captured.Count; i++)
            {
                captured[i] = ValueSnapshot.OfScope(captured[i]);
            }
        }

        return [.. captured];
    }
}
