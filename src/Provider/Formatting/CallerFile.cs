namespace LoguStyle.Formatting;

/// <summary>The file name of a caller's path, as <c>{file}</c> and the JSON <c>file</c> field write it.</summary>
internal static class CallerFile
{
    /// <summary>
    /// The part after the last <c>/</c> or <c>\</c>, without allocating: the compiler writes the path of the machine that
    /// built the code, which may be Windows' while the log is written on Linux (where <c>Path.GetFileName</c> would
    /// keep the whole Windows path).
    /// </summary>
    public static ReadOnlySpan<char> Name(string? path)
    {
        if (path is null)
        {
            return default;
        }

        return path.AsSpan(path.AsSpan().LastIndexOfAny('/', '\\') + 1);
    }
}
