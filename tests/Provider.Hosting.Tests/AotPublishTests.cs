using System.IO.Compression;
using System.Text;
using System.Text.Json;
using LoguStyle.Hosting.Tests.Support;

namespace LoguStyle.Hosting.Tests;

/// <summary>
/// LoguStyle in a Native AOT binary (tests/Provider.AotApp, published once by <see cref="AotAppRun"/>): the publish
/// prints no trim or AOT warning; appsettings.json configures the sinks; a bound anonymous object, a scope and a
/// contextualized object reach text and JSON; the exception reads without native offsets, in text and in every JSON
/// format (AotPublishTests.Exceptions.cs); files rotate and compress;
/// SIGTERM flushes every record (docs/reliability.md, README "Native AOT").
/// </summary>
public partial class AotPublishTests(AotAppRun run) : IClassFixture<AotAppRun>
{
    [Fact]
    public void Publish_PrintsNoTrimOrAotWarning()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        Assert.True(run.TrimWarnings.Count == 0, string.Join(Environment.NewLine, run.TrimWarnings));
    }

    [Fact]
    public void SigTerm_StopsTheHostCleanly_EveryRecordIsInTheFiles()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        Assert.True(run.ExitCode == 0, $"exit code {run.ExitCode}; stderr: {run.StandardError}");
        Assert.Equal(string.Empty, run.StandardError.Trim());
        foreach (var lines in new[] { TextLines(), JsonLines() })
        {
            var packed = lines.Where(l => l.Contains("packed", StringComparison.Ordinal)).ToList();
            Assert.Equal(60, packed.Count);
            Assert.Equal(60, Enumerable.Range(0, 60).Count(i => packed.Exists(l => l.Contains($"Order line {i} packed", StringComparison.Ordinal))));
        }
    }

    [Fact]
    public void Files_RotateBySize_AndEveryArchiveIsAGzipThatOpens()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        Assert.NotEmpty(Directory.GetFiles(run.Logs, "app.*.log.gz"));
        Assert.NotEmpty(Directory.GetFiles(run.Logs, "app.*.json.gz"));
        Assert.DoesNotContain(Directory.GetFiles(run.Logs), f => !f.EndsWith(".gz", StringComparison.Ordinal) && Path.GetFileName(f) is not ("app.log" or "app.json" or "caller.log"));
    }

    [Fact]
    public void BindAndContextualize_WithAnonymousObjects_AreInTextConsoleAndJson()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        Assert.Contains("INF OrderId=7 Tenant=north [Request r-42 => Tenant=north => OrderId=7] Order line 0 packed", TextLines());
        Assert.Contains("INF 7 north [Request r-42 => Tenant=north => OrderId=7] Order line 0 packed", run.StandardOutput);

        using var json = JsonDocument.Parse(JsonLines().First(l => l.Contains("Order line 0 packed", StringComparison.Ordinal)));
        var scopes = json.RootElement.GetProperty("scopes").EnumerateArray().ToList();
        Assert.Equal("r-42", scopes[0].GetProperty("RequestId").GetString());
        Assert.Equal("north", scopes[1].GetProperty("Tenant").GetString());
        Assert.Equal(7, scopes[2].GetProperty("OrderId").GetInt32());
    }

    [Fact]
    public void Bind_ANestedRecordWithAClassifiedMember_UnderNativeAot_IsAMarkerNamingItsType_NeverItsToString()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        // Native AOT keeps no metadata of the nested record (Bind<T>'s annotation covers T only), so the walk cannot
        // read it; its ToString would print the classified member (docs/api.md, Bind).
        const string Marker = "<Customer: no member readable under Native AOT>";
        Assert.DoesNotContain(TextLines().Concat(run.StandardOutput).Concat(JsonLines()), l => l.Contains("aot-secret", StringComparison.Ordinal));
        Assert.Contains(TextLines(), l => l.Contains("[Customer=" + Marker + "] Customer bound", StringComparison.Ordinal));
        using var json = JsonDocument.Parse(JsonLines().Single(l => l.Contains("Customer bound", StringComparison.Ordinal)));
        Assert.Equal(Marker, json.RootElement.GetProperty("scopes").EnumerateArray().Last().GetProperty("Customer").GetString());
    }

    [Fact]
    public void Bind_CollectionsOfRecordsWithClassifiedMembers_UnderNativeAot_AreWrittenRedacted_InTextAndJson()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        // A list, an array and a dictionary of a record with a classified member, and a list of a class whose classified
        // member is a field: each item is walked (or is the marker naming its type), never its ToString.
        AssertNoSecret();
        var text = TextLines().Single(l => l.EndsWith("] Patients bound", StringComparison.Ordinal));
        Assert.True(text == PatientsText, text);
        using var json = JsonDocument.Parse(JsonLines().Single(l => l.Contains("Patients bound", StringComparison.Ordinal)));
        var bound = json.RootElement.GetProperty("scopes").EnumerateArray().Last().GetRawText();
        Assert.True(bound == PatientsJson, bound);
    }

    [Fact]
    public void Bind_AnObjectWhoseClassifiedMemberIsAField_UnderNativeAot_BindsItsMarker()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        // Bind<T>'s annotation keeps T's public fields, so the field and its classification are there to read.
        AssertNoSecret();
        Assert.Contains("INF OrderId= Tenant= [Id=5, Pin=<redacted: Sensitive>] Badge bound", TextLines());
        using var json = JsonDocument.Parse(JsonLines().Single(l => l.Contains("Badge bound", StringComparison.Ordinal)));
        var bound = json.RootElement.GetProperty("scopes").EnumerateArray().Last().GetRawText();
        Assert.True(bound == """{"Id":5,"Pin":"<redacted: Sensitive>"}""", bound);
    }

    [Fact]
    public void Bind_HoldersOfARecordWithAClassifiedMember_UnderNativeAot_AreWalked_AndMarkersNameTheTypeWithoutArity()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        // A tuple is read through ITuple (no reflection) and a dictionary's key is walked as its value is: the record in
        // each is its marker, never its ToString (outside20e D4); a generic type's marker has no `1 (D8).
        AssertNoSecret();
        var text = TextLines().Single(l => l.EndsWith("] Holders bound", StringComparison.Ordinal));
        Assert.Contains("Pair=(<Patient: no member readable under Native AOT>, 1)", text, StringComparison.Ordinal);
        Assert.Contains("Keys={ <Patient: no member readable under Native AOT> = 1 }", text, StringComparison.Ordinal);
        Assert.Contains("Wrapped=<Wrapped: no member readable under Native AOT>", text, StringComparison.Ordinal);
        Assert.DoesNotContain("`", text, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(JsonLines().Single(l => l.Contains("Holders bound", StringComparison.Ordinal)));
        var bound = json.RootElement.GetProperty("scopes").EnumerateArray().Last().GetRawText();
        Assert.Contains("""
            "Pair":{"Item1":"<Patient: no member readable under Native AOT>","Item2":1}
            """, bound, StringComparison.Ordinal);
        Assert.Contains("""
            "Keys":{"<Patient: no member readable under Native AOT>":1}
            """, bound, StringComparison.Ordinal);
        Assert.DoesNotContain("`", bound, StringComparison.Ordinal);
    }

    [Fact]
    public void CallerInfoStackTrace_UnderNativeAot_NamesTheMethod_WithoutFileOrLine()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        // A Native AOT binary has the method's name (the runtime's stack trace data) but no PDB: file and line are empty.
        Assert.Contains("Ship|||Shipped order 7", File.ReadAllLines(Path.Combine(run.Logs, "caller.log")));
    }

    [Fact]
    public void Exception_ReadsWithoutNativeOffsetsOrStateMachineNames()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        foreach (var text in new[] { string.Join('\n', TextLines()), string.Join('\n', run.StandardOutput) })
        {
            Assert.Contains("System.InvalidOperationException: Payment provider refused order 7\n   at Checkout.Pay(Int32)\n   at Program.<Main>$(...)\n", text, StringComparison.Ordinal);
            Assert.Contains(" ---> System.TimeoutException: The card service did not answer for order 7\n   at Checkout.Charge(Int32)\n   at Checkout.Pay(Int32)", text, StringComparison.Ordinal);
            Assert.DoesNotContain(" + 0x", text, StringComparison.Ordinal);
            Assert.DoesNotContain("MoveNext", text, StringComparison.Ordinal);
        }

        using var json = JsonDocument.Parse(JsonLines().Single(l => l.Contains("\"message\":\"Payment failed for order 7\"", StringComparison.Ordinal)));
        var exception = json.RootElement.GetProperty("exception");
        Assert.Equal("System.InvalidOperationException", exception.GetProperty("type").GetString());
        Assert.Equal("Payment provider refused order 7", exception.GetProperty("message").GetString());
        Assert.Contains("Checkout.Pay(Int32)", exception.GetProperty("stack").GetString(), StringComparison.Ordinal);
        Assert.Equal("System.TimeoutException", exception.GetProperty("inner").GetProperty("type").GetString());
    }

    // Patient is nested only, so Native AOT keeps none of its members: the marker. Badge is also bound itself, so
    // Bind<Badge> kept its fields and the walk reads them. A list bound at the top reads "a, b" in text.
    private const string PatientsText = "INF OrderId= Tenant= [Patients=<Patient: no member readable under Native AOT>, Beds=<Patient: no member readable under Native AOT>, "
        + "Wards={ north = <Patient: no member readable under Native AOT> }, Badges=Badge { Id = 4, Pin = <redacted: Sensitive> }] Patients bound";

    private const string PatientsJson =
        """{"Patients":["<Patient: no member readable under Native AOT>"],"Beds":["<Patient: no member readable under Native AOT>"],"Wards":{"north":"<Patient: no member readable under Native AOT>"},"Badges":[{"Id":4,"Pin":"<redacted: Sensitive>"}]}""";

    // No secret of the app (all start "aot-") in the text and JSON files, archives included, or on the console.
    private void AssertNoSecret()
    {
        foreach (var line in TextLines().Concat(JsonLines()).Concat(run.StandardOutput))
        {
            Assert.False(line.Contains("secret", StringComparison.Ordinal), line);
        }
    }

    /// <summary>Every line of the text sink: the archives (oldest first, by their stamped names) and then the active file.</summary>
    private List<string> TextLines() => Lines("app.*.log.gz", "app.log");

    private List<string> JsonLines() => Lines("app.*.json.gz", "app.json");

    private List<string> Lines(string archives, string active)
    {
        var lines = new List<string>();
        foreach (var archive in Directory.GetFiles(run.Logs, archives).Order(StringComparer.Ordinal))
        {
            using var gzip = new GZipStream(File.OpenRead(archive), CompressionMode.Decompress);
            using var reader = new StreamReader(gzip, Encoding.UTF8);
            lines.AddRange(reader.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries));
        }

        lines.AddRange(File.ReadAllLines(Path.Combine(run.Logs, active)));
        return lines;
    }
}
