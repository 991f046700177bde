using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;

namespace LoguStyle;

// Loguru's trace/debug/info with an interpolated message that stays structured (InterpolatedLogHandler).
// RS0026 (several overloads with optional parameters): the optional ones are the caller's, filled by the compiler and
// never written by hand, and the overloads differ in their required parameters, so a call can never be ambiguous.
#pragma warning disable RS0026
public static partial class LoguruExtensions
{
    /// <summary>
    /// Loguru's <c>logger.trace(...)</c>: logs the interpolated <paramref name="message"/> at
    /// <see cref="LogLevel.Trace"/> as a message template whose holes are named properties, with the caller
    /// (docs/api.md#interpolated-messages). When the level is off, the holes are not evaluated.
    /// </summary>
    /// <param name="logger">The logger to write to.</param>
    /// <param name="message">The interpolated message: <c>$"User {user.Id} bought {count} items"</c>.</param>
    /// <param name="function">The calling member; given by the compiler.</param>
    /// <param name="file">The calling source file; given by the compiler.</param>
    /// <param name="line">The calling line; given by the compiler.</param>
    public static void Trace(this ILogger logger, [InterpolatedStringHandlerArgument(nameof(logger))] ref InterpolatedLogHandler<AtTrace> message, [CallerMemberName] string function = "", [CallerFilePath] string file = "", [CallerLineNumber] int line = 0) =>
        message.Log(logger, default, null, function, file, line);

    /// <summary>
    /// Loguru's <c>logger.trace(...)</c> with an exception: logs the interpolated <paramref name="message"/> at
    /// <see cref="LogLevel.Trace"/> as a message template whose holes are named properties, with the caller
    /// (docs/api.md#interpolated-messages). When the level is off, the holes are not evaluated.
    /// </summary>
    /// <param name="logger">The logger to write to.</param>
    /// <param name="exception">The exception to log with the message.</param>
    /// <param name="message">The interpolated message: <c>$"User {user.Id} bought {count} items"</c>.</param>
    /// <param name="function">The calling member; given by the compiler.</param>
    /// <param name="file">The calling source file; given by the compiler.</param>
    /// <param name="line">The calling line; given by the compiler.</param>
    public static void Trace(this ILogger logger, Exception? exception, [InterpolatedStringHandlerArgument(nameof(logger))] ref InterpolatedLogHandler<AtTrace> message, [CallerMemberName] string function = "", [CallerFilePath] string file = "", [CallerLineNumber] int line = 0) =>
        message.Log(logger, default, exception, function, file, line);

    /// <summary>
    /// Loguru's <c>logger.trace(...)</c> with an event id: logs the interpolated <paramref name="message"/> at
    /// <see cref="LogLevel.Trace"/> as a message template whose holes are named properties, with the caller
    /// (docs/api.md#interpolated-messages). When the level is off, the holes are not evaluated.
    /// </summary>
    /// <param name="logger">The logger to write to.</param>
    /// <param name="eventId">The event id.</param>
    /// <param name="message">The interpolated message: <c>$"User {user.Id} bought {count} items"</c>.</param>
    /// <param name="function">The calling member; given by the compiler.</param>
    /// <param name="file">The calling source file; given by the compiler.</param>
    /// <param name="line">The calling line; given by the compiler.</param>
    public static void Trace(this ILogger logger, EventId eventId, [InterpolatedStringHandlerArgument(nameof(logger))] ref InterpolatedLogHandler<AtTrace> message, [CallerMemberName] string function = "", [CallerFilePath] string file = "", [CallerLineNumber] int line = 0) =>
        message.Log(logger, eventId, null, function, file, line);

    /// <summary>
    /// Loguru's <c>logger.trace(...)</c> with an event id and an exception: logs the interpolated <paramref name="message"/> at
    /// <see cref="LogLevel.Trace"/> as a message template whose holes are named properties, with the caller
    /// (docs/api.md#interpolated-messages). When the level is off, the holes are not evaluated.
    /// </summary>
    /// <param name="logger">The logger to write to.</param>
    /// <param name="eventId">The event id.</param>
    /// <param name="exception">The exception to log with the message.</param>
    /// <param name="message">The interpolated message: <c>$"User {user.Id} bought {count} items"</c>.</param>
    /// <param name="function">The calling member; given by the compiler.</param>
    /// <param name="file">The calling source file; given by the compiler.</param>
    /// <param name="line">The calling line; given by the compiler.</param>
    public static void Trace(this ILogger logger, EventId eventId, Exception? exception, [InterpolatedStringHandlerArgument(nameof(logger))] ref InterpolatedLogHandler<AtTrace> message, [CallerMemberName] string function = "", [CallerFilePath] string file = "", [CallerLineNumber] int line = 0) =>
        message.Log(logger, eventId, exception, function, file, line);

