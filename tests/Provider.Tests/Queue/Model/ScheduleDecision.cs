namespace LoguStyle.Tests.Queue.Model;

/// <summary>One choice of a schedule: the moves that were possible (the one that needs no preemption first), the one taken.</summary>
internal sealed record ScheduleDecision(IReadOnlyList<ScheduleOption> Options, int Chosen, int Running, bool RunningCanStep, string Described)
{
    /// <summary>True when taking option <paramref name="index"/> takes the processor from a thread that could go on.</summary>
    public bool IsPreemption(int index) => RunningCanStep && Options[index].Thread != Running;
}
