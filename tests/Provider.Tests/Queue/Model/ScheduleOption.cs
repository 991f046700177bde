namespace LoguStyle.Tests.Queue.Model;

/// <summary>A move the scheduler may make: let <paramref name="Thread"/> take its step, or let its wait time out.</summary>
internal readonly record struct ScheduleOption(int Thread, bool TimeOut);
