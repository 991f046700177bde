using System.IO.Compression;
using System.Reflection;
using System.Reflection.Metadata;
using System.Xml.Linq;
using LoguStyle.Hosting.Tests.Support;

namespace LoguStyle.Hosting.Tests;

/// <summary>
/// The packages as nuget.org would get them (issue 18.6; the LoguStyle.Tool dotnet tool's README and metadata too): <c>dotnet pack</c> of both projects into a temp folder
/// (its own artifacts path, so the repository's obj/bin stay untouched), then the .nupkg, the .snupkg, the nuspec's
/// metadata and dependency versions, the README and the PDB's document paths and SourceLink are read back.
/// </summary>
public class PackTests(PackedPackages packed) : IClassFixture<PackedPackages>
{
    private static readonly Guid SourceLinkKind = new("CC110556-A091-4D38-9FEC-25AB9A351A6A");

    [Theory]
    [InlineData("LoguStyle")]
    [InlineData("LoguStyle.Hosting")]
    public void Pack_WritesPackageAndSymbolPackage(string id)
    {
        Assert.True(File.Exists(packed.Nupkg(id)), packed.Output);
        Assert.True(File.Exists(packed.Snupkg(id)), packed.Output);
    }

    [Theory]
    [InlineData("LoguStyle")]
    [InlineData("LoguStyle.Hosting")]
    [InlineData("LoguStyle.Tool")]
    public void Nuspec_HasRepositoryAndProjectMetadata(string id)
    {
        var nuspec = ReadNuspec(id);
        string Value(string name) => nuspec.Descendants().Single(e => e.Name.LocalName == name).Value;

        Assert.Equal(id, Value("id"));
        Assert.Equal("LoguStyle contributors", Value("authors"));
        Assert.False(string.IsNullOrWhiteSpace(Value("description")));
        Assert.Contains("logging", Value("tags"), StringComparison.Ordinal);
        Assert.Equal("MIT", Value("license"));
        Assert.Equal("README.md", Value("readme"));
        Assert.StartsWith("https://github.com/", Value("projectUrl"), StringComparison.Ordinal);
        var repository = nuspec.Descendants().Single(e => e.Name.LocalName == "repository");
        Assert.Equal("git", (string?)repository.Attribute("type"));
        Assert.StartsWith("https://github.com/", (string?)repository.Attribute("url"), StringComparison.Ordinal);
        Assert.Matches("^[0-9a-f]{40}$", (string?)repository.Attribute("commit"));
    }

    [Theory]
    [InlineData("LoguStyle", "Microsoft.Extensions.Logging.Abstractions")]
    [InlineData("LoguStyle.Hosting", "Microsoft.Extensions.Logging")]
    [InlineData("LoguStyle.Hosting", "Microsoft.Extensions.Logging.Configuration")]
    [InlineData("LoguStyle.Hosting", "Microsoft.Extensions.Configuration.FileExtensions")]
    [InlineData("LoguStyle.Hosting", "Microsoft.Extensions.Options")]
    [InlineData("LoguStyle.Hosting", "Microsoft.Extensions.Hosting.Abstractions")]
    [InlineData("LoguStyle.Hosting", "Microsoft.Extensions.Hosting")]
    public void Nuspec_DependsOnLowestMicrosoftExtensionsRelease(string id, string dependency)
    {
        Assert.Equal("10.0.0", DependencyVersion(id, dependency));
    }

    [Fact]
    public void Nuspec_EngineDependsOnlyOnLoggingAbstractions()
    {
        // README.md's package table: the engine needs nothing but MEL's abstractions.
        var dependencies = ReadNuspec("LoguStyle").Descendants()
            .Where(e => e.Name.LocalName == "dependency")
            .Select(d => (string?)d.Attribute("id"))
            .Distinct();
        Assert.Equal(["Microsoft.Extensions.Logging.Abstractions"], dependencies);
    }

    // Hosting reaches engine internals through InternalsVisibleTo (docs/api.md, "The public surface"): a plain "0.1.0"
    // means ">= 0.1.0", so updating LoguStyle alone could break Hosting at run time. The range pins the exact version.
    [Fact]
    public void Nuspec_HostingDependsOnExactlyTheEngineOfSameVersion()
    {
        var version = ReadNuspec("LoguStyle").Descendants().Single(e => e.Name.LocalName == "version").Value;
        Assert.Equal($"[{version}]", DependencyVersion("LoguStyle.Hosting", "LoguStyle"));
    }

