using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using LoguStyle.Pipeline;
using Microsoft.Extensions.Logging;

namespace LoguStyle;

public static partial class LoguruExtensions
{
    /// <summary>
    /// The message <c>Catch</c> logs by default; <c>{Caller}</c> is the calling member. The parameter's default is null,
    /// not this text: a default value is compiled into the caller, which would keep an old text after an upgrade.
    /// </summary>
    internal const string DefaultCatchMessage = "An error has been caught in {Caller}";

    /// <summary>
    /// Why the four Catch forms may each take optional arguments (RS0026 warns against several overloads that do): they
    /// are Loguru's <c>@logger.catch(level=..., message=..., reraise=...)</c>, called with named arguments, and
    /// <c>[CallerMemberName]</c> needs an optional parameter anyway. Their required parameters differ (an action, or a
    /// function and its default value), so no call can match two of them.
    /// </summary>
    private const string CatchOverloads = "Loguru's named arguments; the required parameters tell the overloads apart.";

    /// <summary>
    /// Loguru's <c>@logger.catch</c>: runs <paramref name="action"/>; an exception that escapes it is logged with its full
    /// chain at <paramref name="level"/> and then swallowed (or rethrown with <paramref name="reraise"/>).
    /// </summary>
    /// <param name="logger">Where the exception is logged.</param>
    /// <param name="action">The code to run.</param>
    /// <param name="level">The level of the record; default Error.</param>
    /// <param name="message">The message template; <c>{Caller}</c> (anywhere, any number of times) names the calling member; other holes have no value and are written as they stand; <c>{{</c> and <c>}}</c> are one brace in a message with a hole, as in MEL's templates. Default (null): <c>An error has been caught in {Caller}</c>.</param>
    /// <param name="reraise">Rethrow the exception after logging it; default false.</param>
    /// <param name="exclude">An exception type (and its subtypes) that is rethrown at once, not logged, not passed to <paramref name="onError"/> (Loguru's <c>exclude</c>); default null.</param>
    /// <param name="onError">Called with the exception once it is logged, before it is swallowed or rethrown (Loguru's <c>onerror</c>); what it throws reaches the caller. Default null.</param>
    /// <param name="caller">Filled in by the compiler.</param>
    /// <example>
    /// <code>
    /// logger.Catch(() =&gt; File.Delete(tempPath));
    /// logger.Catch(() =&gt; Work(), level: LogLevel.Warning, reraise: true);
    /// </code>
    /// </example>
    [SuppressMessage("ApiDesign", "RS0026", Justification = CatchOverloads)]
    public static void Catch(
        this ILogger logger,
        Action action,
        LogLevel level = LogLevel.Error,
        string? message = null,
        bool reraise = false,
        Type? exclude = null,
        Action<Exception>? onError = null,
        [CallerMemberName] string caller = "")
    {
        ArgumentNullException.ThrowIfNull(logger);
        ArgumentNullException.ThrowIfNull(action);
        CheckExclude(exclude);
        var depth = CatchFrames.NextDepth;
        try
        {
            CatchFrames.Run(action);
        }
        catch (Exception ex) when (Caught(logger, ex, level, message, caller, reraise, exclude, onError, depth))
        {
            After(ex, onError);
            if (reraise)
            {
                throw;
            }
        }
    }

