namespace LoguStyle;

/// <summary>A sink that writes formatted records to standard output or standard error, coloured on a terminal.</summary>
public sealed class ConsoleSinkOptions : SinkOptions
{
    /// <summary>The name <c>AddLoguStyle()</c> gives its default console sink.</summary>
    internal const string DefaultName = "console";

    /// <summary>Creates console sink options.</summary>
    /// <param name="name">The sink's name; null (the default) for <c>"console"</c>.</param>
    public ConsoleSinkOptions(string? name = null)
        : base(name ?? DefaultName)
    {
    }

    /// <summary>The stream written to. Default <see cref="ConsoleOutput.Stdout"/>.</summary>
    public ConsoleOutput Stream { get; set; } = ConsoleOutput.Stdout;

    /// <summary>When to write ANSI colours. Default <see cref="ColorMode.Auto"/>.</summary>
    public ColorMode Colorize { get; set; } = ColorMode.Auto;

    /// <inheritdoc />
    internal override string Kind => "Console";

    /// <summary>Test seam: a stream written instead of the real console.</summary>
    internal Stream? OutputOverride { get; set; }

    /// <summary>Test seam: whether <see cref="OutputOverride"/> counts as a terminal for <see cref="ColorMode.Auto"/>.</summary>
    internal bool OutputOverrideIsTerminal { get; set; }
}
