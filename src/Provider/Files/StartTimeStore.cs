using System.Globalization;

namespace LoguStyle.Files;

/// <summary>
/// Keeps when the active file was started in a small sidecar beside it (<c>.app.log.started</c>), so time rotation
/// survives restarts: a file started before the last boundary is rotated at start-up. File systems do not agree on a
/// creation time (Linux often has none that .NET can set), and the sidecar follows the injected clock in tests.
/// </summary>
internal static class StartTimeStore
{
    public static string SidecarOf(string activePath) =>
        Path.Combine(Path.GetDirectoryName(activePath)!, "." + Path.GetFileName(activePath) + ".started");

    /// <summary>The recorded start time, or null when there is no readable record.</summary>
    public static DateTimeOffset? Read(string activePath)
    {
        try
        {
            var text = File.ReadAllText(SidecarOf(activePath)).Trim();
            return DateTimeOffset.TryParseExact(text, "O", CultureInfo.InvariantCulture, DateTimeStyles.None, out var started)
                ? started
                : null;
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

    public static void Write(string activePath, DateTimeOffset started)
    {
        var sidecar = SidecarOf(activePath);
        var temp = sidecar + ".tmp";
        using (var stream = new FileStream(temp, LogFileStreams.CreateOptions(FileMode.Create)))
        {
            // Created like the log itself (0640 on Unix): it sits beside the file and says when it was started.
            stream.Write(System.Text.Encoding.ASCII.GetBytes(started.ToString("O", CultureInfo.InvariantCulture)));
        }

        File.Move(temp, sidecar, overwrite: true);
    }

    public static void Delete(string activePath)
    {
        try
        {
            File.Delete(SidecarOf(activePath));
        }
        catch (IOException)
        {
            // A stale sidecar is harmless: the next file at this path rewrites it.
        }
    }
}
