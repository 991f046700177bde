using Microsoft.Extensions.Logging;

namespace LoguStyle.SideBySide;

/// <summary>One logging setup under test: how to build its factory into a folder, and how it is described.</summary>
internal interface IBenchProvider
{
    /// <summary>The short name used on the command line and in the results.</summary>
    string Name { get; }

    /// <summary>What was configured, for the results page.</summary>
    string Setup { get; }

    /// <summary>True when this setup may drop records by design (it is then reported, not failed).</summary>
    bool MayDrop => false;

    /// <summary>True when the records go to standard output (redirected to a file by the runner).</summary>
    bool WritesStdout => false;

    /// <summary>True for a reference row that writes no record (its time is MEL's call alone).</summary>
    bool WritesNothing => false;

    /// <summary>
    /// True when a run of <paramref name="scenario"/> writes records: not the Disabled scenario (filtered out before any
    /// provider) and not a setup that writes none. Only such a run has a layout to check, records to count as lost and
    /// a bar in the chart of records into a file.
    /// </summary>
    bool WritesRecordsIn(Scenario scenario) => !WritesNothing && scenario != Scenario.Disabled;

    /// <summary>True when the provider has an interpolated logging API of its own (the Interpolated scenario).</summary>
    bool LogsInterpolated => false;

    /// <summary>Logs the benchmark record through the provider's interpolated API (when <see cref="LogsInterpolated"/>).</summary>
    void LogInterpolated(ILogger logger, int userId) => throw new NotSupportedException($"{Name} has no interpolated logging API.");

    /// <summary>
    /// Logs the benchmark record through a source-generated method (the LoggerMessage scenario): the provider's own
    /// generator when its docs recommend it as its fastest (ZLogger's <c>[ZLoggerMessage]</c>), MEL's <c>[LoggerMessage]</c>
    /// otherwise.
    /// </summary>
    void LogGenerated(ILogger logger, int userId) => Orders.Bought(logger, userId, 3, 29.97m);

    /// <summary>Builds the factory; records go to files in <paramref name="folder"/> (or to stdout).</summary>
    BenchLogging Create(string folder, LogLevel minimum);
}
