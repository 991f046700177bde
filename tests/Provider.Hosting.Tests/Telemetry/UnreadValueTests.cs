using Pin = LoguStyle.Hosting.Tests.Telemetry.TransitiveHolderRedactionTests.Pin;

namespace LoguStyle.Hosting.Tests.Telemetry;

/// <summary>
/// A bound <c>Task&lt;T&gt;</c>, <c>ValueTask&lt;T&gt;</c> or <c>Lazy&lt;T&gt;</c> whose T is a data object: the walk read
/// its members as it reads a data object's, so <c>Task&lt;T&gt;.Result</c> of a task not done blocked the logging call for
/// good and <c>Lazy&lt;T&gt;.Value</c> ran the application's factory. Their members are never read now; such a value is its
/// marker (its own text could print the value raw).
/// </summary>
public sealed class UnreadValueTests : IDisposable
{
    private const string Unread = ": its value is not read when logging>";
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task ATaskNotDoneOrALazyValue_Bound_NeitherBlocksNorRunsTheFactory_AndIsItsMarker_InEverySinkKind()
    {
        var pending = new TaskCompletionSource<Pin>(TaskCreationOptions.RunContinuationsAsynchronously);
        var created = 0;
        var lazy = new Lazy<Pin>(() =>
        {
            Interlocked.Increment(ref created);
            return new Pin { Value = "SECRET18J-LAZY" };
        });
        var done = new ValueTask<Pin>(new Pin { Value = "SECRET18J-VALUETASK" });
        var values = new { Pending = pending.Task, Lazy = lazy, Done = done };
        try
        {
            var outputs = await EverySinkKind.LogAsync(_folder, "{extra[Pending]} {extra[Lazy]} {extra[Done]}", 6, logger =>
                Task.Run(() => EverySinkKind.LogBoundSixWays(logger, values, "Pending", pending.Task)).WaitAsync(TimeSpan.FromSeconds(30)));

            Assert.Equal(0, Volatile.Read(ref created));
            foreach (var (sink, output) in outputs)
            {
                Assert.False(output.Contains("SECRET18J-VALUETASK", StringComparison.Ordinal), $"{sink} wrote the completed ValueTask's value raw: {output}");
                foreach (var marker in new[] { "<Task<Pin>" + Unread, "<Lazy<Pin>" + Unread, "<ValueTask<Pin>" + Unread })
                {
                    Assert.True(Thrown.Occurrences(output, marker) >= 4, $"{sink} lacks {marker} in the four records that bind it: {output}");
                }
            }
        }
        finally
        {
            // A walk that blocked on Result before the fix is let go, so the test host ends.
            pending.TrySetResult(new Pin { Value = "released" });
        }
    }

    [Fact]
    public async Task ATaskNotDoneOrALazy_BoundItself_NeitherBlocksNorRunsTheFactory_ItsValueIsAMarker_ItsStatusIsRead_InEverySinkKind()
    {
        var pending = new TaskCompletionSource<Pin>(TaskCreationOptions.RunContinuationsAsynchronously);
        var created = 0;
        var lazy = new Lazy<Pin>(() =>
        {
            Interlocked.Increment(ref created);
            return new Pin { Value = "SECRET18J-LAZY" };
        });
        try
        {
            var outputs = await EverySinkKind.LogAsync(_folder, "{extra[Result]} {extra[Status]} {extra[Value]} {extra[IsValueCreated]}", 8, logger =>
                Task.Run(() =>
                {
                    EverySinkKind.LogBoundFourWays(logger, pending.Task);
                    EverySinkKind.LogBoundFourWays(logger, lazy);
                }).WaitAsync(TimeSpan.FromSeconds(30)));

            Assert.Equal(0, Volatile.Read(ref created));
            foreach (var (sink, output) in outputs)
            {
                Assert.True(Thrown.Occurrences(output, "<not read when logging>") >= 8, $"{sink} lacks the marker of Result and Value in the eight records: {output}");
                Assert.True(Thrown.Occurrences(output, "WaitingForActivation") >= 4, $"{sink} lacks the task's Status in the four records that bind it: {output}");
            }
        }
        finally
        {
            // A Bind that blocked on Result before the fix is let go, so the test host ends.
            pending.TrySetResult(new Pin { Value = "released" });
        }
    }

    [Fact]
    public async Task ATaskOrALazyOfTheApplicationsOwnType_NestedOrBoundItself_NeitherBlocksNorRunsTheFactory_InEverySinkKind()
    {
        var job = new ImportJob();
        var deferred = new DeferredPin();
        var values = new { Job = job, Deferred = deferred };
        var outputs = await EverySinkKind.LogAsync(_folder, "{extra[Job]} {extra[Deferred]} {extra[Result]} {extra[Value]}", 8, logger =>
            Task.Run(() =>
            {
                EverySinkKind.LogBoundFourWays(logger, values);
                EverySinkKind.LogBoundFourWays(logger, deferred);
            }).WaitAsync(TimeSpan.FromSeconds(30)));

        Assert.Equal(0, DeferredPin.FactoryRuns);
        foreach (var (sink, output) in outputs)
        {
            Assert.False(output.Contains("SECRET18J-SUBLAZY", StringComparison.Ordinal), $"{sink} wrote the lazy's value: {output}");
            Assert.True(Thrown.Occurrences(output, "<Task<Pin>" + Unread) >= 4, $"{sink} lacks the task's marker in the four records that nest it: {output}");
            Assert.True(Thrown.Occurrences(output, "<not read when logging>") >= 4, $"{sink} lacks the marker of Value in the four records that bind the lazy itself: {output}");
        }
    }

    /// <summary>A task of the application's own type that never completes: reading its Result would block for good.</summary>
    public sealed class ImportJob() : Task<Pin>(() => new Pin { Value = "never run" });

    /// <summary>A lazy of the application's own type whose factory counts its runs.</summary>
    public sealed class DeferredPin : Lazy<Pin>
    {
        private static int s_runs;

        public DeferredPin()
            : base(() =>
            {
                Interlocked.Increment(ref s_runs);
                return new Pin { Value = "SECRET18J-SUBLAZY" };
            })
        {
        }

        public static int FactoryRuns => Volatile.Read(ref s_runs);
    }
}
