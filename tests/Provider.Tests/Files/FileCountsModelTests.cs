using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using LoguStyle.Diagnostics;
using LoguStyle.Files;

namespace LoguStyle.Tests.Files;

/// <summary>
/// The generations of a sink that hold one file (<see cref="FileCounts"/>): a reload joins a new generation before it
/// releases the old, a dispose releases in any order, and each count in between must go to the newest generation still
/// holding, the last one never released (its close counts to it). Generated sequences of joins, releases (of any
/// holder, the newest included, and of one that already left), written counts and failures, against a model that is a
/// list of holders.
/// </summary>
public sealed class FileCountsModelTests
{
    private enum Step
    {
        Join,
        Leave,
        Written,
        Failed,
    }

    private static Arbitrary<(Step Step, int Pick, int Count)[]> Sequences { get; } =
        Gen.ArrayOf(
            from step in Gen.Elements(Step.Join, Step.Leave, Step.Written, Step.Failed)
            from pick in Gen.Choose(0, 7)
            from count in Gen.Choose(0, 5)
            select (step, pick, count)).ToArbitrary();

    [Property(MaxTest = 300)]
    public Property EachCount_GoesToTheNewestGenerationStillHolding_AndTheLastHolderIsNeverReleased() =>
        Prop.ForAll(Sequences, steps =>
        {
            var generations = new List<(SinkStats Stats, SinkErrorReporter Errors)> { New(0) };
            var counts = new FileCounts(generations[0].Stats, generations[0].Errors);
            var holding = new List<int> { 0 };
            var written = new long[] { 0 };
            var failed = new long[] { 0 };
            foreach (var (step, pick, count) in steps)
            {
                switch (step)
                {
                    case Step.Join:
                        generations.Add(New(generations.Count));
                        Array.Resize(ref written, generations.Count);
                        Array.Resize(ref failed, generations.Count);
                        counts.Join(generations[^1].Stats, generations[^1].Errors);
                        holding.Add(generations.Count - 1);
                        break;
                    case Step.Leave:
                        // Any generation made so far: one holding (the newest too) or one that already left.
                        var leaving = pick % generations.Count;
                        counts.Leave(generations[leaving].Stats);
                        if (holding.Count > 1)
                        {
                            holding.Remove(leaving);
                        }

                        break;
                    case Step.Written:
                        counts.AddWritten(count, count * 10);
                        written[holding[^1]] += count;
                        break;
                    case Step.Failed:
                        counts.RecordFailed(new IOException("disk full"), count);
                        failed[holding[^1]] += count;
                        break;
                }

                if (!ReferenceEquals(counts.Errors, generations[holding[^1]].Errors))
                {
                    return false.Label($"after {step} {pick}: the reporter is not generation {holding[^1]}'s");
                }
            }

            var actual = generations.Select(g => (g.Stats.Written, g.Errors.FailedRecords)).ToArray();
            var expected = written.Zip(failed).ToArray();
            return actual.SequenceEqual(expected).Label($"written, failed per generation: {string.Join(" ", actual)} (model {string.Join(" ", expected)}); steps {string.Join(", ", steps)}");
        });

    private static (SinkStats, SinkErrorReporter) New(int generation) =>
        (new SinkStats(), new SinkErrorReporter($"gen{generation}", TimeProvider.System, TextWriter.Null));
}
