namespace LoguStyle;

/// <summary>What a rotation predicate (<see cref="Rotation.When"/>) sees before each record is written.</summary>
/// <remarks>
/// The file sink makes these; the public constructor is there so that a rotation predicate can be unit-tested on a
/// context built by hand. Read-only properties and no positional (deconstructible) shape: a later version can add a
/// property, with a constructor beside this one, without breaking code built against this one.
/// </remarks>
public readonly record struct RotationContext
{
    /// <summary>Describes the active file before a record (the sink does this; call it to test a <see cref="Rotation.When"/> predicate).</summary>
    /// <param name="path">The active file's full path.</param>
    /// <param name="size">The active file's size in bytes before this record.</param>
    /// <param name="recordBytes">The size of the record about to be written, in bytes.</param>
    /// <param name="started">When the active file was started.</param>
    /// <param name="now">The current time, from the provider's clock.</param>
    /// <example><code>Assert.True(rotateAt1Gb(new RotationContext("/logs/app.log", 1L &lt;&lt; 30, 120, started, now)));</code></example>
    public RotationContext(string path, long size, int recordBytes, DateTimeOffset started, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(path);
        Path = path;
        Size = size;
        RecordBytes = recordBytes;
        Started = started;
        Now = now;
    }

    /// <summary>The active file's full path.</summary>
    public string Path { get; }

    /// <summary>The active file's size in bytes before this record.</summary>
    public long Size { get; }

    /// <summary>The size of the record about to be written, in bytes.</summary>
    public int RecordBytes { get; }

    /// <summary>When the active file was started.</summary>
    public DateTimeOffset Started { get; }

    /// <summary>The current time, from the provider's clock.</summary>
    public DateTimeOffset Now { get; }
}
