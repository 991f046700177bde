using System.Text.RegularExpressions;

namespace LoguStyle.Hosting.Tests;

/// <summary>
/// docs/api.md ("Bind"), README ("Native AOT"): a Native AOT app that calls <c>Bind(object)</c> or
/// <c>Contextualize(object)</c> gets IL2026 at that call, and the generic overloads and the name/value forms get none.
/// A small app with <c>PublishAot</c> set (which turns on the trim and AOT analyzers, as in a user's project) is built
/// in a temp folder against the LoguStyle.dll (and MEL assemblies) these tests load, and the warnings the build prints are read with their lines.
/// </summary>
public sealed partial class TrimAnalyzerCallSiteTests : IDisposable
{
    private static readonly TimeSpan BuildTimeout = TimeSpan.FromMinutes(3);

    // Each line that must get IL2026 ends with the marker; no other line may get any trim or AOT warning.
    private const string Program = """
        using LoguStyle;
        using Microsoft.Extensions.Logging;
        using Microsoft.Extensions.Logging.Abstractions;

        ILogger logger = NullLogger.Instance;
        object boxed = new { OrderId = 7 };
        var order = new { OrderId = 7 };
        logger.Bind(boxed).LogInformation("object"); // expect IL2026
        using (logger.Contextualize(boxed)) // expect IL2026
        {
        }

        logger.Bind(order).LogInformation("generic");
        using (logger.Contextualize(order))
        {
        }

        logger.Bind(new Dictionary<string, object?> { ["OrderId"] = 7 }).LogInformation("dictionary");
        logger.Bind("OrderId", 7).LogInformation("pair");
        using (logger.Contextualize("OrderId", 7))
        {
        }
        """;

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task NativeAotApp_ObjectOverloads_WarnIL2026AtTheCall_GenericAndNameValueOverloadsDoNot()
    {
        File.WriteAllText(_folder.File("Program.cs"), Program);
        File.WriteAllText(_folder.File("Probe.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <ImplicitUsings>enable</ImplicitUsings>
                <Nullable>enable</Nullable>
                <PublishAot>true</PublishAot>
              </PropertyGroup>
              <ItemGroup>
                <Reference Include="{typeof(LoguruExtensions).Assembly.Location}" />
                <Reference Include="{typeof(Microsoft.Extensions.Logging.ILogger).Assembly.Location}" />
                <Reference Include="{typeof(Microsoft.Extensions.DependencyInjection.IServiceCollection).Assembly.Location}" />
              </ItemGroup>
            </Project>
            """);
        File.Copy(Path.Combine(RepositoryPaths.Root, "nuget.config"), _folder.File("nuget.config"));

        var build = await ProcessRun.StartAsync(
            "dotnet",
            ["build", _folder.File("Probe.csproj"), "-c", "Release", "--disable-build-servers", "-nodeReuse:false", "-p:TrimmerSingleWarn=false"],
            _folder.Path,
            new Dictionary<string, string?> { ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1", ["DOTNET_NOLOGO"] = "1" },
            BuildTimeout);

        var output = build.StandardOutput + build.StandardError;
        Assert.True(build.ExitCode == 0, output);
        var warned = TrimWarning().Matches(output).Select(m => (Line: int.Parse(m.Groups["line"].Value, System.Globalization.CultureInfo.InvariantCulture), Code: m.Groups["code"].Value)).Distinct().ToList();
        var expected = Program.Split('\n').Select((line, index) => (Line: index + 1, Text: line)).Where(l => l.Text.EndsWith("// expect IL2026", StringComparison.Ordinal)).Select(l => (l.Line, "IL2026")).ToList();
        Assert.Equal(2, expected.Count);
        Assert.True(warned.Order().SequenceEqual(expected.Order()), $"warnings at {string.Join(", ", warned)}; expected {string.Join(", ", expected)}:\n{output}");
    }

    [GeneratedRegex(@"Program\.cs\((?<line>\d+),\d+\): warning (?<code>IL[23]\d{3})\b")]
    private static partial Regex TrimWarning();
}
