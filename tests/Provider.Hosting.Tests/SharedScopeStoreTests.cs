using System.Diagnostics;
using LoguStyle.Hosting.Bootstrap;
using Microsoft.Extensions.Logging;

namespace LoguStyle.Hosting.Tests;

/// <summary>
/// The scope store a bootstrap logger shares with the host: pushed scopes as MEL's plain store gives them, and once the
/// host's activity tracking is set, the current Activity's scope before them, as MEL's own factory store gives it.
/// </summary>
public sealed class SharedScopeStoreTests
{
    [Fact]
    public void ForEachScope_BeforeTracking_OnlyThePushedScopes_EvenInsideAnActivity()
    {
        var store = new SharedScopeStore();
        using var activity = new Activity("request").Start();
        using var scope = store.Push("pushed");

        Assert.Equal(["pushed"], Scopes(store));
    }

    [Fact]
    public void ForEachScope_Tracking_ActivityScopeFirst_AsMelsFactoryStoreGivesIt()
    {
        var store = new SharedScopeStore();
        store.TrackActivities(ActivityTrackingOptions.SpanId | ActivityTrackingOptions.TraceId | ActivityTrackingOptions.ParentId);
        using var activity = new Activity("request").SetIdFormat(ActivityIdFormat.W3C).Start();
        using var scope = store.Push("pushed");

        var scopes = Scopes(store);

        Assert.Equal(2, scopes.Count);
        var pairs = Assert.IsType<IEnumerable<KeyValuePair<string, object?>>>(scopes[0], exactMatch: false).ToList();
        Assert.Equal(["SpanId", "TraceId", "ParentId"], pairs.Select(p => p.Key));
        Assert.Equal(activity.SpanId.ToHexString(), pairs[0].Value);
        Assert.Equal(activity.TraceId.ToHexString(), pairs[1].Value);
        Assert.Equal("pushed", scopes[1]);
    }

    [Fact]
    public void ForEachScope_TrackingWithoutAnActivity_OnlyThePushedScopes()
    {
        var store = new SharedScopeStore();
        store.TrackActivities(ActivityTrackingOptions.TraceId);
        Assert.Null(Activity.Current);
        using var scope = store.Push("pushed");

        Assert.Equal(["pushed"], Scopes(store));
    }

    private static List<object?> Scopes(SharedScopeStore store)
    {
        var scopes = new List<object?>();
        store.ForEachScope((scope, list) => list.Add(scope), scopes);
        return scopes;
    }
}
