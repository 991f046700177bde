using System.Globalization;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using LoguStyle.Files;
using LoguStyle.Tests.Support;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace LoguStyle.Tests.Files;

/// <summary>
/// Property test of issue 13, item 1: for random sink paths and random folder contents, start-up recovery
/// (compression) and retention (keep none) remove every closed file the sink wrote and touch nothing else: not a file
/// whose name only looks like the sink's, not another sink's active file.
/// </summary>
public class SinkFileOwnershipPropertyTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 9, 10, 0, TimeSpan.Zero);

    private static readonly string[] Prefixes = ["app", "app_", "svc-", "app."];

    // Null: a path without a token. "": {time}. The others are fixed width, so a name one character longer or shorter,
    // or with a letter in the token, is certainly not the sink's.
    private static readonly string?[] Formats = [null, "", "yyyy-MM-dd", "yyyyMMdd", "yyyy-MM-dd_HH", "HH-mm"];
    private static readonly string[] Suffixes = ["", "_x"];
    private static readonly string[] Extensions = [".log", ".json", ".txt"];
    private static readonly string[] Archives = ["", ".gz", ".zip", ".br"];

    [Property(MaxTest = 80)]
    public Property RecoveryAndRetention_NeverTouchAFileOutsideTheSinksOwnSet() =>
        Prop.ForAll(Layouts().ToArbitrary(), layout =>
        {
            Check(layout);
            return true;
        });

    private static void Check(Layout layout)
    {
        using var folder = new TempFolder();
        var template = layout.Template;
        var activeName = template.Name(Now);
        var own = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in layout.Own)
        {
            own.Add(template.OwnName(file));
        }

        var foreign = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var file in layout.Foreign)
        {
            var name = template.ForeignName(file);
            if (!own.Contains(name) && name != activeName)
            {
                foreign[name] = "not the sink's: " + name + "\n";
            }
        }

        var options = new LoguStyleLoggerOptions
        {
            Sinks =
            {
                new FileSinkOptions(Path.Combine(folder.Path, template.Configured)) { Format = "{message}", Compression = "gz", Retention = 0 },
            },
        };
        var otherSinks = new List<string>();
        if (layout.ErrorsSink)
        {
            otherSinks.Add(template.Prefix + "errors" + template.Suffix + template.Extension);
        }

        if (layout.LookAlikeMinutes > 0 && template.Format is not null && template.Name(Now.AddMinutes(-layout.LookAlikeMinutes)) is var lookAlike && lookAlike != activeName)
        {
            // A fixed path that looks like one of the sink's own day files, written by another sink.
            otherSinks.Add(lookAlike);
        }

        foreach (var other in otherSinks.Distinct())
        {
            own.Remove(other);
            foreign.TryAdd(other, "another sink's file\n");
            options.Sinks.Add(new FileSinkOptions(Path.Combine(folder.Path, other)) { Format = "{message}", Level = LogLevel.Error });
        }

        own.Remove(activeName);
        foreach (var name in own)
        {
            File.WriteAllText(Path.Combine(folder.Path, name), "the sink's own\n");
        }

        foreach (var (name, content) in foreign)
        {
            File.WriteAllText(Path.Combine(folder.Path, name), content);
        }

        var time = new FakeTimeProvider(Now);
        time.SetLocalTimeZone(TimeZoneInfo.Utc);
        var errors = new StringWriter();
        using (var provider = new LoguStyleLoggerProvider(options, time, errors))
        {
            provider.CreateLogger("c").LogError("record");
        }

        Assert.True(errors.ToString().Length == 0, errors.ToString());
        var expected = foreign.Keys.Append(activeName).Distinct().Order(StringComparer.Ordinal);
        Assert.True(expected.SequenceEqual(LogFolder.Names(folder.Path)), $"expected {string.Join(", ", expected)}; found {string.Join(", ", LogFolder.Names(folder.Path))}");
        foreach (var (name, content) in foreign)
        {
            var now = File.ReadAllText(Path.Combine(folder.Path, name));
            Assert.True(now.StartsWith(content, StringComparison.Ordinal), $"{name} was changed: '{now}'");
        }
    }

    private static Gen<Layout> Layouts() =>
        from prefix in Gen.Choose(0, Prefixes.Length - 1)
        from format in Gen.Choose(0, Formats.Length - 1)
        from suffix in Gen.Choose(0, Suffixes.Length - 1)
        from extension in Gen.Choose(0, Extensions.Length - 1)
        from ownCount in Gen.Choose(0, 8)
        from own in Gen.ArrayOf(OwnFiles(), ownCount)
        from foreignCount in Gen.Choose(0, 10)
        from foreign in Gen.ArrayOf(ForeignFiles(), foreignCount)
        from errorsSink in Gen.Elements(true, false)
        from lookAlike in Gen.Frequency((1, Gen.Constant(0)), (2, Gen.Choose(1, 400 * 24 * 60)))
        select new Layout(
            // A path without a token needs something before its extension.
            new Template(Formats[format] is null && Prefixes[prefix] == "app." ? "app" : Prefixes[prefix], Formats[format], Suffixes[suffix], Extensions[extension]),
            own,
            foreign,
            errorsSink,
            lookAlike);

    private static Gen<OwnFile> OwnFiles() =>
        from minutes in Gen.Choose(1, 400 * 24 * 60)
        from closed in Gen.Elements(true, false)
        from stampMinutes in Gen.Choose(0, 400 * 24 * 60)
        from clash in Gen.Choose(1, 3)
        from archive in Gen.Choose(0, Archives.Length - 1)
        from part in Gen.Frequency((4, Gen.Constant(false)), (1, Gen.Constant(true)))
        select new OwnFile(minutes, closed, stampMinutes, clash, Archives[archive], part && archive > 0);

    private static Gen<ForeignFile> ForeignFiles() =>
        from kind in Gen.Choose(0, 7)
        from minutes in Gen.Choose(0, 400 * 24 * 60)
        from position in Gen.Choose(0, 1000)
        from word in Gen.Choose(1, 8).SelectMany(length => Gen.ArrayOf(Gen.Elements("abcdefghijklmnopqrstuvwxyz".ToCharArray()), length))
        select new ForeignFile(kind, minutes, position, new string(word));

    public sealed record Layout(Template Template, OwnFile[] Own, ForeignFile[] Foreign, bool ErrorsSink, int LookAlikeMinutes)
    {
        public override string ToString() =>
            $"{Template.Configured}; own [{string.Join(", ", Own.Select(Template.OwnName))}]; foreign [{string.Join(", ", Foreign.Select(Template.ForeignName))}]; errors sink {ErrorsSink}; look-alike {LookAlikeMinutes}";
    }

    public sealed record OwnFile(int Minutes, bool Closed, int StampMinutes, int Clash, string Archive, bool Part);

    public sealed record ForeignFile(int Kind, int Minutes, int Position, string Word);

    public sealed record Template(string Prefix, string? Format, string Suffix, string Extension)
    {
        private const string StampFormat = "yyyy-MM-dd_HH-mm-ss_ffffff";

        public string Configured => Prefix + Format switch
        {
            null => string.Empty,
            "" => "{time}",
            _ => "{time:" + Format + "}",
        } + Suffix + Extension;

        public string Token(DateTimeOffset time) => Format switch
        {
            null => string.Empty,
            "" => time.ToString(StampFormat, CultureInfo.InvariantCulture),
            _ => time.ToString(Format, CultureInfo.InvariantCulture),
        };

        public string Name(DateTimeOffset time) => Prefix + Token(time) + Suffix + Extension;

        /// <summary>A name the sink writes: an active name, or a closed one (stamped as every version so far stamps it), maybe archived.</summary>
        public string OwnName(OwnFile file)
        {
            var name = Name(Now.AddMinutes(-file.Minutes));
            // A path without a token archives only closed (stamped) names: app.log.gz is not the sink's.
            if (file.Closed || (Format is null && (file.Archive.Length > 0 || file.Part)))
            {
                var stamp = Now.AddMinutes(-file.StampMinutes).ToString(StampFormat, CultureInfo.InvariantCulture);
                name = name[..^Extension.Length] + "." + stamp + (file.Clash > 1 ? "." + file.Clash.ToString(CultureInfo.InvariantCulture) : string.Empty) + Extension;
            }

            return name + file.Archive + (file.Part ? ".part" : string.Empty);
        }

        /// <summary>The token of <paramref name="time"/>'s time of day on 31 November, where the 30th would be.</summary>
        private string NotADay(DateTimeOffset time)
        {
            var on30 = Token(new DateTimeOffset(2026, 11, 30, time.Hour, time.Minute, time.Second, time.Offset));
            var on29 = Token(new DateTimeOffset(2026, 11, 29, time.Hour, time.Minute, time.Second, time.Offset));
            var units = Enumerable.Range(0, on30.Length).Last(i => on30[i] != on29[i]);
            return on30[..units] + "1" + on30[(units + 1)..];
        }

        /// <summary>A name the sink never writes, built to look like one of its names.</summary>
        public string ForeignName(ForeignFile file)
        {
            var own = Name(Now.AddMinutes(-file.Minutes));
            var token = Token(Now.AddMinutes(-file.Minutes));
            var tokenAt = Prefix.Length;
            switch (file.Kind)
            {
                case 0:
                    // app_audit.log beside app_{time:yyyy-MM-dd}.log
                    return Prefix + file.Word + Suffix + Extension;
                case 1 when token.Length > 0:
                    // A letter inside the token.
                    return own.Insert(tokenAt + (file.Position % (token.Length + 1)), file.Word[..1]);
                case 2 when token.Length > 0:
                    // The token one character short.
                    return own.Remove(tokenAt + (file.Position % token.Length), 1);
                case 3:
                    // For a path without a token, also the active name gzipped by someone else.
                    return own + (Format is null && file.Position % 2 == 1 ? ".gz" : ".bak");
                case 4:
                    return "x" + own + (file.Position % 2 == 0 ? ".gz" : string.Empty);
                case 5:
                    // A closed-looking name whose stamp is one digit short.
                    return own[..^Extension.Length] + "." + Now.AddMinutes(-file.Minutes).ToString(StampFormat, CultureInfo.InvariantCulture)[..^1] + Extension + ".gz";
                case 6 when Format is not (null or "HH-mm"):
                    // A day that is not in the calendar (the 31st of November): each field's digits are in range, and
                    // still no format writes it.
                    return Prefix + NotADay(Now.AddMinutes(-file.Minutes)) + Suffix + Extension;
                default:
                    return Prefix + file.Word + Suffix + Extension + ".gz.part";
            }
        }
    }
}
