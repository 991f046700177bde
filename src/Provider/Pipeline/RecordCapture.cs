using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace LoguStyle.Pipeline;

/// <summary>Captures a <see cref="LogRecord"/> from MEL's <c>Log</c> arguments, once per call, without throwing.</summary>
internal static class RecordCapture
{
    private const string OriginalFormat = "{OriginalFormat}";
    private static readonly int ProcessId = Environment.ProcessId;

    // Hot path: when every sink of the call formats the record before returning (console, file, text), one record
    // per thread is reused, so capture allocates nothing of its own.
    [ThreadStatic]
    private static LogRecord? t_reusable;

    /// <summary>Takes the thread's reusable record; <see cref="Release"/> gives it back after the sinks ran.</summary>
    public static LogRecord RentReusable()
    {
        var record = t_reusable ?? new LogRecord();
        t_reusable = null;
        return record;
    }

    public static void Release(LogRecord record)
    {
        record.Clear();
        t_reusable = record;
    }

    public static LogRecord Capture<TState>(
        LoguStyleLoggerProvider provider,
        LogRecord target,
        SinkSet sinks,
        string category,
        byte[]? categoryUtf8,
        LogLevel level,
        EventId eventId,
        TState state,
        Exception? exception,
        Func<TState, Exception?, string> formatter)
    {
        string? template = null;
        IReadOnlyList<KeyValuePair<string, object?>>? stateList = null;
        IReadOnlyList<KeyValuePair<string, object?>>? properties = null;
        var deferred = false;
        var copied = false;
        Formatting.MessageTemplate? parsed = null;

        // Every sink formats before the call returns and the state is MEL's template state (its values are already
        // boxed, so reading them costs nothing): the message is written straight to UTF-8 from the parsed template,
        // and its string is never made.
        if (!sinks.RetainsRecords && StateType<TState>.IsTemplateState && state is IReadOnlyList<KeyValuePair<string, object?>> direct &&
            Formatting.MessageTemplate.TemplateOf(direct) is { } directTemplate && Formatting.MessageTemplate.For(directTemplate) is { } directParsed &&
            directParsed.HoleCount == direct.Count - 1)
        {
            template = directTemplate;
            stateList = direct;
            parsed = directParsed;
            deferred = true;
        }

        // Every sink writes later: when MEL's state holds only immutable values, the message is rendered later, so the
        // caller only captures. The writer renders it, or, when the writer has fallen behind, the queue has the caller
        // format the whole line straight to UTF-8 (the message string is never made). Mutable values are rendered now.
        // (Only MEL's template state: reading a [LoggerMessage] state boxes every value, which costs the caller more
        // than rendering its message with its own formatter, and leaves the writer nothing to allocate.)
        else if (sinks.AllQueued && StateType<TState>.IsTemplateState && state is IReadOnlyList<KeyValuePair<string, object?>> queued &&
                 Formatting.MessageTemplate.TemplateOf(queued) is { } queuedTemplate && Formatting.MessageTemplate.For(queuedTemplate) is { } queuedParsed &&
                 queuedParsed.HoleCount == queued.Count - 1 && CopyIfImmutable(queued, target.EmptyStateCopy()) is { } copy)
        {
            // The values are copied: MEL's state holds the caller's own argument array, which the caller may fill
            // again before the writer reads it. The message is rendered from the copy by the parsed template.
            template = queuedTemplate;
            stateList = copy;
            parsed = queuedParsed;
            deferred = true;
            copied = true;
        }

        // Reading the state boxes a [LoggerMessage] struct state, so it is read only when a sink asks for it.
        else if (sinks.UsesProperties && state is IReadOnlyList<KeyValuePair<string, object?>> list)
        {
            template = Formatting.MessageTemplate.TemplateOf(list);
            stateList = list;
            if (sinks.RetainsRecords)
            {
                // A record that outlives the call copies its properties now (and snapshots mutable ones for queues).
                properties = CopyProperties(list, sinks.HasQueues);
            }
        }

        var activity = Activity.Current;
        var now = provider.Now();
        target.Reset(
            now,
            level,
            category,
            categoryUtf8,
            eventId,
            deferred ? null : Render(state, exception, formatter, template),
            template,
            stateList,
            properties,
            exception,
            null,
            Environment.CurrentManagedThreadId,
            ProcessId,
            activity is null ? null : activity.TraceId.ToHexString(),
            activity is null ? null : activity.SpanId.ToHexString(),
            provider.ElapsedAt(now));
        if (sinks.UsesScopes)
        {
            // After Reset, which forgets the previous call's reporter: a scope that cannot be read is reported once.
            target.ReportScopeFaultsTo(provider.ScopeFaults);
            target.SetScopes(CaptureScopes(provider.ScopeProvider, sinks.HasQueues, target));
        }

        if (copied)
        {
            target.DeferMessage(null, null, null, parsed);
        }
        else if (deferred)
        {
            target.DeferMessage(stateList!, formatter, DeferredMessage<TState>.Render, parsed);
        }

        return target;
    }

