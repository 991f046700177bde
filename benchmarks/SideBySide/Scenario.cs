namespace LoguStyle.SideBySide;

/// <summary>The work each provider is given.</summary>
internal enum Scenario
{
    /// <summary>LogInformation("User {UserId} bought {Count} items for {Price}", ...) on one thread.</summary>
    Template,

    /// <summary>The same record through a [LoggerMessage] method on one thread.</summary>
    LoggerMessage,

    /// <summary>The template call from 4 threads at once, a quarter of the calls each.</summary>
    Threads,

    /// <summary>A [LoggerMessage] Debug call with the minimum level at Information: nothing is written.</summary>
    Disabled,

    /// <summary>
    /// The same record through the provider's interpolated API on one thread: LoguStyle's
    /// <c>logger.Info($"User {id} bought {count} items for {total}")</c>, ZLogger's <c>ZLogInformation($"...")</c>. Only
    /// the setups with such an API run it (<see cref="IBenchProvider.LogsInterpolated"/>).
    /// </summary>
    Interpolated,
}
