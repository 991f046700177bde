namespace LoguStyle.InProcessAb;

/// <summary>The work of the SideBySide runner's scenarios of the same names (benchmarks/SideBySide/Scenario.cs).</summary>
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
}
