using LoguStyle.Hosting.Configuration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace LoguStyle.Hosting.Tests;

/// <summary>A LoguStyle section LoguStyle never reads (misspelt under Logging, or beside it) is warned about at start-up.</summary>
public class SectionSpellingTests
{
    [Theory]
    [InlineData("LoguStyle", 0)]
    [InlineData("logustyle", 0)]
    [InlineData("LoguStlye", 1)]
    [InlineData("LogStyle", 1)]
    [InlineData("LoguStyles", 1)]
    [InlineData("LogoStile", 2)]
    [InlineData("Console", 5)]
    [InlineData("LogLevel", 5)]
    public void Distance_TyposAndOtherSections_CountsEdits(string key, int edits)
    {
        Assert.Equal(edits, SectionSpelling.Distance(key.ToUpperInvariant(), "LOGUSTYLE"));
    }

    [Theory]
    [InlineData("Logging:LoguStlye:Sinks:c:Type", "Logging:LoguStlye: not read; LoguStyle reads Logging:LoguStyle. Did you mean 'LoguStyle'?")]
    [InlineData("Logging:LogStyle:Sinks:c:Type", "Logging:LogStyle: not read; LoguStyle reads Logging:LoguStyle. Did you mean 'LoguStyle'?")]
    [InlineData("LoguStyle:Sinks:c:Type", "the section 'LoguStyle' beside Logging, named like LoguStyle's, is not read; LoguStyle reads Logging:LoguStyle. Move it inside Logging as LoguStyle.")]
    [InlineData("LoguStlye:Sinks:c:Type", "the section 'LoguStlye' beside Logging, named like LoguStyle's, is not read; LoguStyle reads Logging:LoguStyle. Move it inside Logging as LoguStyle.")]
    [InlineData("Logging:Console:FormatterName", null)]
    [InlineData("Logging:LoguStyle:Sinks:c:Type", null)]
    public async Task StartUp_SectionLoguStyleNeverReads_OneWarningLineOnStderr(string key, string? warning)
    {
        using var warnings = new StringWriter();
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { [key] = key.EndsWith("Type", StringComparison.Ordinal) ? "Console" : "x" });
        builder.Logging.AddConfiguration(builder.Configuration.GetSection("Logging"));
        builder.Logging.AddLoguStyle(log => log.AddSink(static _ => { }, sink => sink.Name = "capture"));
        builder.Services.AddSingleton(new ConfigurationResults { WarningOutput = warnings });
        using var host = builder.Build();

        await host.StartAsync();
        await host.StopAsync();

        Assert.Equal(warning is null ? [] : ["LoguStyle: " + warning], warnings.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries));
    }
}