    /// <summary>
    /// Loguru's <c>@logger.catch(default=...)</c> for code that returns a value: the value, or
    /// <paramref name="defaultValue"/> when an exception escaped and was logged.
    /// </summary>
    /// <typeparam name="T">The value's type.</typeparam>
    /// <param name="logger">Where the exception is logged.</param>
    /// <param name="func">The code to run.</param>
    /// <param name="defaultValue">What to return when <paramref name="func"/> throws.</param>
    /// <param name="level">The level of the record; default Error.</param>
    /// <param name="message">The message template; <c>{Caller}</c> (anywhere, any number of times) names the calling member; other holes have no value and are written as they stand; <c>{{</c> and <c>}}</c> are one brace in a message with a hole, as in MEL's templates. Default (null): <c>An error has been caught in {Caller}</c>.</param>
    /// <param name="reraise">Rethrow the exception after logging it; default false.</param>
    /// <param name="exclude">An exception type (and its subtypes) that is rethrown at once, not logged, not passed to <paramref name="onError"/> (Loguru's <c>exclude</c>); default null.</param>
    /// <param name="onError">Called with the exception once it is logged, before it is swallowed or rethrown (Loguru's <c>onerror</c>); what it throws reaches the caller. Default null.</param>
    /// <param name="caller">Filled in by the compiler.</param>
    /// <returns>What <paramref name="func"/> returned, or <paramref name="defaultValue"/>.</returns>
    [SuppressMessage("ApiDesign", "RS0026", Justification = CatchOverloads)]
    public static T Catch<T>(
        this ILogger logger,
        Func<T> func,
        T defaultValue,
        LogLevel level = LogLevel.Error,
        string? message = null,
        bool reraise = false,
        Type? exclude = null,
        Action<Exception>? onError = null,
        [CallerMemberName] string caller = "")
    {
        ArgumentNullException.ThrowIfNull(logger);
        ArgumentNullException.ThrowIfNull(func);
        CheckExclude(exclude);
        var depth = CatchFrames.NextDepth;
        try
        {
            return CatchFrames.Run(func);
        }
        catch (Exception ex) when (Caught(logger, ex, level, message, caller, reraise, exclude, onError, depth))
        {
            After(ex, onError);
            if (reraise)
            {
                throw;
            }

            return defaultValue;
        }
    }

    /// <summary>The asynchronous <see cref="Catch"/>: awaits <paramref name="action"/> and logs what escapes it.</summary>
    /// <param name="logger">Where the exception is logged.</param>
    /// <param name="action">The code to run.</param>
    /// <param name="level">The level of the record; default Error.</param>
    /// <param name="message">The message template; <c>{Caller}</c> (anywhere, any number of times) names the calling member; other holes have no value and are written as they stand; <c>{{</c> and <c>}}</c> are one brace in a message with a hole, as in MEL's templates. Default (null): <c>An error has been caught in {Caller}</c>.</param>
    /// <param name="reraise">Rethrow the exception after logging it; default false.</param>
    /// <param name="exclude">An exception type (and its subtypes) that is rethrown at once, not logged, not passed to <paramref name="onError"/> (Loguru's <c>exclude</c>); default null.</param>
    /// <param name="onError">Called with the exception once it is logged, before it is swallowed or rethrown (Loguru's <c>onerror</c>); what it throws reaches the caller. Default null.</param>
    /// <param name="caller">Filled in by the compiler.</param>
    /// <returns>A task that completes when <paramref name="action"/> has.</returns>
    [SuppressMessage("ApiDesign", "RS0026", Justification = CatchOverloads)]
    public static async Task CatchAsync(
        this ILogger logger,
        Func<Task> action,
        LogLevel level = LogLevel.Error,
        string? message = null,
        bool reraise = false,
        Type? exclude = null,
        Action<Exception>? onError = null,
        [CallerMemberName] string caller = "")
    {
        ArgumentNullException.ThrowIfNull(logger);
        ArgumentNullException.ThrowIfNull(action);
        CheckExclude(exclude);
        var depth = CatchFrames.NextDepth;
        try
        {
            var task = CatchFrames.Run(action);
            depth = OnStackAtTheAwait(task, depth);
            await task.ConfigureAwait(false);
        }
        catch (Exception ex) when (Caught(logger, ex, level, message, caller, reraise, exclude, onError, depth))
        {
            After(ex, onError);
            if (reraise)
            {
                throw;
            }
        }
    }

