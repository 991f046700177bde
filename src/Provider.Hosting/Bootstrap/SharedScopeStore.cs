using Microsoft.Extensions.Logging;

namespace LoguStyle.Hosting.Bootstrap;

/// <summary>
/// The one scope store of a bootstrap logger and the host's loggers, so each sees the scopes the other opened, and a
/// scope opened before the host was built is still seen by the host's loggers inside it.
/// </summary>
/// <remarks>
/// MEL's <c>LoggerFactory</c> tracks the current <c>Activity</c> (its <c>ActivityTrackingOptions</c>: the SpanId,
/// TraceId and ParentId scope that <c>Host.CreateApplicationBuilder</c> and <c>WebApplication.CreateBuilder</c> turn on)
/// only in a store it creates itself; given a store from the container, as the host is here, it tracks nothing. So this
/// store adds the activity's scopes itself once the host adopts it, with the host's options, before the pushed ones as
/// MEL does. They come from MEL's own store, with nothing pushed on it, so they are the scopes MEL would give.
/// </remarks>
internal sealed class SharedScopeStore : IExternalScopeProvider
{
    private readonly LoggerExternalScopeProvider _scopes = new();
    private IExternalScopeProvider? _activityScopes;

    /// <summary>From now on, records carry the current Activity's scopes as MEL's factory with these options gives them.</summary>
    public void TrackActivities(ActivityTrackingOptions options) =>
        Volatile.Write(ref _activityScopes, options == ActivityTrackingOptions.None ? null : ActivityScopes(options));

    /// <inheritdoc />
    public void ForEachScope<TState>(Action<object?, TState> callback, TState state)
    {
        Volatile.Read(ref _activityScopes)?.ForEachScope(callback, state);
        _scopes.ForEachScope(callback, state);
    }

    /// <inheritdoc />
    public IDisposable Push(object? state) => _scopes.Push(state);

    /// <summary>MEL's activity-tracking store (internal to MEL), as a factory with these options hands it to its providers.</summary>
    private static IExternalScopeProvider ActivityScopes(ActivityTrackingOptions options)
    {
        var capture = new ScopeCapture();
        using (LoggerFactory.Create(logging => logging.Configure(factory => factory.ActivityTrackingOptions = options).AddProvider(capture)))
        {
            return capture.Scopes ?? throw new InvalidOperationException("MEL's logger factory gave its provider no scope store.");
        }
    }

    /// <summary>A provider that only keeps the scope store its factory gives it.</summary>
    private sealed class ScopeCapture : ILoggerProvider, ISupportExternalScope
    {
        public IExternalScopeProvider? Scopes { get; private set; }

        public ILogger CreateLogger(string categoryName) => Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;

        public void SetScopeProvider(IExternalScopeProvider scopeProvider) => Scopes = scopeProvider;

        public void Dispose()
        {
        }
    }
}