    /// <summary>The values copied into <paramref name="copy"/> when every one is immutable; null otherwise.</summary>
    private static StateCopy? CopyIfImmutable(IReadOnlyList<KeyValuePair<string, object?>> list, StateCopy copy)
    {
        try
        {
            for (var i = 0; i < list.Count; i++)
            {
                var pair = list[i];
                if (pair.Value is not null && !ValueSnapshot.IsImmutable(pair.Value))
                {
                    copy.Clear();
                    return null;
                }

                copy.Add(pair);
            }

            return copy;
        }
#pragma warning disable CA1031 // A custom state list is user code; when it cannot be read, render the message now.
        catch (Exception)
#pragma warning restore CA1031
        {
            copy.Clear();
            return null;
        }
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
            return MessageFallback.Render(state, template, typeof(TState).Name, ex);
        }
    }

    private static KeyValuePair<string, object?>[] CopyProperties(IReadOnlyList<KeyValuePair<string, object?>> list, bool snapshot) =>
        [.. ReadProperties(list, snapshot)];

    /// <summary>
    /// The named values of a state list without <c>{OriginalFormat}</c>, up to the first pair that throws: MEL's state
    /// for fewer arguments than holes throws for the holes without one, which come last, and the values before them are
    /// kept. (Stopping there also bounds the work for a broken list that claims a huge count.)
    /// </summary>
    internal static List<KeyValuePair<string, object?>> ReadProperties(IReadOnlyList<KeyValuePair<string, object?>>? list, bool snapshot)
    {
        var count = 0;
        try
        {
            count = list?.Count ?? 0;
        }
#pragma warning disable CA1031 // A custom state list is user code; a broken one gives a record without properties.
        catch (Exception)
#pragma warning restore CA1031
        {
        }

        var properties = new List<KeyValuePair<string, object?>>(Math.Min(count, 64));
        for (var i = 0; i < count; i++)
        {
            try
            {
                var pair = list![i];
                if (pair.Key != OriginalFormat)
                {
                    properties.Add(snapshot ? new(pair.Key, ValueSnapshot.Of(pair.Value)) : pair);
                }
            }
#pragma warning disable CA1031 // A pair that cannot be read ends the properties; the ones read are kept.
            catch (Exception)
#pragma warning restore CA1031
            {
                break;
            }
        }

        return properties;
    }

    private static object?[] CaptureScopes(IExternalScopeProvider scopes, bool snapshot, LogRecord record)
    {
        var captured = new List<object?>();
        scopes.ForEachScope(static (scope, list) => list.Add(scope), captured);
        if (snapshot)
        {
            for (var i = 0; i < captured.Count; i++)
            {
                captured[i] = ValueSnapshot.OfScope(captured[i], out var error);
                if (error is not null)
                {
                    record.ScopeFailed(error);
                }
            }
        }

        return [.. captured];
    }
}
