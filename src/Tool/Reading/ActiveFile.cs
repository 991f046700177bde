namespace LoguStyle.Tool.Reading;

/// <summary>
/// The file a sink writes now: the configured path itself, or for a path with <c>{time}</c> tokens the newest of its
/// files that is not an archive (a new name starts at each boundary).
/// </summary>
internal static class ActiveFile
{
    public static string? Resolve(string path)
    {
        if (!path.Contains('{', StringComparison.Ordinal))
        {
            return File.Exists(path) ? Path.GetFullPath(path) : null;
        }

        return LogFile.Files(path).LastOrDefault(file => !IsArchive(file));
    }

    public static bool IsArchive(string file) =>
        Path.GetExtension(file).ToUpperInvariant() is ".GZ" or ".ZIP" or ".BR";
}
