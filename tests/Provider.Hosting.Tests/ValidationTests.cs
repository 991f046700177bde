using LoguStyle.Hosting.Tests.Support;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace LoguStyle.Hosting.Tests;

public class ValidationTests
{
    public static TheoryData<string, string> BadConfigurations => new()
    {
        {
            """{ "Sinks": { "c": { "Type": "Console", "Level": "Verbose" } } }""",
            "Logging:LoguStyle:Sinks:c:Level: 'Verbose' is not a level; accepted: Trace, Debug, Information, Warning, Error, Critical, None."
        },
        {
            """{ "Sinks": { "c": { "Type": "Console", "Level": "3" } } }""",
            "Logging:LoguStyle:Sinks:c:Level: '3' is not a level; accepted: Trace, Debug, Information, Warning, Error, Critical, None."
        },
        {
            """{ "Sinks": { "c": { "Type": "Console", "Level": { "Min": "Debug" } } } }""",
            "Logging:LoguStyle:Sinks:c:Level: expected a level, found a section."
        },
        {
            """{ "Sink": { } , "Sinks": { "c": { "Type": "Console" } }, "Color": "red" }""",
            "Logging:LoguStyle:Color: unknown key 'Color'; accepted: Sinks, LogLevel."
        },
        {
            """{ "Sinks": { "c": { "Type": "Console", "Colour": "Auto" } } }""",
            "Logging:LoguStyle:Sinks:c:Colour: unknown key 'Colour' for a Console sink; accepted: Type, Level, Format, Filter, Colorize, Stream."
        },
        {
            """{ "Sinks": { "capture": { "Colorize": "Auto" } } }""",
            "Logging:LoguStyle:Sinks:capture:Colorize: unknown key 'Colorize' for a Delegate sink; accepted: Type, Level, Format, Filter."
        },
        {
            """{ "Sinks": { "c": { "Type": "Kafka" } } }""",
            "Logging:LoguStyle:Sinks:c:Type: 'Kafka' is not a sink type; accepted: Console (Delegate sinks are added in code)."
        },
        {
            """{ "Sinks": { "capture": { "Type": "Console" } } }""",
            "Logging:LoguStyle:Sinks:capture:Type: 'Console' does not match the sink 'capture' added in code, which is a Delegate sink"
        },
        {
            """{ "Sinks": { "mine": { "Level": "Debug" } } }""",
            "Logging:LoguStyle:Sinks:mine:Type: missing; every configured sink needs a Type; accepted: Console."
        },
        {
            """{ "Sinks": { "c": { "Type": "Console", "Colorize": "sometimes" } } }""",
            "Logging:LoguStyle:Sinks:c:Colorize: 'sometimes' is not a colour mode; accepted: Auto, true, false (or Always, Never)."
        },
        {
            """{ "Sinks": { "c": { "Type": "Console", "Stream": "stdlog" } } }""",
            "Logging:LoguStyle:Sinks:c:Stream: 'stdlog' is not a console stream; accepted: Stdout, Stderr."
        },
        {
            """{ "Sinks": { "c": { "Type": "Console", "Filter": { "Microsoft": "Loud" } } } }""",
            "Logging:LoguStyle:Sinks:c:Filter:Microsoft: 'Loud' is not a level; accepted: Trace, Debug, Information, Warning, Error, Critical, None."
        },
        {
            """{ "Sinks": { "c": { "Type": "Console", "Filter": "Warning" } } }""",
            "Logging:LoguStyle:Sinks:c:Filter: 'Warning' is a value, but Filter must be an object of category prefixes and levels"
        },
        {
            """{ "Sinks": "console" }""",
            "Logging:LoguStyle:Sinks: 'console' is a value, but Sinks must be an object of named sinks"
        },
        {
            """{ "Sinks": { "c": { "Type": "Console", "Format": "{time} {lvl}" } } }""",
            "Logging:LoguStyle:Sinks:c:Format: Sink 'c': format template error at position 7: unknown token '{lvl}'; accepted: {time[:format]}"
        },
        {
            """{ "Sinks": { "c": { "Type": "Console", "Format": "<red>{message}" } } }""",
            "Logging:LoguStyle:Sinks:c:Format: Sink 'c': format template error at position 0: the tag '<red>' is never closed"
        },
        {
            """{ "Sinks": { "c": { "Type": "Console", "Format": "{level,wide}" } } }""",
            "Logging:LoguStyle:Sinks:c:Format: Sink 'c': format template error at position 0: '{level,wide}' has a bad alignment 'wide'"
        },
    };

    [Theory]
    [MemberData(nameof(BadConfigurations))]
    public async Task StartUp_BadValue_FailsNamingKeyValueAndAcceptedForms(string loguStyleJson, string expected)
    {
        var message = await StartUpError(loguStyleJson);

        Assert.Contains(expected, message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartUp_SeveralBadValues_ReportsThemAllInOneMessage()
    {
        var message = await StartUpError("""{ "Sinks": { "a": { "Type": "Console", "Level": "Loud" }, "b": { "Type": "Console", "Stream": "x" } } }""");

        Assert.Contains("Logging:LoguStyle:Sinks:a:Level: 'Loud'", message, StringComparison.Ordinal);
        Assert.Contains("Logging:LoguStyle:Sinks:b:Stream: 'x'", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartUp_BadTemplateOnACodeSink_NamesTheSink()
    {
        var message = await StartUpError("{}", log => log.AddConsole(format: "{time:}", name: "mine"));

        Assert.Contains("sink 'mine' (added in code): Sink 'mine': format template error at position 0: '{time:}' has an empty format", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartUp_DuplicateSinkNamesInCode_Fails()
    {
        var message = await StartUpError("{}", log => log.AddConsole(name: "capture"));

        Assert.Contains("two sinks are named 'capture'", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartUp_GoodConfiguration_Starts()
    {
        using var test = new TestHost("""{ "Sinks": { "c": { "Type": "Console", "Level": "warning", "Colorize": "true", "Stream": "stderr", "Format": "{level:u3} {message}", "Filter": { "Default": "Error" } } } }""");
        using var host = test.Builder.Build();

        await host.StartAsync();
        await host.StopAsync();

        Assert.Equal(["capture", "c"], host.Services.GetService(typeof(LoguStyleLoggerProvider)) is LoguStyleLoggerProvider p ? p.SinkNames : []);
    }

    private static async Task<string> StartUpError(string loguStyleJson, Action<LoguStyleBuilder>? configure = null)
    {
        using var test = new TestHost(loguStyleJson, configure);
        var ex = await Assert.ThrowsAsync<OptionsValidationException>(async () =>
        {
            using var host = test.Builder.Build();
            await host.StartAsync();
            await host.StopAsync();
        });
        return ex.Message;
    }
}
