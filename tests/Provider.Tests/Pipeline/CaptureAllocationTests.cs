using System.Globalization;
using Xunit.Abstractions;

namespace LoguStyle.Tests.Pipeline;

/// <summary>
/// What one logging call allocates on the logging thread, per capture strategy: the hot path's budget. The measuring is
/// done by tests/Provider.TestApp (mode <c>alloc</c>, AllocationProbe) in a process of its own: in this test host, the
/// other tests' threads and meter listeners added 888 bytes a call to the measured thread in full runs. MEL's template
/// call is made with a ready array of boxed arguments, so the params array and the boxing are left out; what is left is
/// the provider's. MEL's state struct is read through the thread's view of it (StateList), not boxed: it cost 48 bytes a
/// call before. The least of five rounds is taken.
/// </summary>
public class CaptureAllocationTests(ITestOutputHelper output) : IDisposable
{
    // Less than the smallest object (24 bytes): an allocation added to every call shows; warm-up left over does not.
    private const int Slack = 8;

    // The record, its message, the properties' array and the state box (a record of its own keeps the list, so MEL's
    // state is boxed for it): the delegate sink may keep them all. The record
    // holds the call site too (a custom level's name, the caller's function, file and line: 32 bytes), and the stack
    // text Catch kept when it caught the exception (a reference: 8 bytes).
    private const int OwnRecordBudget = 520;

    // A JSON line holds the message, so a JSON sink makes its string ("User 42 of acme": 56 bytes); nothing else of
    // the provider's. Before issue 20's fix a direct JSON call cost 312 (LoguStyle), 384 (CLEF), 480 (ECS) and 576
    // (OTLP) bytes: a properties list per record, its boxed enumerator, a scopes list, a closure made on entering the
    // formatter, boxed levels and numbers, the flat schemas' lists, OTLP's time text.
    private const int MessageText = 56;

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task DirectFileSink_ReusesTheThreadsRecord_AllocatesNothing()
    {
        var perCall = await BytesPerCallAsync("direct");
        Assert.InRange(perCall, 0, Slack);
    }

    [Fact]
    public async Task EnqueuedFileSink_FormatsOnTheLoggingThreadWithItsReusedRecord_AllocatesNothing()
    {
        var perCall = await BytesPerCallAsync("queued");
        Assert.InRange(perCall, 0, Slack);
    }

    [Fact]
    public async Task SyslogSink_FormatsOnTheLoggingThreadWithItsReusedRecord_AllocatesNothing()
    {
        // A UDP sink (Wait) to a socket that reads nothing: the message with its structured data is formatted into the
        // connection's queue on the logging thread.
        var perCall = await BytesPerCallAsync("syslog");
        Assert.InRange(perCall, 0, Slack);
    }

    [Fact]
    public async Task DelegateSink_GetsARecordOfItsOwn_AllocatesNoMoreThanItsRecord()
    {
        var perCall = await BytesPerCallAsync("delegate");
        Assert.InRange(perCall, 0, OwnRecordBudget);
    }

    [Theory]
    [InlineData("direct", "LoguStyle")]
    [InlineData("direct", "Clef")]
    [InlineData("direct", "Ecs")]
    [InlineData("direct", "Otel")]
    [InlineData("queued", "LoguStyle")]
    [InlineData("queued", "Clef")]
    [InlineData("queued", "Ecs")]
    [InlineData("queued", "Otel")]
    public async Task JsonFileSink_EveryFormat_AllocatesOnlyTheMessage(string sink, string format)
    {
        var perCall = await BytesPerCallAsync(sink, format);
        Assert.InRange(perCall, 0, MessageText + Slack);
    }

    [Theory]
    [InlineData("LoguStyle")]
    [InlineData("Clef")]
    [InlineData("Ecs")]
    [InlineData("Otel")]
    public async Task EnqueuedJsonFileSink_WriterHeld_CallerFormatsEachLine_AllocatesOnlyTheMessage(string format)
    {
        // Mode held: the writer is held (a rotation predicate that waits) while each round's callers format their lines
        // and queue them, so no round depends on how far the writer got. The JIT stays at its first tier
        // (no call counting): a path that callers take only while the writer is behind stayed there for seconds, and
        // what that tier allocates (a boxed bound of a generic range search: 576-768 bytes a call) counted in most
        // rounds. Before issue 17's fix this measured 689 (LoguStyle, CLEF), 703 (ECS) and 876 (OTLP) bytes a call; with the
        // tiers on, 104-160 in the last rounds, the records first formatted ahead each making a buffer of their own.
        var perCall = await BytesPerCallAsync("held", format, new() { ["DOTNET_TC_CallCounting"] = "0" });
        Assert.InRange(perCall, 0, MessageText + Slack);
    }

    private async Task<double> BytesPerCallAsync(string sink, string? json = null, Dictionary<string, string?>? environment = null)
    {
        string[] arguments = json is null
            ? [RepositoryPaths.TestApp, "alloc", _folder.File($"{sink}.log"), sink]
            : [RepositoryPaths.TestApp, "alloc", _folder.File($"{sink}-{json}.log"), sink, json];
        var run = await ProcessRun.StartAsync(
            "dotnet",
            arguments,
            _folder.Path,
            environment ?? [],
            TimeSpan.FromSeconds(120));
        output.WriteLine(run.StandardOutput);
        Assert.True(run.ExitCode == 0, $"exit code {run.ExitCode}: {run.StandardError}");
        var least = run.StandardOutput.Split('\n').Single(line => line.StartsWith("least ", StringComparison.Ordinal));
        return double.Parse(least["least ".Length..], CultureInfo.InvariantCulture);
    }
}
