using LoguStyle.Parsing;

namespace LoguStyle.Files;

/// <summary>Deletes closed files last written longer ago than an age.</summary>
internal sealed class AgeRetention(TimeSpan age) : Retention
{
    // By last write, oldest first: the files older than the age are a prefix, and reading stops at the first younger one.
    internal override IReadOnlyList<RetainedFile> SelectForDeletion(ClosedFileIndex index, DateTimeOffset now, long activeLength) =>
        index.InNewestFirstOrder(index.OldestWrittenFirst().TakeWhile(file => now - file.LastWrite > age));

    public override string ToString() => DurationGrammar.Format(age);
}
