namespace LoguStyle;

/// <summary>A closed (rotated, possibly compressed) file of a file sink, as retention sees it.</summary>
/// <param name="Path">The file's full path.</param>
/// <param name="Started">When the file was started, read from its rotated name.</param>
/// <param name="LastWrite">When the file was last written.</param>
/// <param name="Length">Its size in bytes.</param>
public sealed record RetainedFile(string Path, DateTimeOffset Started, DateTimeOffset LastWrite, long Length);
