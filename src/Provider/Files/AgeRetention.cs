using LoguStyle.Parsing;

namespace LoguStyle.Files;

/// <summary>Deletes closed files last written longer ago than an age.</summary>
internal sealed class AgeRetention(TimeSpan age) : Retention
{
    internal override IEnumerable<RetainedFile> SelectForDeletion(IReadOnlyList<RetainedFile> newestFirst, DateTimeOffset now) =>
        newestFirst.Where(file => now - file.LastWrite > age);

    public override string ToString() => DurationGrammar.Format(age);
}
