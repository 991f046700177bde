namespace LoguStyle.Sinks;

/// <summary>One thing wrong with a set of options, found before any sink is built.</summary>
/// <param name="SinkName">The sink it concerns, or null for the options as a whole.</param>
/// <param name="Key">The option it concerns (<c>Format</c>, <c>Path</c>, ...), or null for the sink as a whole.</param>
/// <param name="Problem">What is wrong and what is accepted, as a clause that follows a key path.</param>
/// <param name="Error">The exception the provider throws for it.</param>
internal sealed record OptionsProblem(string? SinkName, string? Key, string Problem, Exception Error);
