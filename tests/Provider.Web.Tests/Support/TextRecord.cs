using System.Text.RegularExpressions;

namespace LoguStyle.Web.Tests.Support;

/// <summary>
/// A record of a text file in the format <c>{time:HH:mm:ss.fff} | {level,-8} | {category} | {traceid} {spanid} | {message}</c>
/// (tests/Provider.WebBootstrapApp's), with the lines of its exception, which follow the record's line.
/// </summary>
internal sealed partial record TextRecord(string Level, string Category, string TraceId, string SpanId, string Message, List<string> Exception)
{
    public static List<TextRecord> Read(string path)
    {
        var records = new List<TextRecord>();
        foreach (var line in File.ReadAllLines(path))
        {
            if (Line().Match(line) is { Success: true } match)
            {
                records.Add(new TextRecord(match.Groups[1].Value, match.Groups[2].Value, match.Groups[3].Value, match.Groups[4].Value, match.Groups[5].Value, []));
            }
            else
            {
                Assert.True(records.Count > 0, $"{Path.GetFileName(path)} begins with a line that is no record: {line}");
                records[^1].Exception.Add(line);
            }
        }

        return records;
    }

    [GeneratedRegex(@"^\d\d:\d\d:\d\d\.\d{3} \| (\S+) *\| (\S+) \| (\S*) (\S*) \| (.*)$")]
    private static partial Regex Line();
}
