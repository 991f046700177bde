namespace LoguStyle.Pipeline;

/// <summary>What is known about a MEL state type, worked out once per type.</summary>
internal static class StateType<TState>
{
    /// <summary>
    /// True for MEL's <c>FormattedLogValues</c>, the state of <c>LogInformation(template, args)</c>: a list whose
    /// values are the caller's already-boxed arguments, so reading them allocates nothing. (The states of
    /// <c>[LoggerMessage]</c> methods box a value each time one is read; their own formatter is used instead.)
    /// The state of an interpolated Loguru-style call (<c>logger.Info($"...")</c>) is one too: its values are boxed
    /// once, when the message is built.
    /// </summary>
    public static readonly bool IsTemplateState =
        (typeof(TState).FullName == "Microsoft.Extensions.Logging.FormattedLogValues" || typeof(TState) == typeof(InterpolatedLogState)) &&
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
