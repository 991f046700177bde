using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace LoguStyle.Pipeline;

/// <summary>Captures a <see cref="LogRecord"/> from MEL's <c>Log</c> arguments, once per call, as the sink set's <see cref="CapturePlan"/> says.</summary>
internal static class RecordCapture
{
    private const string OriginalFormat = "{OriginalFormat}";
    private static readonly int ProcessId = Environment.ProcessId;

    // One record per thread for the Reuse strategy: every sink formats it before the call returns.
    [ThreadStatic]
    private static LogRecord? t_reusable;

    // The list the scopes are gathered in before they are copied to the record's array, one per thread and taken while
    // in use (a scope's ToString may log), so a call into a sink that reads scopes allocates no list for them.
    [ThreadStatic]
    private static List<object?>? t_scopes;

    /// <summary>
    /// Captures the record of one call the way <paramref name="plan"/> says; <see cref="Finish"/> gives it back once the
    /// sinks have run. Never throws for what the state or its values do. <paramref name="threadId"/> is the calling
    /// thread's managed id, which the logger has already read for the call.
    /// </summary>
    // Hot path: no allocation of its own for the Reuse and Pool strategies once warm (CaptureAllocationTests).
    public static LogRecord Capture<TState>(
        LoguStyleLogger logger,
        CapturePlan plan,
        LogLevel level,
        EventId eventId,
        TState state,
        Exception? exception,
        Func<TState, Exception?, string> formatter,
        int threadId)
    {
        var record = plan.Record switch
        {
            RecordStrategy.Reuse => RentReusable(),
            RecordStrategy.Pool => RecordPool.Shared.Rent(plan.HandsCallsHoldToQueue),
            _ => new LogRecord(),
        };

        // Read as a list once, and only when something reads it. MEL's template state is read through the record's view
        // of it (StateList), which boxes nothing; a pooled record that keeps the list past the call keeps a box of the
        // state instead (below), and a record of its own boxes it here, as any other state is boxed by the read.
        var view = plan.Record != RecordStrategy.Own && StateType<TState>.IsTemplateState && typeof(TState).IsValueType
            ? StateList<TState>.For(record, state)
            : null;
        var list = (plan.Record != RecordStrategy.Own && StateType<TState>.IsTemplateState) || plan.Properties != PropertyCapture.None
            ? view ?? state as IReadOnlyList<KeyValuePair<string, object?>>
            : null;
        string? template = null;
        IReadOnlyList<KeyValuePair<string, object?>>? values = null;
        IReadOnlyList<KeyValuePair<string, object?>>? properties = null;
        Formatting.MessageTemplate? parsed = null;
        var deferred = false;
        var copied = false;

        // A template state (StateType.IsTemplateState: MEL's template call's, whose values are already boxed, or
        // LoggerMessage.Define's, which boxes each value as it is read) with one value per hole: the message can be
        // rendered later from the parsed template. Reuse: by the sinks, straight to UTF-8, its string never made. Pool:
        // by the writers, from a copy of the values (MEL's state holds the caller's own argument array, which the caller
        // may fill again before a writer reads it), and only when every value is immutable.
        if (plan.Record != RecordStrategy.Own && StateType<TState>.IsTemplateState && list is not null &&
            Formatting.MessageTemplate.TemplateOf(list) is { } stateTemplate && Formatting.MessageTemplate.For(stateTemplate) is { } stateParsed &&
            stateParsed.HoleCount == list.Count - 1)
        {
            if (plan.Record == RecordStrategy.Reuse)
            {
                (template, values, parsed, deferred) = (stateTemplate, list, stateParsed, true);
            }
            else if (CopyIfImmutable(list, record.EnsureCompanion().EmptyStateCopy()) is { } copy)
            {
                (template, values, parsed, deferred, copied) = (stateTemplate, copy, stateParsed, true, true);
            }
        }

        if (!deferred && plan.Properties != PropertyCapture.None && list is not null)
        {
            template = KeptTemplate(Formatting.MessageTemplate.TemplateOf(list));
            values = view is not null && plan.Record != RecordStrategy.Reuse ? state as IReadOnlyList<KeyValuePair<string, object?>> : list;
        }

        var provider = logger.Provider;
        var activity = Activity.Current;
        var traceId = activity is null ? null : activity.TraceId.ToHexString();
        var spanId = activity is null ? null : activity.SpanId.ToHexString();
        if (!deferred && list is not null && plan.Properties is PropertyCapture.Copy or PropertyCapture.Snapshot)
        {
            // A record that outlives the call copies its properties now (and snapshots mutable ones for queues).
            properties = CopyProperties(list, plan.Properties == PropertyCapture.Snapshot, new RecordFields(exception, threadId, ProcessId, traceId, spanId));
        }

        var now = provider.Now();
        record.Reset(
            now,
            level,
            logger.Category,
            logger.CategoryUtf8,
            eventId,
            deferred ? null : Render(state, exception, formatter, template),
            template,
            values,
            properties,
            exception,
            null,
            threadId,
            ProcessId,
            traceId,
            spanId,
            provider.ElapsedAt(now));
        if (state is InterpolatedLogState interpolated)
        {
            // A Loguru-style call: the compiler gave the caller. (A struct state never is one: the JIT drops the test.)
            record.SetGivenCaller(interpolated.Function, interpolated.FilePath, interpolated.Line);
        }
        else if (StateType<TState>.MayWrapLoguruCall && state is IReadOnlyList<KeyValuePair<string, object?>> wrapped &&
            InterpolatedLogState.CallerFor(wrapped) is { } wrapping)
        {
            // A Loguru-style call through a wrapping logger (the ExtendedLogger): its state is the wrapper's, made of the
            // call's pairs during the call, so the caller is the call's in progress on this thread.
            record.SetGivenCaller(wrapping.Function, wrapping.FilePath, wrapping.Line);
        }

        if (plan.Scopes != ScopeCapture.None)
        {
            // After Reset, which forgets the previous call's reporter: a scope that cannot be read is reported once.
            record.ReportScopeFaultsTo(provider.ScopeFaults);
            record.SetScopes(CaptureScopes(provider.ScopeProvider, plan.Scopes == ScopeCapture.Snapshot, record));
        }

        if (copied)
        {
            record.DeferMessage(null, null, null, parsed);
        }
        else if (deferred)
        {
            record.DeferMessage(list!, formatter, DeferredMessage<TState>.Render, parsed);
        }

        if (plan.Record != RecordStrategy.Reuse)
        {
            // A pooled record outlives the call, and what it keeps of the state is a copy, a box or nothing: the view forgets it.
            view?.Forget();
        }

        return record;
    }

