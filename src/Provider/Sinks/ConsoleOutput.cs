namespace LoguStyle;

/// <summary>Which standard stream a console sink writes to.</summary>
public enum ConsoleOutput
{
    /// <summary>Standard output (the default).</summary>
    Stdout,

    /// <summary>Standard error.</summary>
    Stderr,
}
