namespace LoguStyle;

/// <summary>A closed (rotated, possibly compressed) file of a file sink, as retention sees it (<see cref="Retention.Where"/>).</summary>
/// <remarks>
/// The file sink makes these; the public constructor is there so that a retention predicate can be unit-tested on a
/// file built by hand. Read-only properties and no positional (deconstructible) shape: a later version can add a
/// property, with a constructor beside this one, without breaking code built against this one.
/// </remarks>
public sealed record RetainedFile
{
    /// <summary>Describes a closed file (the sink does this; call it to test a <see cref="Retention.Where"/> predicate).</summary>
    /// <param name="path">The file's full path.</param>
    /// <param name="started">When the file was started, read from its rotated name.</param>
    /// <param name="lastWrite">When the file was last written.</param>
    /// <param name="length">Its size in bytes.</param>
    /// <example><code>Assert.True(deleteOld(new RetainedFile("/logs/app.2026-11-01.log.gz", started, lastWrite, 4_096)));</code></example>
    public RetainedFile(string path, DateTimeOffset started, DateTimeOffset lastWrite, long length)
    {
        ArgumentNullException.ThrowIfNull(path);
        Path = path;
        Started = started;
        LastWrite = lastWrite;
        Length = length;
    }

    /// <summary>The file's full path.</summary>
    public string Path { get; }

    /// <summary>When the file was started, read from its rotated name.</summary>
    public DateTimeOffset Started { get; }

    /// <summary>When the file was last written.</summary>
    public DateTimeOffset LastWrite { get; }

    /// <summary>Its size in bytes.</summary>
    public long Length { get; }
}
