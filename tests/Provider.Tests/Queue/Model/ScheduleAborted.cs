namespace LoguStyle.Tests.Queue.Model;

/// <summary>Thrown at a step of a controlled thread when its schedule was cut short (a violation was found): the thread unwinds.</summary>
internal sealed class ScheduleAborted() : Exception("schedule aborted");
