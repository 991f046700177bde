namespace LoguStyle.Testing;

/// <summary>
/// (Shared by the test projects.) A small tmpfs mounted for one test: a real file system that fills up or turns
/// read-only. Needs Linux and the right to mount (root); <see cref="TryCreate"/> says why when this machine does not
/// allow it, so the test can say it.
/// </summary>
internal sealed class TmpfsMount : IDisposable
{
    private TmpfsMount(string path) => Path = path;

    /// <summary>The mount point.</summary>
    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    /// <summary>Mounts a tmpfs of <paramref name="kibibytes"/> KiB at a new folder under <paramref name="parent"/>.</summary>
    public static TmpfsMount? TryCreate(string parent, int kibibytes, bool readOnly, out string whyNot)
    {
        whyNot = string.Empty;
        if (!OperatingSystem.IsLinux())
        {
            whyNot = "tmpfs mounts need Linux";
            return null;
        }

        var path = System.IO.Path.Combine(parent, "mnt");
        Directory.CreateDirectory(path);
        var (code, output) = Run("mount", "-t", "tmpfs", "-o", $"size={kibibytes}k,mode=0755{(readOnly ? ",ro" : string.Empty)}", "tmpfs", path);
        if (code != 0)
        {
            whyNot = $"this machine does not allow mounting a tmpfs (mount exited {code}: {output.Trim()})";
            return null;
        }

        return new TmpfsMount(path);
    }

    /// <summary>
    /// Mounts a writable tmpfs of <paramref name="kibibytes"/> KiB under <paramref name="parent"/>, or fails the test with
    /// why this machine does not allow it and what it needs.
    /// </summary>
    public static TmpfsMount Create(string parent, int kibibytes)
    {
        var disk = TryCreate(parent, kibibytes, readOnly: false, out var whyNot);
        Assert.True(disk is not null, $"this test mounts a tmpfs and fills it; {whyNot}. Run it on Linux as root (CI does).");
        return disk;
    }

    /// <summary>Makes the file system read-only or writable again.</summary>
    public void Remount(bool readOnly)
    {
        var (code, output) = Run("mount", "-o", readOnly ? "remount,ro" : "remount,rw", Path);
        Assert.True(code == 0, $"remount failed ({code}): {output}");
    }

    /// <summary>Fills the file system with one file until a write fails; returns the file's path.</summary>
    public string Fill()
    {
        var filler = File("filler");
        var chunk = new byte[4096];
        using var stream = new FileStream(filler, FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 0);
        try
        {
            while (true)
            {
                stream.Write(chunk);
            }
        }
        catch (IOException)
        {
            // Full.
        }

        return filler;
    }

    public void Dispose() => Run("umount", "-l", Path);

    private static (int Code, string Output) Run(string fileName, params string[] arguments)
    {
        try
        {
            var run = ProcessRun.StartAsync(fileName, arguments, "/", new Dictionary<string, string?>(), TimeSpan.FromSeconds(30)).GetAwaiter().GetResult();
            return (run.ExitCode, run.StandardOutput + run.StandardError);
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            return (-1, ex.Message);
        }
    }
}
