using System.Runtime.InteropServices;
using System.Text.Json;

namespace LoguStyle.SideBySide.Results;

/// <summary>Where the results go (docs/benchmarks/) and how they are read and written.</summary>
internal static class ResultFiles
{
    public const string Throughput = "throughput";
    public const string Paced = "paced";
    public const string Slow = "slow";

    private static readonly JsonSerializerOptions Options = new() { WriteIndented = true };

    /// <summary>docs/benchmarks/, or the folder in LOGUSTYLE_BENCH_RESULTS (the runner's own tests write there).</summary>
    public static string Folder => Environment.GetEnvironmentVariable("LOGUSTYLE_BENCH_RESULTS") is { Length: > 0 } folder
        ? folder
        : System.IO.Path.Combine(FindRoot(), "docs", "benchmarks");

    public static string Machine =>
        $"{Environment.ProcessorCount} cores, {GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1L << 30)} GiB, {RuntimeInformation.OSDescription}, .NET {Environment.Version}";

    public static string Path(string name, string extension) => System.IO.Path.Combine(Folder, $"{name}.{extension}");

    public static void Write<T>(string name, RunFile<T> file)
    {
        Directory.CreateDirectory(Folder);
        File.WriteAllText(Path(name, "json"), JsonSerializer.Serialize(file, Options));
    }

    public static RunFile<T>? Read<T>(string name) =>
        File.Exists(Path(name, "json")) ? JsonSerializer.Deserialize<RunFile<T>>(File.ReadAllText(Path(name, "json")), Options) : null;

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "Provider.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Provider.sln not found");
    }
}
