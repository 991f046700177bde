using LoguStyle.Parsing;

namespace LoguStyle.Files;

/// <summary>
/// Keeps the newest closed files that fit, with the active file, in a total size: the oldest go first until the rest
/// fits. The files kept are always the newest prefix that fits (a smaller old file is not kept past a larger newer one
/// that did not fit), so what is left reads as one unbroken stretch of time.
/// </summary>
internal sealed class SizeRetention(long bytes) : Retention
{
    // Oldest first, while the index's total (kept with every change) and the active file exceed the limit: the cost
    // follows the files deleted, as for count and age.
    internal override IReadOnlyList<RetainedFile> SelectForDeletion(ClosedFileIndex index, DateTimeOffset now, long activeLength)
    {
        var excess = index.TotalLength + activeLength - bytes;
        var deleted = new List<RetainedFile>();
        using var oldest = index.OldestFirst().GetEnumerator();
        while (excess > 0 && oldest.MoveNext())
        {
            deleted.Add(oldest.Current);
            excess -= oldest.Current.Length;
        }

        return index.InNewestFirstOrder(deleted);
    }

    public override string ToString() => SizeGrammar.Format(bytes);
}
