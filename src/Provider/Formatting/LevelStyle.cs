namespace LoguStyle;

/// <summary>
/// How one level looks in text output (Loguru's level <c>name</c>, <c>color</c> and <c>icon</c>). MEL's six levels
/// are fixed; their styling is not. Each property left null keeps the default. JSON keeps the standard level names, so
/// shippers and <see cref="LogFile.Read(string)"/> always see the same values.
/// </summary>
public sealed class LevelStyle
{
    /// <summary>Creates a style that keeps every default: set only what you change (<c>new LevelStyle { Icon = "!" }</c>).</summary>
    public LevelStyle()
    {
    }

    /// <summary>The name <c>{level}</c> writes. Default: TRACE, DEBUG, INFO, WARNING, ERROR, CRITICAL.</summary>
    public string? Name { get; set; }

    /// <summary>
    /// The colour <c>&lt;level&gt;</c> applies, as opening markup tags: <c>"&lt;yellow&gt;&lt;bold&gt;"</c>. Default: Loguru's
    /// (TRACE cyan bold, DEBUG blue bold, INFO bold, WARNING yellow bold, ERROR red bold, CRITICAL bold on red).
    /// </summary>
    public string? Color { get; set; }

    /// <summary>The icon <c>{level:icon}</c> writes. Default: Loguru's icons.</summary>
    public string? Icon { get; set; }
}
