using LoguStyle.Tool.Filtering;

namespace LoguStyle.Tool.Cli;

/// <summary>A parsed command line: the command, the sink's path, what to keep and how to print it.</summary>
internal sealed record ToolArguments(CommandKind Command)
{
    /// <summary>The sink's path as configured (may hold <c>{time}</c> tokens).</summary>
    public string Path { get; init; } = string.Empty;

    public RecordFilter Filter { get; init; } = RecordFilter.All;

    /// <summary>A template in the console sink's language; null: the console sink's default layout.</summary>
    public string? Format { get; init; }

    /// <summary>Pass the kept lines through unchanged instead of rendering them.</summary>
    public bool Json { get; init; }

    public ColorMode Color { get; init; } = ColorMode.Auto;

    /// <summary>tail: follow the active file until Ctrl+C or SIGTERM.</summary>
    public bool Follow { get; init; }

    /// <summary>tail: how many of the last kept records of the active file to print first.</summary>
    public int Lines { get; init; } = 10;
}
