namespace LoguStyle.Tests.Support;

/// <summary>One file of a shared log, decompressed.</summary>
internal sealed record SharedLogFile(string Name, DateTime? Started, int Clash, int Bytes, string[] Lines);
