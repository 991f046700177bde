namespace LoguStyle.Files;

/// <summary>Keeps the newest N closed files.</summary>
internal sealed class CountRetention(int files) : Retention
{
    internal override IEnumerable<RetainedFile> SelectForDeletion(IReadOnlyList<RetainedFile> newestFirst, DateTimeOffset now) =>
        newestFirst.Skip(files);

    public override string ToString() => files.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