    /// <summary>Gives back a record of <see cref="Capture"/> once every sink has run.</summary>
    public static void Finish(LogRecord record, CapturePlan plan)
    {
        if (plan.Record == RecordStrategy.Reuse)
        {
            record.Clear();
            t_reusable = record;
        }
        else if (!plan.HandsCallsHoldToQueue)
        {
            // The logging call's hold on a pooled record (the queues hold their own); nothing for a record of its own.
            // A call that handed its hold to the queue does not touch the record again: the queue's writer may have
            // returned it to the pool already.
            record.Companion?.ReleaseReference();
        }
    }

    private static LogRecord RentReusable()
    {
        var record = t_reusable ?? new LogRecord();
        t_reusable = null;
        return record;
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

    /// <summary>
    /// The state's template, or null when MEL refuses it: a call without values carries its text unparsed
    /// (<c>LogInformation("x}y")</c>), and a reader that renders templates (CLEF's <c>@mt</c>) would stumble on it as MEL
    /// did; such a record has no template, as a LoguStyle call whose template MEL refused has none (api.md).
    /// </summary>
    internal static string? KeptTemplate(string? template) =>
        template is not null && Formatting.MessageTemplate.ForMel(template) is not null ? template : null;

    private static KeyValuePair<string, object?>[] CopyProperties(IReadOnlyList<KeyValuePair<string, object?>> list, bool snapshot, in RecordFields fields) =>
        [.. ReadProperties(list, snapshot, fields)];

    /// <summary>
    /// The named values of a state list without <c>{OriginalFormat}</c> and without the telemetry tags that repeat a
    /// field of the record (<see cref="TelemetryTags"/>), up to the first pair that throws: MEL's state for fewer
    /// arguments than holes throws for the holes without one, which come last, and the values before them are kept.
    /// (Stopping there also bounds the work for a broken list that claims a huge count.)
    /// </summary>
    internal static List<KeyValuePair<string, object?>> ReadProperties(IReadOnlyList<KeyValuePair<string, object?>>? list, bool snapshot, in RecordFields fields, List<KeyValuePair<string, object?>>? into = null)
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

        var properties = into ?? new List<KeyValuePair<string, object?>>(Math.Min(count, 64));
        properties.Clear();
        for (var i = 0; i < count; i++)
        {
            try
            {
                var pair = list![i];
                if (pair.Key != OriginalFormat && !TelemetryTags.Repeats(pair, fields))
                {
                    properties.Add(new(pair.Key, snapshot ? ValueSnapshot.Of(pair.Value) : ValueSnapshot.Kept(pair.Value)));
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
        var captured = t_scopes ?? [];
        t_scopes = null;
        try
        {
            return CaptureScopes(scopes, snapshot, record, captured);
        }
        finally
        {
            captured.Clear();
            t_scopes = captured;
        }
    }

    private static object?[] CaptureScopes(IExternalScopeProvider scopes, bool snapshot, LogRecord record, List<object?> captured)
    {
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
