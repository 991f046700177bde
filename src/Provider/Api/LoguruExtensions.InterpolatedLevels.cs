using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;

namespace LoguStyle;

// Loguru's success(...) and log("NAME", ...) with an interpolated message that stays structured: the handlers of the
// other levels, with the level's name beside MEL's call at its base (LevelCall), as the template forms do.
// [OverloadResolutionPriority(1)]: C# makes an interpolated string with no hole ($"done", $"a {{x}}") a constant string,
// and a constant string converts better to the template overload's string (Success(string?, params object?[])) than to
// the handler, so without it such a call lost its caller and read {{x}} as a hole. The priority drops the template
// overloads only where the handler form applies: a plain "..." literal or a string variable never converts to the
// handler, so Success("User {Name}", name) stays the template form whatever the arguments' types.
// RS0026 (several overloads with optional parameters): the optional ones are the caller's, filled by the compiler and
// never written by hand, and the overloads differ in their required parameters, so a call can never be ambiguous.
#pragma warning disable RS0026
public static partial class LoguruExtensions
{
    /// <summary>
    /// Loguru's <c>logger.success(...)</c>: logs the interpolated <paramref name="message"/> at SUCCESS (through MEL
    /// at Information, written by LoguStyle as SUCCESS with its colour and icon) as a message template whose holes are
    /// named properties, with the caller (docs/api.md#interpolated-messages). When Information is off, the holes are not
    /// evaluated.
    /// </summary>
    /// <param name="logger">The logger to write to.</param>
    /// <param name="message">The interpolated message: <c>$"Order {order.Id} shipped"</c>.</param>
    /// <param name="function">The calling member; given by the compiler.</param>
    /// <param name="file">The calling source file; given by the compiler.</param>
    /// <param name="line">The calling line; given by the compiler.</param>
    [OverloadResolutionPriority(1)]
    public static void Success(this ILogger logger, [InterpolatedStringHandlerArgument(nameof(logger))] ref InterpolatedLogHandler<AtSuccess> message, [CallerMemberName] string function = "", [CallerFilePath] string file = "", [CallerLineNumber] int line = 0) =>
        message.LogNamed(logger, LevelRegistry.Success, default, null, function, file, line);

    /// <summary>
    /// Loguru's <c>logger.success(...)</c> with an exception: logs the interpolated <paramref name="message"/> at SUCCESS (through MEL
    /// at Information, written by LoguStyle as SUCCESS with its colour and icon) as a message template whose holes are
    /// named properties, with the caller (docs/api.md#interpolated-messages). When Information is off, the holes are not
    /// evaluated.
    /// </summary>
    /// <param name="logger">The logger to write to.</param>
    /// <param name="exception">The exception to log with the message.</param>
    /// <param name="message">The interpolated message: <c>$"Order {order.Id} shipped"</c>.</param>
    /// <param name="function">The calling member; given by the compiler.</param>
    /// <param name="file">The calling source file; given by the compiler.</param>
    /// <param name="line">The calling line; given by the compiler.</param>
    [OverloadResolutionPriority(1)]
    public static void Success(this ILogger logger, Exception? exception, [InterpolatedStringHandlerArgument(nameof(logger))] ref InterpolatedLogHandler<AtSuccess> message, [CallerMemberName] string function = "", [CallerFilePath] string file = "", [CallerLineNumber] int line = 0) =>
        message.LogNamed(logger, LevelRegistry.Success, default, exception, function, file, line);

    /// <summary>
    /// Loguru's <c>logger.success(...)</c> with an event id: logs the interpolated <paramref name="message"/> at SUCCESS (through MEL
    /// at Information, written by LoguStyle as SUCCESS with its colour and icon) as a message template whose holes are
    /// named properties, with the caller (docs/api.md#interpolated-messages). When Information is off, the holes are not
    /// evaluated.
    /// </summary>
    /// <param name="logger">The logger to write to.</param>
    /// <param name="eventId">The event id.</param>
    /// <param name="message">The interpolated message: <c>$"Order {order.Id} shipped"</c>.</param>
    /// <param name="function">The calling member; given by the compiler.</param>
    /// <param name="file">The calling source file; given by the compiler.</param>
    /// <param name="line">The calling line; given by the compiler.</param>
    [OverloadResolutionPriority(1)]
    public static void Success(this ILogger logger, EventId eventId, [InterpolatedStringHandlerArgument(nameof(logger))] ref InterpolatedLogHandler<AtSuccess> message, [CallerMemberName] string function = "", [CallerFilePath] string file = "", [CallerLineNumber] int line = 0) =>
        message.LogNamed(logger, LevelRegistry.Success, eventId, null, function, file, line);

    /// <summary>
    /// Loguru's <c>logger.success(...)</c> with an event id and an exception: logs the interpolated <paramref name="message"/> at SUCCESS (through MEL
    /// at Information, written by LoguStyle as SUCCESS with its colour and icon) as a message template whose holes are
    /// named properties, with the caller (docs/api.md#interpolated-messages). When Information is off, the holes are not
    /// evaluated.
    /// </summary>
    /// <param name="logger">The logger to write to.</param>
    /// <param name="eventId">The event id.</param>
    /// <param name="exception">The exception to log with the message.</param>
    /// <param name="message">The interpolated message: <c>$"Order {order.Id} shipped"</c>.</param>
    /// <param name="function">The calling member; given by the compiler.</param>
    /// <param name="file">The calling source file; given by the compiler.</param>
    /// <param name="line">The calling line; given by the compiler.</param>
    [OverloadResolutionPriority(1)]
    public static void Success(this ILogger logger, EventId eventId, Exception? exception, [InterpolatedStringHandlerArgument(nameof(logger))] ref InterpolatedLogHandler<AtSuccess> message, [CallerMemberName] string function = "", [CallerFilePath] string file = "", [CallerLineNumber] int line = 0) =>
        message.LogNamed(logger, LevelRegistry.Success, eventId, exception, function, file, line);

