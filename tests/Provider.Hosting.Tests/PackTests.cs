using System.IO.Compression;
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

    [Fact]
    public void Nuspec_HostingDependsOnEngineOfSameVersion()
    {
        var version = ReadNuspec("LoguStyle").Descendants().Single(e => e.Name.LocalName == "version").Value;
        Assert.Equal(version, DependencyVersion("LoguStyle.Hosting", "LoguStyle"));
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
