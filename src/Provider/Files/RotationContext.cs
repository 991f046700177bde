namespace LoguStyle;

/// <summary>What a rotation predicate (<see cref="Rotation.When"/>) sees before each record is written.</summary>
/// <param name="Path">The active file's full path.</param>
/// <param name="Size">The active file's size in bytes before this record.</param>
/// <param name="RecordBytes">The size of the record about to be written, in bytes.</param>
/// <param name="Started">When the active file was started.</param>
/// <param name="Now">The current time, from the provider's clock.</param>
public readonly record struct RotationContext(string Path, long Size, int RecordBytes, DateTimeOffset Started, DateTimeOffset Now);
