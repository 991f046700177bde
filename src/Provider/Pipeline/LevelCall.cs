namespace LoguStyle.Pipeline;

/// <summary>
/// Carries a custom level's name from <c>logger.Log("SUCCESS", ...)</c> to LoguStyle's loggers, beside MEL's call at the
/// base level. MEL's <c>Logger</c> calls each provider's logger on the calling thread before it returns, so a
/// thread-local value set around that call reaches them; MEL's own template state goes through unchanged (its fast
/// paths stay), and other providers see the base level and nothing else.
/// </summary>
internal static class LevelCall
{
    [ThreadStatic]
    private static string? t_name;

    // Set for good by the first custom-level call. Every logging call asks Current, and a thread-static read is a call
    // into the runtime's TLS lookup on Linux (visible in the record path's profile); a process that never logs at a
    // custom level pays one plain read instead. A thread sees its own Enter, so no fence is needed for the thread that
    // set a name, and a thread that never entered has no name to see.
    private static bool s_used;

    /// <summary>The custom level of the logging call in progress on this thread, or null.</summary>
    public static string? Current => s_used ? t_name : null;

    /// <summary>Sets the level name for the calls made until <see cref="Exit"/>; returns the one to restore.</summary>
    public static string? Enter(string? name)
    {
        if (!s_used)
        {
            s_used = true;
        }

        var previous = t_name;
        t_name = name;
        return previous;
    }

    public static void Exit(string? previous) => t_name = previous;
}
