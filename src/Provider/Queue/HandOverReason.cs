namespace LoguStyle.Queue;

/// <summary>
/// Why the open segment of a <see cref="RenderedSegments"/> goes into its channel; what replaces it depends on it.
/// </summary>
internal enum HandOverReason
{
    /// <summary>
    /// Part full: the writer takes it when it wakes or before it parks, a caller hands it over to a parked writer, or the
    /// queue completes. The oldest free segment replaces it at once, so a quiet queue keeps two or three segments.
    /// </summary>
    PartFull,

    /// <summary>
    /// The next record does not fit: callers log faster than a segment a nap, and the pool grows to keep
    /// <see cref="RenderedSegments"/>' reuse distance between a segment's uses.
    /// </summary>
    Full,

    /// <summary>
    /// A flush's barrier goes in behind it: records that fill at most <see cref="RenderedSegment.CompactBytes"/> go in a
    /// copy of their size and the open segment stays; more go as a part-full segment does.
    /// </summary>
    Flush,
}
