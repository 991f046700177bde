using System.Text.Json;
using LoguStyle.Sinks;
using Microsoft.Extensions.Logging;

namespace LoguStyle.Tests.Api;

public class PatchTests
{
    [Fact]
    public void Patch_AddsValuesEverySinkSees_TextAndJson()
    {
        var lines = new List<string>();
        var json = new List<string>();
        var text = DelegateSinkOptions.ForText("text", lines.Add);
        text.Format = "{message} on {extra[MachineName]} {extra[Region]}";
        var serialized = DelegateSinkOptions.ForText("json", json.Add);
        serialized.Serialize = true;
        var options = new LoguStyleLoggerOptions { Sinks = { text, serialized } };
        options.Patches.Add(Enrichers.MachineName);
        options.Patches.Add(r => r.SetProperty("Region", "eu-west"));
        options.Patches.Add(r => r.SetProperty("Region", "eu-north"));

        using (var provider = new LoguStyleLoggerProvider(options))
        {
            provider.CreateLogger("c").LogInformation("hello {Name}", "ann");
        }

        Assert.Equal([$"hello ann on {Environment.MachineName} eu-north\n"], lines);
        using var document = JsonDocument.Parse(Assert.Single(json));
        var props = document.RootElement.GetProperty("props");
        Assert.Equal("ann", props.GetProperty("Name").GetString());
        Assert.Equal(Environment.MachineName, props.GetProperty("MachineName").GetString());
        Assert.Equal("eu-north", props.GetProperty("Region").GetString());
    }

    [Fact]
    public void Patch_ThatThrows_IsReportedAndTheRecordStillWritten()
    {
        var lines = new List<string>();
        var errors = new StringWriter();
        var text = DelegateSinkOptions.ForText("text", lines.Add);
        text.Format = "{message} {extra[After]}";
        var options = new LoguStyleLoggerOptions { Sinks = { text } };
        options.Patches.Add(_ => throw new InvalidOperationException("enricher broke"));
        options.Patches.Add(r => r.SetProperty("After", "ran"));

        using (var provider = new LoguStyleLoggerProvider(options, TimeProvider.System, errors))
        {
            provider.CreateLogger("c").LogInformation("kept");
        }

        Assert.Equal(["kept ran\n"], lines);
        Assert.Contains("enricher broke", errors.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Patch_ThatThrows_StderrSaysThePatchFailed_AndTheRecordWasWrittenWithoutIt()
    {
        // The record is written (the test above); the line must not say it was lost (outside20b D6).
        var errors = new StringWriter();
        var lines = new List<string>();
        var options = new LoguStyleLoggerOptions { Sinks = { DelegateSinkOptions.ForText("text", lines.Add) } };
        options.Patches.Add(_ => throw new InvalidOperationException("enricher broke"));

        using (var provider = new LoguStyleLoggerProvider(options, TimeProvider.System, errors))
        {
            provider.CreateLogger("c").LogInformation("kept");
            provider.CreateLogger("c").LogInformation("kept again");
        }

        Assert.Equal(2, lines.Count);
        var line = Assert.Single(errors.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal("LoguStyle: a Patch enricher threw InvalidOperationException: enricher broke; the record was written all the same, patched as far as that enricher got (1 time(s) so far)", line);
    }

    [Fact]
    public void Patch_SeesTheCallerALoguruStyleCallWasGiven_AsTheSinksDo()
    {
        // outside20b D5: a global Patch saw no caller for logger.Info($"...") while every sink wrote it.
        var seen = new List<string>();
        var lines = new List<string>();
        var text = DelegateSinkOptions.ForText("text", lines.Add);
        text.Format = "{function}:{line}";
        var options = new LoguStyleLoggerOptions { Sinks = { text } };
        options.Patches.Add(r => seen.Add($"{r.CallerFunction}:{r.CallerLine}"));
        var line = 0;
        using (var provider = new LoguStyleLoggerProvider(options))
        {
            var logger = provider.CreateLogger("c");
            line = LineOf() + 1;
            logger.Info($"hello {42}");
        }

        var expected = $"{nameof(Patch_SeesTheCallerALoguruStyleCallWasGiven_AsTheSinksDo)}:{line}";
        Assert.Equal([expected + "\n"], lines);
        Assert.Equal([expected], seen);
    }

    private static int LineOf([System.Runtime.CompilerServices.CallerLineNumber] int line = 0) => line;

    [Fact]
    public void SinkPatch_IsSeenByThatSinkAlone()
    {
        var patched = new List<string>();
        var plain = new List<string>();
        var patchedSink = DelegateSinkOptions.ForText("patched", patched.Add);
        patchedSink.Format = "{message} [{extra[Only]}] {extra[Order]}";
        patchedSink.Patch = r => r.SetProperty("Only", "here");
        var plainSink = DelegateSinkOptions.ForText("plain", plain.Add);
        plainSink.Format = "{message} [{extra[Only]}] {extra[Order]}";

        using (var provider = new LoguStyleLoggerProvider(new LoguStyleLoggerOptions { Sinks = { patchedSink, plainSink } }))
        {
            provider.CreateLogger("c").LogInformation("order {Order}", 7);
        }

        Assert.Equal(["order 7 [here] 7\n"], patched);
        Assert.Equal(["order 7 [] 7\n"], plain);
    }

    [Fact]
    public void Patch_SetMessage_RewritesWhatEverySinkWrites()
    {
        var lines = new List<string>();
        var records = new List<LogRecord>();
        var text = DelegateSinkOptions.ForText("text", lines.Add);
        text.Format = "{message}";
        var options = new LoguStyleLoggerOptions { Sinks = { text, new DelegateSinkOptions("records", records.Add) } };
        options.Patches.Add(r => r.SetMessage(r.Message.Replace("hunter2", "***", StringComparison.Ordinal)));

        using (var provider = new LoguStyleLoggerProvider(options))
        {
            provider.CreateLogger("c").LogInformation("password is {Password}", "hunter2");
        }

        Assert.Equal(["password is ***\n"], lines);
        Assert.Equal("password is ***", Assert.Single(records).Message);
    }

    [Fact]
    public void Enrichers_AddTheirValues()
    {
        var record = new LogRecord(DateTimeOffset.UnixEpoch, LogLevel.Information, "c", "m");

        Enrichers.ProcessName(record);
        Enrichers.AppVersion(record);
        Enrichers.MachineName(record);

        Assert.Equal(["ProcessName", "AppVersion", "MachineName"], record.Properties.Select(p => p.Key));
        Assert.All(record.Properties, p => Assert.False(string.IsNullOrEmpty(p.Value as string)));
    }

    [Fact]
    public void Enrichers_ThreadName_AddsTheNameOnANamedThread_AndNothingOnAnUnnamedOne()
    {
        var named = new LogRecord(DateTimeOffset.UnixEpoch, LogLevel.Information, "c", "m");
        var unnamed = new LogRecord(DateTimeOffset.UnixEpoch, LogLevel.Information, "c", "m");

        var thread = new Thread(() => Enrichers.ThreadName(named)) { Name = "worker-7" };
        thread.Start();
        Assert.True(thread.Join(TimeSpan.FromSeconds(30)));
        var other = new Thread(() => Enrichers.ThreadName(unnamed));
        other.Start();
        Assert.True(other.Join(TimeSpan.FromSeconds(30)));

        Assert.Equal([new KeyValuePair<string, object?>("ThreadName", "worker-7")], named.Properties);
        Assert.Empty(unnamed.Properties);
    }
}
