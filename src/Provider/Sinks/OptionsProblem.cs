namespace LoguStyle.Sinks;

/// <summary>One thing wrong with a set of options, found before any sink is built.</summary>
/// <param name="SinkName">The sink it concerns, or null for the options as a whole.</param>
/// <param name="Key">The option it concerns (<c>Format</c>, <c>Path</c>, ...), or null for the sink as a whole.</param>
/// <param name="Problem">What is wrong and what is accepted, as a clause that follows a key path.</param>
/// <param name="Error">The exception the provider throws for it.</param>
internal sealed record OptionsProblem(string? SinkName, string? Key, string Problem, Exception Error)
{
    /// <summary>
    /// For a problem with the value of <see cref="Key"/>: the clause that follows the key's full path in a configuration
    /// message (<c>'70000' is not a port; accepted: ...</c>), as the configuration reader words a bad value;
    /// <see cref="Problem"/> is then the key's name and this clause. Null for a problem worded otherwise.
    /// </summary>
    public string? ValueProblem { get; init; }

    /// <summary>
    /// The other option this problem is judged against (a TLS certificate path against <c>Protocol</c>), or null: a
    /// configuration whose value for that option could not be read reports that, not this, which would name the default.
    /// </summary>
    public string? JudgedAgainst { get; init; }

    /// <summary>A problem with the value of <paramref name="key"/> of sink <paramref name="sinkName"/>: <see cref="ValueProblem"/>.</summary>
    public static OptionsProblem OfValue(string sinkName, string key, string valueProblem)
    {
        var problem = $"{key} {valueProblem}";
        return new(sinkName, key, problem, Argument($"Sink '{sinkName}': {problem}")) { ValueProblem = valueProblem };
    }

    /// <summary>
    /// The exception for a problem with the options given to the provider: its <see cref="ArgumentException.ParamName"/>
    /// is the provider constructor's parameter, <c>options</c>, whichever option it concerns (the message names that).
    /// </summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Usage", "CA2208:Instantiate argument exceptions correctly", Justification = "It names the parameter of LoguStyleLoggerProvider's constructor, the method the user called, not of this factory.")]
    public static ArgumentException Argument(string message, Exception? inner = null) => new(message, "options", inner);
}
