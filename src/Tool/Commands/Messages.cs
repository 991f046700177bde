namespace LoguStyle.Tool.Commands;

/// <summary>What logu says on stderr besides argument problems.</summary>
internal static class Messages
{
    public static string NoFiles(string path) =>
        $"logu: no log files at '{path}' (neither the file nor a rotated or compressed file of it in '{Path.GetFullPath(Path.GetDirectoryName(path) is { Length: > 0 } directory ? directory : ".")}').";

    /// <summary>A damaged file is reported and the reading goes on, as LogFile.Read does.</summary>
    public static Action<string, Exception> Damaged(TextWriter errors) => (file, error) =>
        errors.WriteLine($"logu: could not read all of '{file}' ({error.GetType().Name}: {error.Message}); going on.");
}
