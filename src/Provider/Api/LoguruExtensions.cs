using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Logging;

namespace LoguStyle;

/// <summary>
/// Loguru's verbs for any MEL <see cref="ILogger"/>: <c>bind</c>, <c>contextualize</c> and <c>catch</c>. They work with
/// every provider (they use MEL scopes); LoguStyle shows the values in <c>{extra[Name]}</c>, <c>{scopes}</c> and JSON.
/// </summary>
public static partial class LoguruExtensions
{
    /// <summary>
    /// Loguru's <c>logger.bind(user_id=42)</c>: a logger that adds <paramref name="name"/> = <paramref name="value"/> to
    /// every record it writes. On a bound logger, a later bind of a name wins (<c>Bind("UserId", 1).Bind("UserId", 2)</c>
    /// writes 2), and <c>{scopes}</c> lists the binds in the order they were made.
    /// </summary>
    /// <param name="logger">The logger to wrap.</param>
    /// <param name="name">The property name.</param>
    /// <param name="value">The property value.</param>
    /// <returns>A logger that writes through <paramref name="logger"/> with the property bound.</returns>
    /// <exception cref="ArgumentException"><paramref name="name"/> is null (<see cref="ArgumentNullException"/>) or empty: a programming error at the call, as in .NET's argument checks; no record is lost, Bind logs none.</exception>
    /// <example>
    /// <code>
    /// var log = logger.Bind("UserId", 42);
    /// log.LogInformation("Signed in");          // {extra[UserId]} is 42 on this record
    /// </code>
    /// </example>
    public static ILogger Bind(this ILogger logger, string name, object? value)
    {
        ArgumentNullException.ThrowIfNull(logger);
        ArgumentException.ThrowIfNullOrEmpty(name);
        return BoundLogger.Over(logger, new BoundProperties([new(name, NestedObject.Of(value, 1))]));
    }

    /// <summary>
    /// Loguru's <c>logger.bind(**values)</c>: a logger that adds the public properties and fields of <paramref name="values"/>
    /// (<c>new { UserId = 42, Tenant = "acme" }</c>, or a dictionary) to every record it writes. The members are
    /// those of <typeparamref name="T"/>, which the trimmer keeps, so this works in a Native AOT app.
    /// </summary>
    /// <typeparam name="T">The object's type (an anonymous type, a record, a dictionary).</typeparam>
    /// <param name="logger">The logger to wrap.</param>
    /// <param name="values">An object or dictionary whose properties are bound.</param>
    /// <returns>A logger that writes through <paramref name="logger"/> with the properties bound.</returns>
    public static ILogger Bind<[DynamicallyAccessedMembers(BoundMembers.Kept)] T>(this ILogger logger, T values)
        where T : notnull
    {
        ArgumentNullException.ThrowIfNull(logger);
        ArgumentNullException.ThrowIfNull(values);
        return BoundLogger.Over(logger, ObjectProperties<T>.Read(values));
    }

    /// <summary>
    /// Loguru's <c>logger.bind(**values)</c> for an object typed as <see cref="object"/>: the public properties and fields
    /// of its runtime type, which trimming and Native AOT may remove (use the generic overload there).
    /// </summary>
    /// <param name="logger">The logger to wrap.</param>
    /// <param name="values">An object or dictionary whose properties are bound.</param>
    /// <returns>A logger that writes through <paramref name="logger"/> with the properties bound.</returns>
    [RequiresUnreferencedCode(BoundProperties.TrimmingNote)]
    public static ILogger Bind(this ILogger logger, object values)
    {
        ArgumentNullException.ThrowIfNull(logger);
        return BoundLogger.Over(logger, BoundProperties.From(values));
    }

    /// <summary>
    /// Loguru's <c>with logger.contextualize(request_id=id):</c> a scope that adds <paramref name="name"/> =
    /// <paramref name="value"/> to every record logged inside it, on this logger and every other, across <c>await</c>.
    /// </summary>
    /// <param name="logger">Any logger of the application.</param>
    /// <param name="name">The property name.</param>
    /// <param name="value">The property value.</param>
    /// <returns>Dispose it to end the scope.</returns>
    /// <exception cref="ArgumentException"><paramref name="name"/> is null (<see cref="ArgumentNullException"/>) or empty: a programming error at the call, as in .NET's argument checks; no record is lost, Contextualize logs none.</exception>
    /// <example>
    /// <code>
    /// using (logger.Contextualize("RequestId", context.TraceIdentifier))
    /// {
    ///     await next(context);                 // every record of the request has {extra[RequestId]}
    /// }
    /// </code>
    /// </example>
    public static IDisposable Contextualize(this ILogger logger, string name, object? value)
    {
        ArgumentNullException.ThrowIfNull(logger);
        ArgumentException.ThrowIfNullOrEmpty(name);
        return logger.BeginScope(new BoundProperties([new(name, NestedObject.Of(value, 1))])) ?? NoScope.Instance;
    }

    /// <summary>
    /// Loguru's <c>logger.contextualize(**values)</c> with the public properties and fields of <paramref name="values"/>:
    /// those of <typeparamref name="T"/>, which the trimmer keeps, so this works in a Native AOT app.
    /// </summary>
    /// <typeparam name="T">The object's type (an anonymous type, a record, a dictionary).</typeparam>
    /// <param name="logger">Any logger of the application.</param>
    /// <param name="values">An object or dictionary whose properties are added.</param>
    /// <returns>Dispose it to end the scope.</returns>
    public static IDisposable Contextualize<[DynamicallyAccessedMembers(BoundMembers.Kept)] T>(this ILogger logger, T values)
        where T : notnull
    {
        ArgumentNullException.ThrowIfNull(logger);
        ArgumentNullException.ThrowIfNull(values);
        return logger.BeginScope(ObjectProperties<T>.Read(values)) ?? NoScope.Instance;
    }

    /// <summary>
    /// Loguru's <c>logger.contextualize(**values)</c> for an object typed as <see cref="object"/>: the public properties
    /// and fields of its runtime type, which trimming and Native AOT may remove (use the generic overload there).
    /// </summary>
    /// <param name="logger">Any logger of the application.</param>
    /// <param name="values">An object or dictionary whose properties are added.</param>
    /// <returns>Dispose it to end the scope.</returns>
    [RequiresUnreferencedCode(BoundProperties.TrimmingNote)]
    public static IDisposable Contextualize(this ILogger logger, object values)
    {
        ArgumentNullException.ThrowIfNull(logger);
        return logger.BeginScope(BoundProperties.From(values)) ?? NoScope.Instance;
    }

    private sealed class NoScope : IDisposable
    {
        public static NoScope Instance { get; } = new();

        public void Dispose()
        {
        }
    }
}
