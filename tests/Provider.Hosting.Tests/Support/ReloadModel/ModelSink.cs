using Microsoft.Extensions.Logging;

namespace LoguStyle.Hosting.Tests.Support.ReloadModel;

/// <summary>
/// One sink as the reload model sees it: the keys a configuration gives it (null: the key is left out), and what a
/// fresh start makes of them. The code sinks are <c>capture</c> (a record delegate) and <c>main</c> (a file written
/// with <c>{message}</c>); <c>a</c> and <c>b</c> exist only in configuration, as File sinks.
/// </summary>
internal sealed record ModelSink(string Name, LogLevel? Level, IReadOnlyList<KeyValuePair<string, LogLevel>>? Filter, string? Format, bool? Enqueue)
{
    public static readonly string[] CodeSinks = ["capture", "main"];

    public static readonly string[] ConfiguredSinks = ["a", "b"];

    public bool InCode => CodeSinks.Contains(Name);

    /// <summary>The file the sink writes in <paramref name="folder"/>; null for the delegate sink.</summary>
    public string? FileIn(string folder) => Name == "capture" ? null : Path.Combine(folder, Name + ".log");

    /// <summary>The lowest level the sink writes for a category: its Level (code's Trace by default) and its filter, both.</summary>
    public LogLevel MinLevelFor(string category)
    {
        var level = Level ?? LogLevel.Trace;
        var filtered = LogLevel.Trace;
        var longest = -1;
        foreach (var (key, prefixLevel) in Filter ?? [])
        {
            // "Default" is the default rule, as "" is.
            var prefix = key == "Default" ? string.Empty : key;
            var matches = prefix.Length == 0 || category == prefix || category.StartsWith(prefix + ".", StringComparison.Ordinal);
            if (matches && prefix.Length > longest)
            {
                (longest, filtered) = (prefix.Length, prefixLevel);
            }
        }

        return filtered > level ? filtered : level;
    }

    public bool Accepts(string category, LogLevel level) => level >= MinLevelFor(category);

    /// <summary>The sink's keys as JSON members, in the order written (a mutation may change them before writing).</summary>
    public List<KeyValuePair<string, string>> Members(string folder)
    {
        var members = new List<KeyValuePair<string, string>>();
        if (!InCode)
        {
            members.Add(new("Type", Json.Text("File")));
            members.Add(new("Path", Json.Text(FileIn(folder)!)));
        }

        if (Level is { } level)
        {
            members.Add(new("Level", Json.Text(level.ToString())));
        }

        if (Filter is { } filter)
        {
            members.Add(new("Filter", Json.Object(filter.Select(rule => new KeyValuePair<string, string>(rule.Key, Json.Text(rule.Value.ToString()))))));
        }

        if (Format is { } format)
        {
            members.Add(new("Format", Json.Text(format)));
        }

        if (Enqueue is { } enqueue)
        {
            members.Add(new("Enqueue", enqueue ? "true" : "false"));
        }

        return members;
    }
}
