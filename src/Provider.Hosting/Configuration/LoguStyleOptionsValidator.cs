using LoguStyle.Sinks;
using Microsoft.Extensions.Options;

namespace LoguStyle.Hosting.Configuration;

/// <summary>
/// Validates the options at start-up (<c>ValidateOnStart</c>) and on every reload: the configuration reader's errors
/// and the engine's checks (<see cref="OptionsCheck"/>: names, paths, capacities, colours, templates), each message
/// naming the key path (or the code sink), the value and what is accepted. Warnings (a value accepted under an
/// obsolete name, a misspelt provider section) do not fail validation: each goes to stderr as one line, once per host
/// (<see cref="ConfigurationResults.ReportNew"/>): the options built again for <c>IOptions&lt;T&gt;</c> or a reload
/// that keeps the value do not repeat it; a key that takes such a value later is reported then.
/// </summary>
/// <remarks>
/// MEL joins several failures into one exception message with <c>"; "</c>, which on a console reads as one long line
/// of <c>".; "</c>-separated sentences. The problems are therefore one failure of several lines: a count, then one
/// problem a line (see <see cref="Message"/>).
/// </remarks>
internal sealed class LoguStyleOptionsValidator : IValidateOptions<LoguStyleLoggerOptions>
{
    private readonly ConfigurationResults _results;

    public LoguStyleOptionsValidator(ConfigurationResults results)
    {
        _results = results;
    }

    public ValidateOptionsResult Validate(string? name, LoguStyleLoggerOptions options)
    {
        var read = _results.For(options);
        _results.ReportNew(read.Warnings);

        var problems = Problems(read, options);
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(Message(problems));
    }

    /// <summary>The reader's errors and the engine's checks, one sentence each, each naming its key path or code sink.</summary>
    public static List<string> Problems(ConfigurationReadResult read, LoguStyleLoggerOptions options)
    {
        var failures = new List<string>(read.Errors);

        // The engine's own checks, reported under the key path of a configured sink (or as a code sink).
        foreach (var problem in OptionsCheck.Find(options))
        {
            string where;
            if (problem.SinkName is null)
            {
                where = $"{problem.Key} (set in code)";
            }
            else if (read.SinkPaths.TryGetValue(problem.SinkName, out var path))
            {
                if (problem.JudgedAgainst is { } other && read.Errors.Exists(error => error.StartsWith($"{path}:{other}:", StringComparison.OrdinalIgnoreCase)))
                {
                    // Judged against a value the configuration could not read (so against the default): that key's
                    // error is the problem to fix, and this one would name a value nobody set.
                    continue;
                }

                if (problem.ValueProblem is { } valueProblem)
                {
                    // Worded as the reader words a bad value: the full key path, then the quoted value and what is accepted.
                    failures.Add($"{path}:{problem.Key}: {valueProblem}");
                    continue;
                }

                where = problem.Key == "Format" ? path + ":Format" : path;
            }
            else
            {
                where = $"sink '{problem.SinkName}' (added in code)";
            }

            failures.Add($"{where}: {problem.Problem}");
        }

        return failures;
    }

    /// <summary>
    /// One text for every problem: a first line that says how many, then one problem a line, so a console shows each
    /// key path at the start of its own line.
    /// </summary>
    public static string Message(IReadOnlyList<string> problems) =>
        (problems.Count == 1 ? "LoguStyle's logging configuration has 1 problem:" : $"LoguStyle's logging configuration has {problems.Count} problems:")
        + string.Concat(problems.Select(problem => Environment.NewLine + "  " + problem));
}
