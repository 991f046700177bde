using System.Globalization;

namespace LoguStyle.InProcessAb;

/// <summary>
/// The harness's arguments: <c>&lt;A folder&gt; &lt;B folder&gt; [calls per slice] [slices] [scenarios] [modes]
/// [warm-up seconds]</c>, and two environment variables: LOGUSTYLE_AB_OUT (where the files and slices.tsv go, default
/// /tmp/logustyle-ab/inprocess) and LOGUSTYLE_AB_KEEP=1 (keep the log files, which are otherwise deleted once they
/// compare equal). LOGUSTYLE_AB_FORMAT_B gives build B another layout, only to see the output check stop a run.
/// </summary>
internal sealed record Settings(
    string FolderA,
    string FolderB,
    int CallsPerSlice,
    int Slices,
    IReadOnlyList<Scenario> Scenarios,
    IReadOnlyList<bool> Enqueue,
    TimeSpan WarmUp,
    string OutputFolder,
    bool KeepFiles,
    string? FormatB)
{
    public const string Usage = """
        LoguStyle.InProcessAb <A folder> <B folder> [calls per slice] [slices] [scenarios] [modes] [warm-up seconds]

        A and B are folders of built LoguStyle.dll and LoguStyle.Hosting.dll (src/Provider.Hosting/bin/Release/net10.0);
        benchmarks/ab-inprocess.sh builds them from two commits. Defaults: 200000 calls, 40 slices,
        Template,LoggerMessage,Threads,Disabled, direct,enqueued, 2 s. Ratios are B/A.
        LOGUSTYLE_AB_OUT: folder for the log files and slices.tsv (default /tmp/logustyle-ab/inprocess);
        LOGUSTYLE_AB_KEEP=1 keeps the log files; LOGUSTYLE_AB_FORMAT_B gives B another layout (to see the output
        check stop the run with exit code 3).

        LoguStyle.InProcessAb one <folder> <scenario> <direct|enqueued> <slices> [calls per slice]
        runs one build's slices (each ended by the flush) with no clock and no second build, for a counter outside
        the process (perf stat, perf record); the difference of two runs' counts over their calls is the cost per call.
        """;

    public static Settings? Parse(string[] args)
    {
        if (args.Length < 2 || args.Length > 7)
        {
            return null;
        }

        string Arg(int index, string fallback) => args.Length > index ? args[index] : fallback;
        return new Settings(
            args[0],
            args[1],
            int.Parse(Arg(2, "200000"), CultureInfo.InvariantCulture),
            int.Parse(Arg(3, "40"), CultureInfo.InvariantCulture),
            [.. Arg(4, "Template,LoggerMessage,Threads,Disabled").Split(',').Select(s => Enum.Parse<Scenario>(s, ignoreCase: true))],
            [.. Arg(5, "direct,enqueued").Split(',').Select(Mode)],
            TimeSpan.FromSeconds(double.Parse(Arg(6, "2"), CultureInfo.InvariantCulture)),
            Environment.GetEnvironmentVariable("LOGUSTYLE_AB_OUT") is { Length: > 0 } output ? output : "/tmp/logustyle-ab/inprocess",
            Environment.GetEnvironmentVariable("LOGUSTYLE_AB_KEEP") == "1",
            Environment.GetEnvironmentVariable("LOGUSTYLE_AB_FORMAT_B") is { Length: > 0 } format ? format : null);
    }

    public static bool Mode(string mode) => mode switch
    {
        "direct" => false,
        "enqueued" => true,
        _ => throw new ArgumentException($"mode '{mode}': expected direct or enqueued", nameof(mode)),
    };
}