    /// <summary>
    /// Every local pack has one version (Directory.Build.props): NuGet extracts a version into its global packages
    /// folder once and never reads a source for it again, so a consumer that restored an earlier pack keeps its DLL
    /// (outside re-test of issue 18). README's "Packing locally" gives the command that removes the packages from the
    /// cache; run here as written, against a cache of the test's own (NUGET_PACKAGES), so the machine's is untouched.
    /// </summary>
    [Fact]
    public async Task LocalFolder_RestoreAfterARepackOfTheSameVersion_KeepsTheCachedDll_UntilReadmesCommandRemovesIt()
    {
        const string ClearCommand = """cache=$(dotnet nuget locals global-packages --list | sed 's/^global-packages: //') && rm -rf "$cache/logustyle" "$cache/logustyle.hosting" "$cache/logustyle.tool" """;
        Assert.Contains(ClearCommand.Trim(), File.ReadAllText(Path.Combine(RepositoryPaths.Root, "README.md")), StringComparison.Ordinal);

        using var folder = new TempFolder();
        var cache = folder.File("nuget-packages");
        File.WriteAllText(folder.File("nuget.config"), $"""
            <configuration>
              <packageSources>
                <clear />
                <add key="packed" value="{packed.Folder}" />
                <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
              </packageSources>
            </configuration>
            """);
        File.WriteAllText(folder.File("Consumer.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup><TargetFramework>net10.0</TargetFramework></PropertyGroup>
              <ItemGroup><PackageReference Include="LoguStyle" Version="{PackedPackages.Version}" /></ItemGroup>
            </Project>
            """);
        var environment = new Dictionary<string, string?> { ["NUGET_PACKAGES"] = cache, ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1", ["DOTNET_NOLOGO"] = "1" };
        var cached = Path.Combine(cache, "logustyle", PackedPackages.Version, "lib", "net10.0", "LoguStyle.dll");
        byte[] packedDll;
        using (var zip = ZipFile.OpenRead(packed.Nupkg("LoguStyle")))
        using (var stream = new MemoryStream())
        {
            zip.GetEntry("lib/net10.0/LoguStyle.dll")!.Open().CopyTo(stream);
            packedDll = stream.ToArray();
        }

        async Task Run(string file, params string[] arguments)
        {
            var run = await ProcessRun.StartAsync(file, arguments, folder.Path, environment, TimeSpan.FromMinutes(3));
            Assert.True(run.ExitCode == 0, $"{file} {string.Join(' ', arguments)}: {run.StandardOutput}{run.StandardError}");
        }

        await Run("dotnet", "restore", "--force");
        Assert.Equal(packedDll, File.ReadAllBytes(cached));

        // An earlier pack's DLL of the same version, as a machine that restored that pack has it: a restore keeps it.
        File.WriteAllBytes(cached, [.. packedDll, 0]);
        await Run("dotnet", "restore", "--force");
        Assert.NotEqual(packedDll, File.ReadAllBytes(cached));

        await Run("bash", "-c", ClearCommand);
        Assert.False(Directory.Exists(Path.Combine(cache, "logustyle")));
        await Run("dotnet", "restore", "--force");
        Assert.Equal(packedDll, File.ReadAllBytes(cached));
    }

    [Fact]
    public void Nuspec_ListsNoMicrosoftExtensionsPatchRelease()
    {
        var versions = new[] { "LoguStyle", "LoguStyle.Hosting" }
            .SelectMany(id => ReadNuspec(id).Descendants().Where(e => e.Name.LocalName == "dependency"))
            .Where(d => ((string?)d.Attribute("id"))!.StartsWith("Microsoft.Extensions.", StringComparison.Ordinal))
            .Select(d => $"{(string?)d.Attribute("id")} {(string?)d.Attribute("version")}")
            .ToList();
        Assert.NotEmpty(versions);
        Assert.All(versions, v => Assert.EndsWith(" 10.0.0", v, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("LoguStyle", "AddLoguStyle")]
    [InlineData("LoguStyle.Hosting", "AddLoguStyle")]
    [InlineData("LoguStyle.Tool", "dotnet tool install")]
    public void Package_HasReadmeWithAbsoluteLinksOnly(string id, string shows)
    {
        using var zip = ZipFile.OpenRead(packed.Nupkg(id));
        var entry = zip.GetEntry("README.md");
        Assert.True(entry is not null, $"{id} has no README.md: {string.Join(", ", zip.Entries.Select(e => e.FullName).Where(n => !n.Contains('/', StringComparison.Ordinal)))}");
        using var reader = new StreamReader(entry.Open());
        var readme = reader.ReadToEnd();
        Assert.Contains(shows, readme, StringComparison.Ordinal);

        // A relative link (](docs/...)) resolves against nuget.org, where it does not exist.
        var links = System.Text.RegularExpressions.Regex.Matches(readme, @"\]\(([^)]*)\)").Select(m => m.Groups[1].Value).ToList();
        Assert.NotEmpty(links);
        Assert.All(links, link => Assert.StartsWith("https://", link, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("LoguStyle")]
    [InlineData("LoguStyle.Hosting")]
    public void SymbolPackage_PdbHasDeterministicPathsAndSourceLink(string id)
    {
        using var zip = ZipFile.OpenRead(packed.Snupkg(id));
        var entry = zip.Entries.Single(e => e.FullName == $"lib/net10.0/{id}.pdb");
        using var pdb = new MemoryStream();
        using (var stream = entry.Open())
        {
            stream.CopyTo(pdb);
        }

        pdb.Position = 0;
        using var provider = MetadataReaderProvider.FromPortablePdbStream(pdb);
        var reader = provider.GetMetadataReader();
        var documents = reader.Documents.Select(h => reader.GetString(reader.GetDocument(h).Name)).ToList();

        Assert.NotEmpty(documents);
        Assert.DoesNotContain(documents, d => d.Contains(RepositoryPaths.Root, StringComparison.Ordinal));
        Assert.DoesNotContain(documents, d => d.Contains(Path.GetTempPath(), StringComparison.Ordinal));
        Assert.Contains(documents, d => d.StartsWith("/_/src/", StringComparison.Ordinal));
        // /_/ is the repository, /_1/ obj's generated sources (an artifacts path can put obj outside the repository).
        Assert.All(documents, d => Assert.Matches("^/_[0-9]*/", d));

        var sourceLink = reader.CustomDebugInformation
            .Select(reader.GetCustomDebugInformation)
            .Where(c => reader.GetGuid(c.Kind) == SourceLinkKind)
            .Select(c => System.Text.Encoding.UTF8.GetString(reader.GetBlobBytes(c.Value)))
            .SingleOrDefault();
        Assert.NotNull(sourceLink);
        Assert.Contains("\"/_/*\":\"https://raw.githubusercontent.com/", sourceLink, StringComparison.Ordinal);
    }

    // The shipped XML docs are IntelliSense's: the public surface only. The compiler documents every member, internal
    // types and test hooks included (issue 16: 236 types in LoguStyle.xml, 41 of them public).
    [Theory]
    [InlineData("LoguStyle")]
    [InlineData("LoguStyle.Hosting")]
    public void Package_XmlDocs_DocumentThePublicSurfaceOnly(string id)
    {
        using var zip = ZipFile.OpenRead(packed.Nupkg(id));
        using var stream = zip.GetEntry($"lib/net10.0/{id}.xml")!.Open();
        var names = XElement.Load(stream).Descendants("member").Select(m => (string)m.Attribute("name")!).ToList();
        var assembly = id == "LoguStyle" ? typeof(LoguStyleLoggerProvider).Assembly : typeof(LoguStyleBuilder).Assembly;
        var types = assembly.GetExportedTypes().ToDictionary(t => t.FullName!.Replace('+', '.'), StringComparer.Ordinal);
        var visible = types.Values.SelectMany(type => type
                .GetMembers(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly)
                .Where(IsVisible)
                .Select(member => $"{type.FullName!.Replace('+', '.')}.{member.Name.Replace('.', '#')}"))
            .ToHashSet(StringComparer.Ordinal);

        Assert.All(types.Keys, type => Assert.Contains("T:" + type, names));
        var internalTypes = names.Where(name => name.StartsWith("T:", StringComparison.Ordinal) && !types.ContainsKey(name[2..])).ToList();
        Assert.Empty(internalTypes);
        // A member by its type and name (the overloads of a name share it): "M:LoguStyle.Rotation.Parse(System.String)".
        var internalMembers = names.Where(name => !name.StartsWith("T:", StringComparison.Ordinal) && !visible.Contains(MemberKey(name))).ToList();
        Assert.Empty(internalMembers);
    }

    private static bool IsVisible(MemberInfo member) => member switch
    {
        MethodBase method => method.IsPublic || method.IsFamily || method.IsFamilyOrAssembly,
        FieldInfo field => field.IsPublic || field.IsFamily || field.IsFamilyOrAssembly,
        PropertyInfo property => property.GetAccessors(nonPublic: true).Any(IsVisible),
        EventInfo @event => @event.AddMethod is { } add && IsVisible(add),
        _ => false,
    };

    /// <summary>A documentation id without its kind, parameters and generic arity: the declaring type and the name.</summary>
    private static string MemberKey(string name)
    {
        var key = name[2..].Split('(')[0];
        var arity = key.IndexOf("``", StringComparison.Ordinal);
        return arity < 0 ? key : key[..arity];
    }

    private XElement ReadNuspec(string id)
    {
        using var zip = ZipFile.OpenRead(packed.Nupkg(id));
        using var stream = zip.GetEntry($"{id}.nuspec")!.Open();
        return XElement.Load(stream);
    }

    private string? DependencyVersion(string id, string dependency) =>
        (string?)ReadNuspec(id).Descendants()
            .Single(e => e.Name.LocalName == "dependency" && (string?)e.Attribute("id") == dependency)
            .Attribute("version");
}
