namespace LoguStyle.Hosting.Tests.Support.ReloadModel;

/// <summary>A record a <see cref="Producer"/> logged: its index, category and level (as indexes), and the edit phases around its call.</summary>
internal readonly record struct LoggedRecord(int Index, int Category, int Level, int PhaseBefore, int PhaseAfter);
