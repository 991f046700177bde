namespace LoguStyle.Files;

/// <summary>Keeps the newest N closed files.</summary>
internal sealed class CountRetention(int files) : Retention
{
    internal override IReadOnlyList<RetainedFile> SelectForDeletion(ClosedFileIndex index, DateTimeOffset now, long activeLength) =>
        index.InNewestFirstOrder(index.OldestFirst().Take(Math.Max(0, index.Count - files)));

    public override string ToString() => files.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
