using System.Text;
using System.Text.Json;
using LoguStyle.Hosting.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LoguStyle.Hosting.Tests;

#pragma warning disable CA1848, CA2254 // The template API is what a user calls.

/// <summary>
/// Custom levels (issue 20.3) and Disable (20.4) in a real host: <c>Levels:Custom</c> in appsettings.json reaches a
/// console sink, a text file, a JSON file in every JsonFormat and a delegate sink at once; bad entries stop the start
/// naming their key; the provider for Disable comes from DI.
/// </summary>
public class CustomLevelConfigurationTests
{
    private const string Format = "<level>{level,-8}</level>|{level:u3}|{level:icon}|{message}";

    [Fact]
    public async Task LevelsCustom_FromAppSettings_ReachEverySinkKind_WithNameColourAndIcon()
    {
        using var folder = new TempFolder();
        var notice = "NOTICE_" + Guid.NewGuid().ToString("N")[..8];
        var console = new MemoryStream();
        using var test = new TestHost(
            $$"""
            {
              "Levels": { "Custom": { "{{notice}}": { "Base": "Warning", "Color": "<cyan>", "Icon": "!" }, "SUCCESS": { "Icon": "+" } } },
              "Sinks": {
                "console": { "Format": "{{Format}}", "Colorize": true },
                "text": { "Type": "File", "Path": "{{folder.File("app.log")}}", "Format": "{{Format}}" },
                "LoguStyle": { "Type": "File", "Path": "{{folder.File("app.LoguStyle.json")}}", "Serialize": true },
                "Clef": { "Type": "File", "Path": "{{folder.File("app.Clef.json")}}", "Serialize": true, "JsonFormat": "Clef" },
                "Ecs": { "Type": "File", "Path": "{{folder.File("app.Ecs.json")}}", "Serialize": true, "JsonFormat": "Ecs" },
                "Otel": { "Type": "File", "Path": "{{folder.File("app.Otel.json")}}", "Serialize": true, "JsonFormat": "Otel" }
              }
            }
            """,
            log => log.AddConsole(c => c.OutputOverride = console));
        var (host, _, logger) = await test.StartAsync();
        using (host)
        {
            logger.Success("paid {N}", 1);
            logger.Log(notice, "disk {Percent}%", 91);
            await host.StopAsync();
        }

        string[] text = ["SUCCESS |SUC|+|paid 1", $"{notice,-8}|NOT|!|disk 91%"];
        Assert.Equal(["\u001b[32;1mSUCCESS \u001b[0m|SUC|+|paid 1", $"\u001b[36m{notice,-8}\u001b[0m|NOT|!|disk 91%"], Encoding.UTF8.GetString(console.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal(text, File.ReadAllLines(folder.File("app.log")));
        Assert.Equal([("SUCCESS", LogLevel.Information), (notice, LogLevel.Warning)], test.Captured.Select(r => (r.LevelName!, r.Level)));
        Assert.Equal(["SUCCESS", notice], File.ReadAllLines(folder.File("app.LoguStyle.json")).Select(line => Field(line, "levelName")));
        Assert.Equal(["SUCCESS", notice], File.ReadAllLines(folder.File("app.Clef.json")).Select(line => Field(line, "LevelName")));
        Assert.Equal(["SUCCESS", notice], File.ReadAllLines(folder.File("app.Ecs.json")).Select(line => Field(line, "logustyle", "levelName")));
        Assert.Equal(["SUCCESS", notice], File.ReadAllLines(folder.File("app.Otel.json")).Select(line => Field(line, "severityText")));
        Assert.Equal(["Information", "Warning"], File.ReadAllLines(folder.File("app.Ecs.json")).Select(line => Field(line, "log.level")));
    }

    [Theory]
    [InlineData("""{ "Levels": { "Custom": { "1BAD": { } } } }""", "Logging:LoguStyle:Levels:Custom:1BAD: '1BAD' is not a level name; accepted: a letter, then up to 31 letters, digits, '_' or '-'.")]
    [InlineData("""{ "Levels": { "Custom": { "NOTICE": { "Base": "Verbose" } } } }""", "Logging:LoguStyle:Levels:Custom:NOTICE:Base: 'Verbose' is not a level; accepted: Trace, Debug, Information, Warning, Error, Critical.")]
    [InlineData("""{ "Levels": { "Custom": { "NOTICE": { "Base": "None" } } } }""", "Logging:LoguStyle:Levels:Custom:NOTICE:Base: 'None' is not a level; accepted: Trace, Debug, Information, Warning, Error, Critical.")]
    [InlineData("""{ "Levels": { "Custom": { "NOTICE": { "Colour": "<red>" } } } }""", "Logging:LoguStyle:Levels:Custom:NOTICE:Colour: unknown key 'Colour' for a custom level; accepted: Base, Color, Icon.")]
    [InlineData("""{ "Levels": { "Custom": { "NOTICE": { "Color": "<purple>" } } } }""", "Logging:LoguStyle:Levels:Custom:NOTICE:Color: '<purple>' has an unknown tag '<purple>'")]
    [InlineData("""{ "Levels": { "Custom": { "SUCCESS": { "Base": "Warning" } } } }""", "Logging:LoguStyle:Levels:Custom:SUCCESS: level 'SUCCESS' has base Information in this process; a level's base cannot change")]
    [InlineData("""{ "Levels": { "Custom": { "Error": { "Base": "Error" } } } }""", "Logging:LoguStyle:Levels:Custom:Error: 'Error' is one of MEL's own levels")]
    [InlineData("""{ "Levels": { "Custom": "loud" } }""", "Logging:LoguStyle:Levels:Custom: 'loud' is a value, but Custom must be an object of levels by name")]
    [InlineData("""{ "Levels": { "Custom": { "NOTICE": "Warning" } } }""", "Logging:LoguStyle:Levels:Custom:NOTICE: 'Warning' is a value, but a custom level is an object")]
    [InlineData("""{ "Levels": { "Custom": { "NOTICE": 5 } } }""", "Logging:LoguStyle:Levels:Custom:NOTICE: '5' is a value, but a custom level is an object")]
    [InlineData("""{ "Levels": { "Custom": { "NOTICE": { "Base": "" } } } }""", "Logging:LoguStyle:Levels:Custom:NOTICE:Base: the value is empty; expected a level; accepted: Trace, Debug, Information, Warning, Error, Critical; leave the key out to keep its default.")]
    [InlineData("""{ "Levels": { "Custom": { "NOTICE": { "Color": "" } } } }""", "Logging:LoguStyle:Levels:Custom:NOTICE:Color: the value is empty; expected a colour; accepted: opening tags such as")]
    [InlineData("""{ "Levels": { "Warning": "WARN" } }""", "Logging:LoguStyle:Levels:Warning: 'WARN' is a value, but a level is an object, e.g. { \"Name\": \"WARN\"")]
    [InlineData("""{ "Levels": { "error": 3 } }""", "Logging:LoguStyle:Levels:error: '3' is a value, but a level is an object")]
    [InlineData("""{ "Levels": { "Warning": { "Color": "" } } }""", "Logging:LoguStyle:Levels:Warning:Color: the value is empty; expected a colour; accepted: opening tags such as")]
    [InlineData("""{ "Sinks": { "console": { "MaxLevel": "" } } }""", "Logging:LoguStyle:Sinks:console:MaxLevel: the value is empty; expected a level; accepted: Trace, Debug, Information, Warning, Error, Critical, None; leave the key out to keep its default.")]
    [InlineData("""{ "Sinks": { "console": { "Level": null } } }""", "Logging:LoguStyle:Sinks:console:Level: the value is empty; expected a level; accepted: Trace, Debug, Information, Warning, Error, Critical, None; leave the key out to keep its default.")]
    [InlineData("""{ "Sinks": { "f": { "Type": "File", "Path": "" } } }""", "Logging:LoguStyle:Sinks:f:Path:")]
    public async Task StartUp_BadCustomLevel_FailsNamingTheKey(string loguStyleJson, string expected)
    {
        var message = await ValidationTests.StartUpError(loguStyleJson);

        Assert.Contains(expected, message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LevelsCustom_EmptyIconAndAnEmptyObject_AreAccepted_NoIconAndEveryDefault()
    {
        using var folder = new TempFolder();
        var notice = "NOTICE_" + Guid.NewGuid().ToString("N")[..8];
        using var test = new TestHost(
            $$"""
            {
              "Levels": { "Custom": { "SUCCESS": { "Icon": "" }, "{{notice}}": { } } },
              "Sinks": { "text": { "Type": "File", "Path": "{{folder.File("app.log")}}", "Format": "{level}|{level:icon}|{message}" } }
            }
            """);
        var (host, _, logger) = await test.StartAsync();
        using (host)
        {
            logger.Success("paid {N}", 1);
            logger.Log(notice, "disk {Percent}%", 91);
            await host.StopAsync();
        }

        Assert.Equal(["SUCCESS||paid 1", $"{notice}||disk 91%"], File.ReadAllLines(folder.File("app.log")));
    }

    [Fact]
    public async Task LevelsCustom_DeclaredInCodeAndInConfiguration_ConfigurationKeysOverrideTheCodesKeyByKey()
    {
        using var folder = new TempFolder();
        var notice = "NOTICE_" + Guid.NewGuid().ToString("N")[..8];
        using var test = new TestHost(
            $$"""
            {
              "Levels": { "Custom": { "{{notice}}": { "Base": "Warning" } } },
              "Sinks": { "text": { "Type": "File", "Path": "{{folder.File("app.log")}}", "Level": "Warning", "Format": "{level}|{level:icon}|{message}" } }
            }
            """,
            log => log.AddLevel(notice, LogLevel.Information, icon: "!"));
        var (host, _, logger) = await test.StartAsync();
        using (host)
        {
            logger.Log(notice, "disk {Percent}%", 91);
            await host.StopAsync();
        }

        // The base from configuration (the Warning sink takes the record), the icon from code.
        Assert.Equal([$"{notice}|!|disk 91%"], File.ReadAllLines(folder.File("app.log")));
    }

    [Fact]
    public async Task StartUp_BadCustomLevelInCode_FailsNamingIt()
    {
        var message = await ValidationTests.StartUpError("{ }", log => log.AddLevel("2X", LogLevel.Information));

        Assert.Contains("CustomLevels (set in code): '2X' is not a level name", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Disable_OnTheProviderFromDI_SilencesTheCategoryUntilEnable()
    {
        using var test = new TestHost("{ }", log => log.AddLevel("HOSTED_" + Guid.NewGuid().ToString("N")[..8], LogLevel.Information));
        var (host, _, logger) = await test.StartAsync();
        using (host)
        {
            var provider = host.Services.GetRequiredService<LoguStyleLoggerProvider>();
            logger.LogInformation("1");
            provider.Disable("Tests");
            logger.LogInformation("2");
            provider.Enable("Tests");
            logger.LogInformation("3");
            await host.StopAsync();
        }

        Assert.Equal(["1", "3"], test.Messages.Where(m => m.Length == 1));
    }

    private static string? Field(string line, params string[] path)
    {
        using var json = JsonDocument.Parse(line);
        var element = json.RootElement;
        foreach (var name in path)
        {
            element = element.GetProperty(name);
        }

        return element.GetString();
    }
}
