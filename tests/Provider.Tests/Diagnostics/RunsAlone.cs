namespace LoguStyle.Tests.Diagnostics;

/// <summary>
/// Tests that change what the whole process shares (the meter's list of disposed providers' series), or count it (its
/// threads), run after every other test class, one at a time: run beside them they would push out the series other tests
/// read after a dispose, or count those tests' threads.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class RunsAlone
{
    public const string Name = "Alone: process-wide state";
}
