using LoguStyle.Pipeline;
using Microsoft.Extensions.Logging;

namespace LoguStyle;

public static partial class LoguruExtensions
{
    /// <summary>
    /// Logs at a level named by <paramref name="level"/> (Loguru's <c>logger.log("SUCCESS", ...)</c>): <c>SUCCESS</c>, a
    /// custom level (<see cref="LoguStyleLoggerOptions.CustomLevels"/>) or one of MEL's (<c>"Warning"</c>), ignoring case.
    /// The record goes through MEL at the level's base, so every filter and provider treats it as that level; LoguStyle
    /// writes it with the level's name, colour and icon. A name no provider defined is logged at Information and reported
    /// once on stderr: a logging call never throws.
    /// </summary>
    /// <param name="logger">The logger.</param>
    /// <param name="level">The level's name.</param>
    /// <param name="message">The message template, as in MEL's <c>LogInformation</c>.</param>
    /// <param name="args">The values of the template's holes.</param>
    public static void Log(this ILogger logger, string level, string? message, params object?[] args) =>
        LogNamed(logger, level, default, null, message, args);

    /// <inheritdoc cref="Log(ILogger, string, string?, object?[])"/>
    /// <param name="logger">The logger.</param>
    /// <param name="level">The level's name.</param>
    /// <param name="exception">The exception to log.</param>
    /// <param name="message">The message template, as in MEL's <c>LogInformation</c>.</param>
    /// <param name="args">The values of the template's holes.</param>
    public static void Log(this ILogger logger, string level, Exception? exception, string? message, params object?[] args) =>
        LogNamed(logger, level, default, exception, message, args);

    /// <inheritdoc cref="Log(ILogger, string, string?, object?[])"/>
    /// <param name="logger">The logger.</param>
    /// <param name="level">The level's name.</param>
    /// <param name="eventId">The event id.</param>
    /// <param name="message">The message template, as in MEL's <c>LogInformation</c>.</param>
    /// <param name="args">The values of the template's holes.</param>
    public static void Log(this ILogger logger, string level, EventId eventId, string? message, params object?[] args) =>
        LogNamed(logger, level, eventId, null, message, args);

    /// <inheritdoc cref="Log(ILogger, string, string?, object?[])"/>
    /// <param name="logger">The logger.</param>
    /// <param name="level">The level's name.</param>
    /// <param name="eventId">The event id.</param>
    /// <param name="exception">The exception to log.</param>
    /// <param name="message">The message template, as in MEL's <c>LogInformation</c>.</param>
    /// <param name="args">The values of the template's holes.</param>
    public static void Log(this ILogger logger, string level, EventId eventId, Exception? exception, string? message, params object?[] args) =>
        LogNamed(logger, level, eventId, exception, message, args);

    /// <summary>
    /// Logs at Loguru's SUCCESS level (<c>logger.success(...)</c>): through MEL at Information, written by LoguStyle as
    /// <c>SUCCESS</c>, green and bold, with its icon.
    /// </summary>
    /// <param name="logger">The logger.</param>
    /// <param name="message">The message template, as in MEL's <c>LogInformation</c>.</param>
    /// <param name="args">The values of the template's holes.</param>
    public static void Success(this ILogger logger, string? message, params object?[] args) =>
        LogNamed(logger, LevelRegistry.Success, default, null, message, args);

    /// <inheritdoc cref="Success(ILogger, string?, object?[])"/>
    /// <param name="logger">The logger.</param>
    /// <param name="exception">The exception to log.</param>
    /// <param name="message">The message template, as in MEL's <c>LogInformation</c>.</param>
    /// <param name="args">The values of the template's holes.</param>
    public static void Success(this ILogger logger, Exception? exception, string? message, params object?[] args) =>
        LogNamed(logger, LevelRegistry.Success, default, exception, message, args);

    /// <inheritdoc cref="Success(ILogger, string?, object?[])"/>
    /// <param name="logger">The logger.</param>
    /// <param name="eventId">The event id.</param>
    /// <param name="message">The message template, as in MEL's <c>LogInformation</c>.</param>
    /// <param name="args">The values of the template's holes.</param>
    public static void Success(this ILogger logger, EventId eventId, string? message, params object?[] args) =>
        LogNamed(logger, LevelRegistry.Success, eventId, null, message, args);

    /// <inheritdoc cref="Success(ILogger, string?, object?[])"/>
    /// <param name="logger">The logger.</param>
    /// <param name="eventId">The event id.</param>
    /// <param name="exception">The exception to log.</param>
    /// <param name="message">The message template, as in MEL's <c>LogInformation</c>.</param>
    /// <param name="args">The values of the template's holes.</param>
    public static void Success(this ILogger logger, EventId eventId, Exception? exception, string? message, params object?[] args) =>
        LogNamed(logger, LevelRegistry.Success, eventId, exception, message, args);

    private static void LogNamed(ILogger logger, string level, EventId eventId, Exception? exception, string? message, object?[] args)
    {
        ArgumentNullException.ThrowIfNull(logger);
        if (!LevelRegistry.TryFind(level ?? string.Empty, out var baseLevel, out var name))
        {
            LevelRegistry.ReportUnknown(level ?? "(null)");
        }

        if (!logger.IsEnabled(baseLevel))
        {
            return;
        }

        // The name rides beside MEL's call (see LevelCall); MEL's template state and its fast paths are untouched.
        var previous = LevelCall.Enter(name);
        try
        {
#pragma warning disable CA1848, CA2254 // This is a template API like MEL's LogInformation: the caller's template, passed on.
            try
            {
                logger.Log(baseLevel, eventId, exception, message, args);
            }
            catch (FormatException ex)
            {
                // MEL refused the template while building its state, before any provider saw the call (a provider's
                // failure reaches here as an AggregateException, not this): log it as it stands, with its arguments
                // and the properties that can be recovered from it.
                logger.Log(baseLevel, eventId, UnparsedTemplate.Of(message, args, ex), exception, UnparsedTemplate.Format);
            }
#pragma warning restore CA1848, CA2254
        }
        finally
        {
            LevelCall.Exit(previous);
        }
    }
}