    /// <summary>
    /// Loguru's <c>logger.debug(...)</c>: logs the interpolated <paramref name="message"/> at
    /// <see cref="LogLevel.Debug"/> as a message template whose holes are named properties, with the caller
    /// (docs/api.md#interpolated-messages). When the level is off, the holes are not evaluated.
    /// </summary>
    /// <param name="logger">The logger to write to.</param>
    /// <param name="message">The interpolated message: <c>$"User {user.Id} bought {count} items"</c>.</param>
    /// <param name="function">The calling member; given by the compiler.</param>
    /// <param name="file">The calling source file; given by the compiler.</param>
    /// <param name="line">The calling line; given by the compiler.</param>
    public static void Debug(this ILogger logger, [InterpolatedStringHandlerArgument(nameof(logger))] ref InterpolatedLogHandler<AtDebug> message, [CallerMemberName] string function = "", [CallerFilePath] string file = "", [CallerLineNumber] int line = 0) =>
        message.Log(logger, default, null, function, file, line);

    /// <summary>
    /// Loguru's <c>logger.debug(...)</c> with an exception: logs the interpolated <paramref name="message"/> at
    /// <see cref="LogLevel.Debug"/> as a message template whose holes are named properties, with the caller
    /// (docs/api.md#interpolated-messages). When the level is off, the holes are not evaluated.
    /// </summary>
    /// <param name="logger">The logger to write to.</param>
    /// <param name="exception">The exception to log with the message.</param>
    /// <param name="message">The interpolated message: <c>$"User {user.Id} bought {count} items"</c>.</param>
    /// <param name="function">The calling member; given by the compiler.</param>
    /// <param name="file">The calling source file; given by the compiler.</param>
    /// <param name="line">The calling line; given by the compiler.</param>
    public static void Debug(this ILogger logger, Exception? exception, [InterpolatedStringHandlerArgument(nameof(logger))] ref InterpolatedLogHandler<AtDebug> message, [CallerMemberName] string function = "", [CallerFilePath] string file = "", [CallerLineNumber] int line = 0) =>
        message.Log(logger, default, exception, function, file, line);

    /// <summary>
    /// Loguru's <c>logger.debug(...)</c> with an event id: logs the interpolated <paramref name="message"/> at
    /// <see cref="LogLevel.Debug"/> as a message template whose holes are named properties, with the caller
    /// (docs/api.md#interpolated-messages). When the level is off, the holes are not evaluated.
    /// </summary>
    /// <param name="logger">The logger to write to.</param>
    /// <param name="eventId">The event id.</param>
    /// <param name="message">The interpolated message: <c>$"User {user.Id} bought {count} items"</c>.</param>
    /// <param name="function">The calling member; given by the compiler.</param>
    /// <param name="file">The calling source file; given by the compiler.</param>
    /// <param name="line">The calling line; given by the compiler.</param>
    public static void Debug(this ILogger logger, EventId eventId, [InterpolatedStringHandlerArgument(nameof(logger))] ref InterpolatedLogHandler<AtDebug> message, [CallerMemberName] string function = "", [CallerFilePath] string file = "", [CallerLineNumber] int line = 0) =>
        message.Log(logger, eventId, null, function, file, line);

    /// <summary>
    /// Loguru's <c>logger.debug(...)</c> with an event id and an exception: logs the interpolated <paramref name="message"/> at
    /// <see cref="LogLevel.Debug"/> as a message template whose holes are named properties, with the caller
    /// (docs/api.md#interpolated-messages). When the level is off, the holes are not evaluated.
    /// </summary>
    /// <param name="logger">The logger to write to.</param>
    /// <param name="eventId">The event id.</param>
    /// <param name="exception">The exception to log with the message.</param>
    /// <param name="message">The interpolated message: <c>$"User {user.Id} bought {count} items"</c>.</param>
    /// <param name="function">The calling member; given by the compiler.</param>
    /// <param name="file">The calling source file; given by the compiler.</param>
    /// <param name="line">The calling line; given by the compiler.</param>
    public static void Debug(this ILogger logger, EventId eventId, Exception? exception, [InterpolatedStringHandlerArgument(nameof(logger))] ref InterpolatedLogHandler<AtDebug> message, [CallerMemberName] string function = "", [CallerFilePath] string file = "", [CallerLineNumber] int line = 0) =>
        message.Log(logger, eventId, exception, function, file, line);

