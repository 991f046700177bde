using LoguStyle.Formatting;

namespace LoguStyle;

/// <summary>The default template and a way to check a template before a sink uses it.</summary>
public static class FormatTemplate
{
    /// <summary>
    /// Loguru's default layout: green time, the level padded to 8 in the level's colour, the category in cyan, and the
    /// message in the level's colour; the exception, when there is one, follows on the next lines.
    /// </summary>
    public static string Default => DefaultText;

    /// <summary>
    /// The text of <see cref="Default"/>. Internal: a public const would be compiled into the caller, which would keep
    /// an old layout after an upgrade.
    /// </summary>
    internal const string DefaultText =
        "<green>{time:yyyy-MM-dd HH:mm:ss.fff}</green> | <level>{level,-8}</level> | <cyan>{category}</cyan> - <level>{message}</level>";

    /// <summary>
    /// Loguru's default layout with the caller: <see cref="Default"/> with <c>{category}:{function}:{line}</c> in cyan where
    /// it has <c>{category}</c>, as Loguru writes <c>name:function:line</c>. A sink without a <c>Format</c> writes a record
    /// that carries its caller (<see cref="LogRecord.CallerFunction"/> is set: a Loguru-style call such as
    /// <c>logger.Info($"...")</c>, or any call on a sink with <c>CallerInfo: StackTrace</c>) with this layout, and the other
    /// records with <see cref="Default"/>.
    /// </summary>
    public static string WithCaller => WithCallerText;

    /// <summary>The text of <see cref="WithCaller"/> (internal for the reason <see cref="DefaultText"/> is).</summary>
    internal const string WithCallerText =
        "<green>{time:yyyy-MM-dd HH:mm:ss.fff}</green> | <level>{level,-8}</level> | <cyan>{category}</cyan>:<cyan>{function}</cyan>:<cyan>{line}</cyan> - <level>{message}</level>";

    /// <summary>
    /// Checks a template before a sink uses it (a template read from your own settings, say); throws
    /// <see cref="FormatTemplateException"/> naming the position and the problem.
    /// </summary>
    /// <remarks>
    /// It takes no sink name: a sink's own template is checked with the sink's name when the provider is built, and
    /// outside a sink the exception's <see cref="FormatTemplateException.Position"/> and
    /// <see cref="FormatTemplateException.Problem"/> let the caller word its own message (its
    /// <see cref="FormatTemplateException.SinkName"/> is empty).
    /// </remarks>
    /// <param name="template">The template to check.</param>
    /// <example><code>FormatTemplate.Validate("{time:HH:mm:ss} | {level,-8} | {message}");</code></example>
    public static void Validate(string template)
    {
        ArgumentNullException.ThrowIfNull(template);
        _ = TemplateParser.Parse(template, sinkName: string.Empty);
    }
}
