namespace LoguStyle.Tool.Cli;

/// <summary>What logu was asked to do.</summary>
internal enum CommandKind
{
    /// <summary>Print the usage text.</summary>
    Help,

    /// <summary>Print the version.</summary>
    Version,

    /// <summary>Every record of the sink's files, oldest file first.</summary>
    View,

    /// <summary>The last records of the active file, and with <c>-f</c> the ones written after.</summary>
    Tail,
}
