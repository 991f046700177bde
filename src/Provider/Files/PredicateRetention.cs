namespace LoguStyle.Files;

/// <summary>Deletes the closed files user code picks: asked about every file, so its cost grows with the folder.</summary>
internal sealed class PredicateRetention(Func<RetainedFile, bool> delete) : Retention
{
    internal override IReadOnlyList<RetainedFile> SelectForDeletion(ClosedFileIndex index, DateTimeOffset now, long activeLength) =>
        [.. index.NewestFirst().Where(delete)];

    public override string ToString() => "(predicate)";
}
