namespace LoguStyle.Files;

/// <summary>The file-level settings of a file sink, taken from its options when the sink is built (or rebuilt on reload).</summary>
internal sealed record FileSettings(
    Rotation? Rotation,
    Retention? Retention,
    Compression? Compression,
    bool Delay,
    bool Watch,
    FileOpenMode Mode,
    bool RotateOnShutdown,
    bool AutoFlush,
    TimeSpan FlushInterval,
    bool Shared,
    TimeSpan? SharedLockTimeout = null)
{
    public static FileSettings From(FileSinkOptions options) => new(
        options.Rotation,
        options.Retention,
        options.Compression,
        options.Delay,
        options.Watch,
        options.Mode,
        options.RotateOnShutdown,
        options.AutoFlush,
        options.FlushInterval,
        options.Shared);
}
