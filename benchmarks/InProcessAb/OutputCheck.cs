namespace LoguStyle.InProcessAb;

/// <summary>
/// Whether the two builds wrote the same lines: <paramref name="Same"/>, the lines each file holds, and, when they
/// differ, the first difference found.
/// </summary>
internal sealed record OutputCheck(bool Same, long LinesA, long LinesB, string? Difference);