    /// <summary>
    /// Loguru's <c>logger.log("SUCCESS", ...)</c>: logs the interpolated <paramref name="message"/> at the level named
    /// <paramref name="level"/> (as <see cref="Log(ILogger, string, string?, object?[])"/>: through MEL at its base level)
    /// as a message template whose holes are named properties, with the caller (docs/api.md#interpolated-messages). When
    /// the base level is off, the holes are not evaluated.
    /// </summary>
    /// <param name="logger">The logger to write to.</param>
    /// <param name="level">The level's name: SUCCESS, a custom level or one of MEL's, ignoring case.</param>
    /// <param name="message">The interpolated message: <c>$"Order {order.Id} shipped"</c>.</param>
    /// <param name="function">The calling member; given by the compiler.</param>
    /// <param name="file">The calling source file; given by the compiler.</param>
    /// <param name="line">The calling line; given by the compiler.</param>
    [OverloadResolutionPriority(1)]
    public static void Log(this ILogger logger, string level, [InterpolatedStringHandlerArgument(nameof(logger), nameof(level))] ref InterpolatedNamedLogHandler message, [CallerMemberName] string function = "", [CallerFilePath] string file = "", [CallerLineNumber] int line = 0) =>
        message.Log(logger, default, null, function, file, line);

    /// <summary>
    /// Loguru's <c>logger.log("SUCCESS", ...)</c> with an exception: logs the interpolated <paramref name="message"/> at the level named
    /// <paramref name="level"/> (as <see cref="Log(ILogger, string, string?, object?[])"/>: through MEL at its base level)
    /// as a message template whose holes are named properties, with the caller (docs/api.md#interpolated-messages). When
    /// the base level is off, the holes are not evaluated.
    /// </summary>
    /// <param name="logger">The logger to write to.</param>
    /// <param name="level">The level's name: SUCCESS, a custom level or one of MEL's, ignoring case.</param>
    /// <param name="exception">The exception to log with the message.</param>
    /// <param name="message">The interpolated message: <c>$"Order {order.Id} shipped"</c>.</param>
    /// <param name="function">The calling member; given by the compiler.</param>
    /// <param name="file">The calling source file; given by the compiler.</param>
    /// <param name="line">The calling line; given by the compiler.</param>
    [OverloadResolutionPriority(1)]
    public static void Log(this ILogger logger, string level, Exception? exception, [InterpolatedStringHandlerArgument(nameof(logger), nameof(level))] ref InterpolatedNamedLogHandler message, [CallerMemberName] string function = "", [CallerFilePath] string file = "", [CallerLineNumber] int line = 0) =>
        message.Log(logger, default, exception, function, file, line);

    /// <summary>
    /// Loguru's <c>logger.log("SUCCESS", ...)</c> with an event id: logs the interpolated <paramref name="message"/> at the level named
    /// <paramref name="level"/> (as <see cref="Log(ILogger, string, string?, object?[])"/>: through MEL at its base level)
    /// as a message template whose holes are named properties, with the caller (docs/api.md#interpolated-messages). When
    /// the base level is off, the holes are not evaluated.
    /// </summary>
    /// <param name="logger">The logger to write to.</param>
    /// <param name="level">The level's name: SUCCESS, a custom level or one of MEL's, ignoring case.</param>
    /// <param name="eventId">The event id.</param>
    /// <param name="message">The interpolated message: <c>$"Order {order.Id} shipped"</c>.</param>
    /// <param name="function">The calling member; given by the compiler.</param>
    /// <param name="file">The calling source file; given by the compiler.</param>
    /// <param name="line">The calling line; given by the compiler.</param>
    [OverloadResolutionPriority(1)]
    public static void Log(this ILogger logger, string level, EventId eventId, [InterpolatedStringHandlerArgument(nameof(logger), nameof(level))] ref InterpolatedNamedLogHandler message, [CallerMemberName] string function = "", [CallerFilePath] string file = "", [CallerLineNumber] int line = 0) =>
        message.Log(logger, eventId, null, function, file, line);

    /// <summary>
    /// Loguru's <c>logger.log("SUCCESS", ...)</c> with an event id and an exception: logs the interpolated <paramref name="message"/> at the level named
    /// <paramref name="level"/> (as <see cref="Log(ILogger, string, string?, object?[])"/>: through MEL at its base level)
    /// as a message template whose holes are named properties, with the caller (docs/api.md#interpolated-messages). When
    /// the base level is off, the holes are not evaluated.
    /// </summary>
    /// <param name="logger">The logger to write to.</param>
    /// <param name="level">The level's name: SUCCESS, a custom level or one of MEL's, ignoring case.</param>
    /// <param name="eventId">The event id.</param>
    /// <param name="exception">The exception to log with the message.</param>
    /// <param name="message">The interpolated message: <c>$"Order {order.Id} shipped"</c>.</param>
    /// <param name="function">The calling member; given by the compiler.</param>
    /// <param name="file">The calling source file; given by the compiler.</param>
    /// <param name="line">The calling line; given by the compiler.</param>
    [OverloadResolutionPriority(1)]
    public static void Log(this ILogger logger, string level, EventId eventId, Exception? exception, [InterpolatedStringHandlerArgument(nameof(logger), nameof(level))] ref InterpolatedNamedLogHandler message, [CallerMemberName] string function = "", [CallerFilePath] string file = "", [CallerLineNumber] int line = 0) =>
        message.Log(logger, eventId, exception, function, file, line);
}
#pragma warning restore RS0026
