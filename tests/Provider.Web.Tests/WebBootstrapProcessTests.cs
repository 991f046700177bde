using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using LoguStyle.Web.Tests.Support;

namespace LoguStyle.Web.Tests;

/// <summary>
/// tests/Provider.WebBootstrapApp as a user runs it: a real process on Kestrel (127.0.0.1, a free port) whose Program.cs
/// has the bootstrap logger from its first line and the host's LoguStyle after it, writing a text file, an enqueued JSON
/// file and the console (its appsettings.json; the files' paths from the environment).
/// </summary>
public sealed class WebBootstrapProcessTests : IDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    private readonly TempFolder _folder = new();

    private static string AppOutput => Path.Combine(RepositoryPaths.Root, "tests", "Provider.WebBootstrapApp", "bin", RepositoryPaths.Configuration, "net10.0");

    private string TextPath => _folder.File("app.log");

    private string JsonPath => _folder.File("app.json");

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Request_HostAndBootstrapRecords_CarryTheIdsTheRequestSaw_InTextAndJson()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        using var app = Start();
        var address = await ListeningAddress(app);
        using var http = new HttpClient { BaseAddress = address, Timeout = Deadline };
        var seen = await http.GetFromJsonAsync<JsonElement>(new Uri("/ids", UriKind.Relative));
        var (traceId, spanId) = (seen.Text("traceId"), seen.Text("spanId"));
        Assert.Matches("^[0-9a-f]{32}$", traceId);
        Assert.Matches("^[0-9a-f]{16}$", spanId);
        await StopAsync(app);

        // Both the host's injected logger and the bootstrap logger, inside the request, write the request's Activity.
        var text = TextRecord.Read(TextPath);
        var json = JsonLines.Read(JsonPath);
        foreach (var logger in new[] { "host", "bootstrap" })
        {
            var line = Assert.Single(text, r => r.Message == $"request seen by {logger}");
            Assert.Equal((traceId, spanId), (line.TraceId, line.SpanId));
            var record = Assert.Single(json, r => r.Text("message") == $"request seen by {logger}");
            Assert.Equal((traceId, spanId), (record.Text("traceId"), record.Text("spanId")));
        }

        // Records outside a request have none.
        var built = Assert.Single(text, r => r.Message == "host built");
        Assert.Equal((string.Empty, string.Empty), (built.TraceId, built.SpanId));
        Assert.DoesNotContain("traceId", Assert.Single(json, r => r.Text("message") == "host built").EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public async Task HandOver_EachFileOpenOnce_BootstrapRecordsFirstInOrder_NothingLostOrTwice()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        using var app = Start();
        await ListeningAddress(app);

        // While the host runs, the process holds one descriptor on each file: the host's sinks are the bootstrap
        // logger's, adopted, not a second opening.
        Assert.Equal(1, DescriptorsOn(app.Id, TextPath));
        Assert.Equal(1, DescriptorsOn(app.Id, JsonPath));
        await StopAsync(app);

        Assert.Equal(["app.json", "app.log"], Directory.GetFiles(_folder.Path).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.DoesNotContain("already writes", app.StandardError + string.Join('\n', app.Lines), StringComparison.Ordinal);
        string[] first = ["bootstrap 1", "bootstrap 2", "bootstrap 3", "host built"];
        var textMessages = TextRecord.Read(TextPath).Select(r => r.Message).ToList();
        var jsonMessages = JsonLines.Read(JsonPath).Select(r => r.Text("message") ?? string.Empty).ToList();
        foreach (var messages in new[] { textMessages, jsonMessages })
        {
            Assert.Equal(first, messages.Take(first.Length));
            Assert.StartsWith("Now listening on: http://127.0.0.1:", messages[first.Length], StringComparison.Ordinal);
            Assert.All(first, message => Assert.Single(messages, m => m == message));
        }

        Assert.Equal(textMessages, jsonMessages);
    }

    [Fact]
    public async Task SigTerm_ExitsZeroWithinTheShutdownTimeout_TheHostsAndTheAppsLastRecordsInBothFiles()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        using var app = Start();
        await ListeningAddress(app);
        var stopping = Stopwatch.StartNew();
        await StopAsync(app);

        // appsettings.json's App:ShutdownTimeout is 10 s.
        Assert.True(stopping.Elapsed < TimeSpan.FromSeconds(10), $"the app took {stopping.Elapsed} to stop");
        string[] last = ["Application is shutting down...", "stopping: the app's last record", "host stopped"];
        foreach (var messages in new[] { TextRecord.Read(TextPath).Select(r => r.Message).ToList(), JsonLines.Read(JsonPath).Select(r => r.Text("message") ?? string.Empty).ToList() })
        {
            Assert.All(last, message => Assert.Single(messages, m => m == message));
            Assert.Equal("host stopped", messages[^1]);
        }
    }

    [Fact]
    public async Task Build_ThrowsOnABadConfigurationValue_TheExceptionWithItsStackIsInBothFiles_ExitCodeOne()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        using var app = Start(("App__ShutdownTimeout", "ten seconds"));

        Assert.Equal(1, await app.WaitForExitAsync(Deadline));
        var text = TextRecord.Read(TextPath);
        Assert.Equal(["bootstrap 1", "bootstrap 2", "bootstrap 3", "The host terminated unexpectedly"], text.Select(r => r.Message));
        var failure = text[^1];
        Assert.Equal("CRITICAL", failure.Level);
        Assert.Equal("System.FormatException", failure.Exception.FirstOrDefault()?.Split(':')[0]);

        // The stack goes through WebApplicationBuilder.Build() to the delegate of Program.cs that read the value.
        Assert.Contains(failure.Exception, line => line.Contains("at Microsoft.AspNetCore.Builder.WebApplicationBuilder.Build()", StringComparison.Ordinal));
        Assert.Contains(failure.Exception, line => line.Contains("at Program.", StringComparison.Ordinal));

        var json = JsonLines.Read(JsonPath);
        Assert.Equal(text.Select(r => r.Message), json.Select(r => r.Text("message")));
        var exception = json[^1].GetProperty("exception");
        Assert.Equal("System.FormatException", exception.Text("type"));
        Assert.Contains("WebApplicationBuilder.Build()", exception.Text("stack"), StringComparison.Ordinal);
    }

    private RunningProcess Start(params (string Name, string Value)[] settings)
    {
        var environment = new Dictionary<string, string>
        {
            ["NO_COLOR"] = "1",
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["ASPNETCORE_URLS"] = "http://127.0.0.1:0",
            ["Logging__LoguStyle__Sinks__text__Path"] = TextPath,
            ["Logging__LoguStyle__Sinks__json__Path"] = JsonPath,
        };
        foreach (var (name, value) in settings)
        {
            environment[name] = value;
        }

        return RunningProcess.StartDotnet(Path.Combine(AppOutput, "LoguStyle.WebBootstrapApp.dll"), [], AppOutput, environment);
    }

    private static async Task<Uri> ListeningAddress(RunningProcess app)
    {
        var listening = await app.WaitForLineAsync(line => line.Contains("Now listening on: http://127.0.0.1:", StringComparison.Ordinal), Deadline);
        return new Uri(listening[listening.IndexOf("http://", StringComparison.Ordinal)..]);
    }

    private static async Task StopAsync(RunningProcess app)
    {
        await app.SignalAsync("TERM");
        var exitCode = await app.WaitForExitAsync(Deadline);
        Assert.True(exitCode == 0, $"exit code {exitCode}; stderr: {app.StandardError}");
    }

    /// <summary>How many descriptors of process <paramref name="pid"/> are open on <paramref name="path"/>, read from outside in /proc.</summary>
    private static int DescriptorsOn(int pid, string path) =>
        Directory.GetFiles($"/proc/{pid}/fd").Count(fd =>
        {
            try
            {
                return new FileInfo(fd).LinkTarget == path;
            }
            catch (IOException)
            {
                return false;
            }
        });
}
