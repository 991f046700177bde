namespace LoguStyle;

/// <summary>When a console sink writes ANSI colours (Loguru's <c>colorize</c>).</summary>
public enum ColorMode
{
    /// <summary>
    /// Colours when the stream is a terminal, unless <c>NO_COLOR</c> is set (non-empty) or <c>TERM=dumb</c>;
    /// <c>FORCE_COLOR</c> (non-empty, not <c>0</c>/<c>false</c>) turns them on for a redirected stream. The default.
    /// </summary>
    Auto,

    /// <summary>Always write colours (configuration: <c>true</c>).</summary>
    Always,

    /// <summary>Never write colours; markup is stripped (configuration: <c>false</c>).</summary>
    Never,
}
