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
}
