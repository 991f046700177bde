using System.Runtime.CompilerServices;
using System.Text.Json;
using LoguStyle.Hosting.Tests.Support;
using Microsoft.Extensions.Logging;

namespace LoguStyle.Hosting.Tests;

/// <summary>The CallerInfo key from appsettings.json: on a text file, an enqueued JSON file and a code delegate sink, and its validation.</summary>
public class CallerInfoConfigurationTests
{
    [Fact]
    public async Task CallerInfo_FromAppSettings_PlainCallsCarryTheirCaller_ASinkWithoutTheKeyNone()
    {
        using var folder = new TempFolder();
        var text = folder.File("text.log").Replace("\\", "/", StringComparison.Ordinal);
        var json = folder.File("app.json").Replace("\\", "/", StringComparison.Ordinal);
        using var test = new TestHost($$"""
            { "Sinks": {
                "text": { "Type": "File", "Path": "{{text}}", "Format": "{function}:{file}:{line} {message}", "CallerInfo": "stacktrace" },
                "json": { "Type": "File", "Path": "{{json}}", "Serialize": true, "Enqueue": true, "CallerInfo": "StackTrace" } } }
            """);
        var (host, _, logger) = await test.StartAsync();
        int line;
        using (host)
        {
#pragma warning disable CA1848 // A plain MEL call is the point.
            logger.LogInformation("plain"); line = Line();
#pragma warning restore CA1848
            await host.StopAsync();
        }

        var function = nameof(CallerInfo_FromAppSettings_PlainCallsCarryTheirCaller_ASinkWithoutTheKeyNone);
        Assert.Equal([$"{function}:CallerInfoConfigurationTests.cs:{line} plain"], File.ReadAllLines(text));
        using var document = JsonDocument.Parse(File.ReadAllText(json));
        Assert.Equal(function, document.RootElement.GetProperty("function").GetString());
        Assert.Equal(line, document.RootElement.GetProperty("line").GetInt32());
        Assert.Null(Assert.Single(test.Captured).CallerFunction);
    }

    [Fact]
    public async Task StartUp_CallerInfoNotASource_FailsNamingKeyValueAndAcceptedValues()
    {
        var message = await ValidationTests.StartUpError("""{ "Sinks": { "a": { "Type": "Console", "CallerInfo": "Always" } } }""");

        Assert.Contains("Logging:LoguStyle:Sinks:a:CallerInfo: 'Always' is not a caller source; accepted: None, StackTrace", message, StringComparison.Ordinal);
    }

    private static int Line([CallerLineNumber] int line = 0) => line;
}
