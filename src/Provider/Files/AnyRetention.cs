namespace LoguStyle.Files;

/// <summary>
/// Deletes a closed file when any one of its conditions would: what is kept satisfies every condition (younger than the
/// age, among the newest N, and within the total size).
/// </summary>
internal sealed class AnyRetention(Retention[] conditions) : Retention
{
    public Retention[] Conditions => conditions;

    internal override IReadOnlyList<RetainedFile> SelectForDeletion(ClosedFileIndex index, DateTimeOffset now, long activeLength) =>
        index.InNewestFirstOrder(conditions.SelectMany(c => c.SelectForDeletion(index, now, activeLength)).DistinctBy(f => f.Path, StringComparer.Ordinal));

    public override string ToString() => string.Join(", ", conditions.Select(c => c.ToString()));
}