    /// <summary>
    /// Loguru's <c>logger.info(...)</c>: logs the interpolated <paramref name="message"/> at
    /// <see cref="LogLevel.Information"/> as a message template whose holes are named properties, with the caller
    /// (docs/api.md#interpolated-messages). When the level is off, the holes are not evaluated.
    /// </summary>
    /// <param name="logger">The logger to write to.</param>
    /// <param name="message">The interpolated message: <c>$"User {user.Id} bought {count} items"</c>.</param>
    /// <param name="function">The calling member; given by the compiler.</param>
    /// <param name="file">The calling source file; given by the compiler.</param>
    /// <param name="line">The calling line; given by the compiler.</param>
    public static void Info(this ILogger logger, [InterpolatedStringHandlerArgument(nameof(logger))] ref InterpolatedLogHandler<AtInformation> message, [CallerMemberName] string function = "", [CallerFilePath] string file = "", [CallerLineNumber] int line = 0) =>
        message.Log(logger, default, null, function, file, line);

    /// <summary>
    /// Loguru's <c>logger.info(...)</c> with an exception: logs the interpolated <paramref name="message"/> at
    /// <see cref="LogLevel.Information"/> as a message template whose holes are named properties, with the caller
    /// (docs/api.md#interpolated-messages). When the level is off, the holes are not evaluated.
    /// </summary>
    /// <param name="logger">The logger to write to.</param>
    /// <param name="exception">The exception to log with the message.</param>
    /// <param name="message">The interpolated message: <c>$"User {user.Id} bought {count} items"</c>.</param>
    /// <param name="function">The calling member; given by the compiler.</param>
    /// <param name="file">The calling source file; given by the compiler.</param>
    /// <param name="line">The calling line; given by the compiler.</param>
    public static void Info(this ILogger logger, Exception? exception, [InterpolatedStringHandlerArgument(nameof(logger))] ref InterpolatedLogHandler<AtInformation> message, [CallerMemberName] string function = "", [CallerFilePath] string file = "", [CallerLineNumber] int line = 0) =>
        message.Log(logger, default, exception, function, file, line);

    /// <summary>
    /// Loguru's <c>logger.info(...)</c> with an event id: logs the interpolated <paramref name="message"/> at
    /// <see cref="LogLevel.Information"/> as a message template whose holes are named properties, with the caller
    /// (docs/api.md#interpolated-messages). When the level is off, the holes are not evaluated.
    /// </summary>
    /// <param name="logger">The logger to write to.</param>
    /// <param name="eventId">The event id.</param>
    /// <param name="message">The interpolated message: <c>$"User {user.Id} bought {count} items"</c>.</param>
    /// <param name="function">The calling member; given by the compiler.</param>
    /// <param name="file">The calling source file; given by the compiler.</param>
    /// <param name="line">The calling line; given by the compiler.</param>
    public static void Info(this ILogger logger, EventId eventId, [InterpolatedStringHandlerArgument(nameof(logger))] ref InterpolatedLogHandler<AtInformation> message, [CallerMemberName] string function = "", [CallerFilePath] string file = "", [CallerLineNumber] int line = 0) =>
        message.Log(logger, eventId, null, function, file, line);

    /// <summary>
    /// Loguru's <c>logger.info(...)</c> with an event id and an exception: logs the interpolated <paramref name="message"/> at
    /// <see cref="LogLevel.Information"/> as a message template whose holes are named properties, with the caller
    /// (docs/api.md#interpolated-messages). When the level is off, the holes are not evaluated.
    /// </summary>
    /// <param name="logger">The logger to write to.</param>
    /// <param name="eventId">The event id.</param>
    /// <param name="exception">The exception to log with the message.</param>
    /// <param name="message">The interpolated message: <c>$"User {user.Id} bought {count} items"</c>.</param>
    /// <param name="function">The calling member; given by the compiler.</param>
    /// <param name="file">The calling source file; given by the compiler.</param>
    /// <param name="line">The calling line; given by the compiler.</param>
    public static void Info(this ILogger logger, EventId eventId, Exception? exception, [InterpolatedStringHandlerArgument(nameof(logger))] ref InterpolatedLogHandler<AtInformation> message, [CallerMemberName] string function = "", [CallerFilePath] string file = "", [CallerLineNumber] int line = 0) =>
        message.Log(logger, eventId, exception, function, file, line);
}
#pragma warning restore RS0026
