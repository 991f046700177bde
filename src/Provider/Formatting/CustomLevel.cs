using Microsoft.Extensions.Logging;

namespace LoguStyle;

/// <summary>
/// A level beside MEL's six (Loguru's <c>logger.level("SUCCESS", no=25, color=..., icon=...)</c>): records logged with
/// its name (<c>logger.Log("NOTICE", ...)</c>) go through MEL at <see cref="Base"/>, so every filter treats them as that
/// level, and LoguStyle writes them with the level's own name, colour and icon. <c>SUCCESS</c> is built in, with base
/// <see cref="LogLevel.Information"/>.
/// </summary>
public sealed class CustomLevel
{
    /// <summary>A level with base <see cref="LogLevel.Information"/>, the base level's colour and no icon: set what you change.</summary>
    public CustomLevel()
    {
    }

    /// <summary>
    /// The MEL level the records go through MEL at: what sink levels, filters and other providers see. Default
    /// <see cref="LogLevel.Information"/>. Trace to Critical; a level's base is fixed for the process once a provider
    /// defined it.
    /// </summary>
    public LogLevel Base { get; set; } = LogLevel.Information;

    /// <summary>The colour <c>&lt;level&gt;</c> applies, as opening markup tags (<c>"&lt;green&gt;&lt;bold&gt;"</c>). Default: the base level's.</summary>
    public string? Color { get; set; }

    /// <summary>The icon <c>{level:icon}</c> writes. Default: none (empty).</summary>
    public string? Icon { get; set; }
}
