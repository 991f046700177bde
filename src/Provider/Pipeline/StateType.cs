using Microsoft.Extensions.Logging;

namespace LoguStyle.Pipeline;

/// <summary>What is known about a MEL state type, worked out once per type.</summary>
internal static class StateType<TState>
{
    /// <summary>
    /// True for a state whose message is MEL's template formatter's, so a sink can write it from the template and the
    /// values straight to UTF-8 with the same result: MEL's <c>FormattedLogValues</c> (<c>LogInformation(template,
    /// args)</c>; its values are the caller's already-boxed arguments) and the <c>LogValues</c> structs nested in
    /// <see cref="LoggerMessage"/> (<c>LoggerMessage.Define</c>, and so a <c>[LoggerMessage]</c> method of up to six
    /// values; reading a value boxes it, which still costs less than the formatter's string: docs/benchmarks.md, "No
    /// message string"). A generated method of more values has a state of its own, formatted by its own code. The state
    /// of an interpolated Loguru-style call (<c>logger.Info($"...")</c>) is one too: its values are boxed once, when the
    /// message is built.
    /// </summary>
    public static readonly bool IsTemplateState =
        (typeof(TState).FullName == "Microsoft.Extensions.Logging.FormattedLogValues" || typeof(TState) == typeof(InterpolatedLogState) ||
            typeof(TState).DeclaringType == typeof(LoggerMessage)) &&
        typeof(IReadOnlyList<KeyValuePair<string, object?>>).IsAssignableFrom(typeof(TState));

    /// <summary>
    /// True for a state that may be a wrapping logger's copy of a Loguru-style call's pairs (Microsoft.Extensions.Telemetry's
    /// ExtendedLogger passes a class of its own): a class list that is neither MEL's template state nor the call's own.
    /// Worked out once per type, so MEL's template and <c>[LoggerMessage]</c> calls pay nothing for the caller look-up.
    /// </summary>
    public static readonly bool MayWrapLoguruCall =
        !typeof(TState).IsValueType && !IsTemplateState &&
        typeof(IReadOnlyList<KeyValuePair<string, object?>>).IsAssignableFrom(typeof(TState));
}