    /// <summary>The asynchronous <see cref="Catch{T}"/>.</summary>
    /// <typeparam name="T">The value's type.</typeparam>
    /// <param name="logger">Where the exception is logged.</param>
    /// <param name="func">The code to run.</param>
    /// <param name="defaultValue">What to return when <paramref name="func"/> throws.</param>
    /// <param name="level">The level of the record; default Error.</param>
    /// <param name="message">The message template; <c>{Caller}</c> (anywhere, any number of times) names the calling member; other holes have no value and are written as they stand; <c>{{</c> and <c>}}</c> are one brace in a message with a hole, as in MEL's templates. Default (null): <c>An error has been caught in {Caller}</c>.</param>
    /// <param name="reraise">Rethrow the exception after logging it; default false.</param>
    /// <param name="exclude">An exception type (and its subtypes) that is rethrown at once, not logged, not passed to <paramref name="onError"/> (Loguru's <c>exclude</c>); default null.</param>
    /// <param name="onError">Called with the exception once it is logged, before it is swallowed or rethrown (Loguru's <c>onerror</c>); what it throws reaches the caller. Default null.</param>
    /// <param name="caller">Filled in by the compiler.</param>
    /// <returns>What <paramref name="func"/> returned, or <paramref name="defaultValue"/>.</returns>
    [SuppressMessage("ApiDesign", "RS0026", Justification = CatchOverloads)]
    public static async Task<T> CatchAsync<T>(
        this ILogger logger,
        Func<Task<T>> func,
        T defaultValue,
        LogLevel level = LogLevel.Error,
        string? message = null,
        bool reraise = false,
        Type? exclude = null,
        Action<Exception>? onError = null,
        [CallerMemberName] string caller = "")
    {
        ArgumentNullException.ThrowIfNull(logger);
        ArgumentNullException.ThrowIfNull(func);
        CheckExclude(exclude);
        var depth = CatchFrames.NextDepth;
        try
        {
            var task = CatchFrames.Run(func);
            depth = OnStackAtTheAwait(task, depth);
            return await task.ConfigureAwait(false);
        }
        catch (Exception ex) when (Caught(logger, ex, level, message, caller, reraise, exclude, onError, depth))
        {
            After(ex, onError);
            if (reraise)
            {
                throw;
            }

            return defaultValue;
        }
    }

    // Runs as an exception filter, so the record is written before the stack unwinds; true enters the catch block. An
    // excluded type and a plain reraise leave the exception unwound by us; onError runs in the catch block instead of
    // here, because an exception thrown inside a filter is discarded by the runtime and what onError throws must reach
    // the caller, as in Loguru. depth tells a stack walk where Catch's own frame is (CatchFrames), so that a sink asking
    // for the caller gets the member that called Catch, not the method that threw.
    private static bool Caught(
        ILogger logger, Exception exception, LogLevel level, string? message, string caller, bool reraise, Type? exclude, Action<Exception>? onError, int depth)
    {
        // A cancellation passes as Loguru lets asyncio's CancelledError pass: it is no error to log, and swallowing it
        // would let the caller go on as if the cancelled work had been done (TaskCanceledException derives from it).
        if (exception is OperationCanceledException || (exclude is not null && exclude.IsInstanceOfType(exception)))
        {
            return false;
        }

        var previous = CatchFrames.Enter(exception, caller, depth);
        try
        {
            // Catch's own state: its message follows a rule MEL's template state cannot (CatchMessage), and nothing in
            // it throws, which inside this filter would be discarded by the runtime and let the exception pass Catch by.
            var state = CatchMessage.Fill(message ?? DefaultCatchMessage, caller);
#pragma warning disable CA1848 // The message is the caller's choice, {Caller} included.
            logger.Log(level, default, state, exception, CatchState.Format);
#pragma warning restore CA1848
        }
        finally
        {
            CatchFrames.Exit(previous);
        }

        return !reraise || onError is not null;
    }

    // A task already done when awaited faults on this stack, above CatchAsync's caller (its depth stays: its Run frame
    // has returned, so none is to be passed); one still running faults later on the stack that completes it, where the
    // caller is not.
    private static int OnStackAtTheAwait(Task task, int depth) => task.IsCompleted ? depth : CatchFrames.OffStack;

    private static void After(Exception exception, Action<Exception>? onError) => onError?.Invoke(exception);

    private static void CheckExclude(Type? exclude)
    {
        if (exclude is not null && !typeof(Exception).IsAssignableFrom(exclude))
        {
            throw new ArgumentException($"exclude: '{exclude}' is not an exception type; accepted: typeof(Exception) or a type derived from it.", nameof(exclude));
        }
    }
}
