using System.Globalization;
using LoguStyle.Files.Shared;

namespace LoguStyle.Files;

/// <summary>
/// Keeps when the active file was started, so time rotation survives restarts: a file started before the last boundary
/// is rotated at start-up. Kept where Loguru keeps it when the file system allows: on the file itself, in the extended
/// attribute <c>user.logustyle.started</c> (Linux), which travels with the file when it is renamed and leaves nothing
/// beside it; elsewhere in a small hidden sidecar (<c>.app.log.started</c>). File systems do not agree on a creation
/// time (Linux often has none that .NET can set), and either place follows the injected clock in tests. Only sinks
/// whose rotation reads the start time (a clock, an interval or a predicate) keep it.
/// </summary>
internal static class StartTimeStore
{
    /// <summary>The extended attribute that holds the start time.</summary>
    public const string AttributeName = "user.logustyle.started";

    public static string SidecarOf(string activePath) =>
        Path.Combine(Path.GetDirectoryName(activePath)!, "." + Path.GetFileName(activePath) + ".started");

    /// <summary>The recorded start time (the attribute, else the sidecar), or null when there is no readable record.</summary>
    public static DateTimeOffset? Read(string activePath)
    {
        if (Parse(UnixNative.GetAttribute(activePath, AttributeName)) is { } kept)
        {
            return kept;
        }

        try
        {
            return Parse(File.ReadAllText(SidecarOf(activePath)));
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>Records <paramref name="started"/> on the file, or in its sidecar where the file system has no attributes.</summary>
    /// <exception cref="IOException">Neither could be written (a folder that cannot be written, say).</exception>
    /// <exception cref="UnauthorizedAccessException">Neither could be written.</exception>
    public static void Write(string activePath, DateTimeOffset started)
    {
        var text = started.ToString("O", CultureInfo.InvariantCulture);
        if (UnixNative.TrySetAttribute(activePath, AttributeName, text))
        {
            // A sidecar from a version that always wrote one would be read if the attribute were ever lost: remove it.
            if (File.Exists(SidecarOf(activePath)))
            {
                Delete(activePath);
            }

            return;
        }

        var sidecar = SidecarOf(activePath);
        var temp = sidecar + ".tmp";
        using (var stream = new FileStream(temp, LogFileStreams.CreateOptions(FileMode.Create)))
        {
            // Created like the log itself (0640 on Unix): it sits beside the file and says when it was started.
            stream.Write(System.Text.Encoding.ASCII.GetBytes(text));
        }

        File.Move(temp, sidecar, overwrite: true);
    }

    /// <summary>Removes the sidecar of <paramref name="activePath"/>, if any (an attribute goes with its file).</summary>
    public static void Delete(string activePath)
    {
        try
        {
            File.Delete(SidecarOf(activePath));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A stale sidecar is harmless: the next file at this path rewrites it.
        }
    }

    private static DateTimeOffset? Parse(string? text) =>
        text is not null && DateTimeOffset.TryParseExact(text.Trim(), "O", CultureInfo.InvariantCulture, DateTimeStyles.None, out var started)
            ? started
            : null;
}
