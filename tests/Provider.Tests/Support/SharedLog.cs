using System.Globalization;
using System.Text.RegularExpressions;

namespace LoguStyle.Tests.Support;

/// <summary>
/// Reads back a folder written by several processes of tests/Provider.TestApp in shared mode (records
/// "&lt;tag&gt; &lt;index&gt; xxxx...") and checks that nothing was lost, duplicated, torn or reordered.
/// </summary>
internal static partial class SharedLog
{
    /// <summary>The log files, oldest first (closed files by their start stamp and clash number, the active file last).</summary>
    public static List<SharedLogFile> ReadInOrder(string folder) =>
    [
        .. LogFolder.Files(folder)
            .Select(path =>
            {
                var name = Path.GetFileName(path);
                var text = LogFolder.Read(path);
                var stamp = Stamp().Match(name);
                DateTime? started = stamp.Success
                    ? DateTime.ParseExact(stamp.Groups["stamp"].Value, "yyyy-MM-dd_HH-mm-ss_ffffff", CultureInfo.InvariantCulture) - Offset(stamp.Groups["offset"].Value)
                    : null;
                var clash = stamp.Groups["clash"].Success ? int.Parse(stamp.Groups["clash"].Value, CultureInfo.InvariantCulture) : 1;
                return new SharedLogFile(name, started, clash, System.Text.Encoding.UTF8.GetByteCount(text), text.Split('\n'));
            })
            .OrderBy(f => f.Started ?? DateTime.MaxValue)
            .ThenBy(f => f.Clash),
    ];

    /// <summary>
    /// Every line is a whole record; each tag's records appear as 0, 1, 2, ... in file order, exactly
    /// <paramref name="expected"/>[tag] of them (or any gap-free prefix for <paramref name="prefixOnly"/>).
    /// </summary>
    /// <returns>How many records of each tag were found.</returns>
    public static Dictionary<string, int> AssertEveryRecordOnceInOrder(List<SharedLogFile> files, Dictionary<string, int> expected, string? prefixOnly = null)
    {
        var next = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            Assert.True(file.Lines[^1].Length == 0, $"{file.Name} does not end with a whole line: '{file.Lines[^1]}'");
            foreach (var line in file.Lines.SkipLast(1))
            {
                var record = Record().Match(line);
                Assert.True(record.Success, $"{file.Name}: torn or foreign line '{line}'");
                var tag = record.Groups["tag"].Value;
                var index = int.Parse(record.Groups["index"].Value, CultureInfo.InvariantCulture);
                var wanted = next.GetValueOrDefault(tag);
                Assert.True(index == wanted, $"{file.Name}: process {tag} record {index} where {wanted} was due (lost, duplicated or reordered)");
                next[tag] = index + 1;
            }
        }

        foreach (var (tag, count) in expected)
        {
            Assert.Equal((tag, count), (tag, next.GetValueOrDefault(tag)));
        }

        Assert.All(next.Keys, tag => Assert.True(expected.ContainsKey(tag) || tag == prefixOnly, $"unexpected writer {tag}"));
        return next;
    }

    [GeneratedRegex(@"^(?<tag>[A-Z]) (?<index>\d+) x{60}$")]
    private static partial Regex Record();

    /// <summary>The offset a stamp carries (<c>+0100</c>), or none for names without one.</summary>
    private static TimeSpan Offset(string text) => text.Length == 0
        ? TimeSpan.Zero
        : (text[0] == '-' ? -1 : 1) * new TimeSpan(int.Parse(text[1..3], CultureInfo.InvariantCulture), int.Parse(text[3..5], CultureInfo.InvariantCulture), 0);

    [GeneratedRegex(@"\.(?<stamp>\d{4}-\d{2}-\d{2}_\d{2}-\d{2}-\d{2}_\d{6})(?<offset>[+-]\d{4})?(\.(?<clash>\d+))?\.log")]
    private static partial Regex Stamp();
}
