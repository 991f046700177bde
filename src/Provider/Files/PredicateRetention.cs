namespace LoguStyle.Files;

/// <summary>Deletes the closed files user code picks.</summary>
internal sealed class PredicateRetention(Func<RetainedFile, bool> delete) : Retention
{
    internal override IEnumerable<RetainedFile> SelectForDeletion(IReadOnlyList<RetainedFile> newestFirst, DateTimeOffset now) =>
        newestFirst.Where(delete);

    public override string ToString() => "(predicate)";
}
