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

    /// <summary>The custom level of the logging call in progress on this thread, or null.</summary>
    public static string? Current => t_name;

    /// <summary>Sets the level name for the calls made until <see cref="Exit"/>; returns the one to restore.</summary>
    public static string? Enter(string? name)
    {
        var previous = t_name;
        t_name = name;
        return previous;
    }

    public static void Exit(string? previous) => t_name = previous;
}
