using LoguStyle.Files;
using LoguStyle.Formatting;
using Microsoft.Extensions.Options;

namespace LoguStyle.Hosting.Configuration;

/// <summary>
/// Validates the options at start-up (<c>ValidateOnStart</c>) and on every reload: configuration errors, sink
/// names, and every sink's template, each message naming the key path (or the code sink), the value and what is
/// accepted.
/// </summary>
internal sealed class LoguStyleOptionsValidator : IValidateOptions<LoguStyleOptions>
{
    private readonly ConfigurationResults _results;

    public LoguStyleOptionsValidator(ConfigurationResults results)
    {
        _results = results;
    }

    public ValidateOptionsResult Validate(string? name, LoguStyleOptions options)
    {
        var read = _results.For(options);
        var failures = new List<string>(read.Errors);
        try
        {
            _ = LevelTable.From(options.Levels);
        }
        catch (ArgumentException ex)
        {
            failures.Add($"Levels (set in code): {ex.Message.Split(" (Parameter", 2)[0]}");
        }

        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var files = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var sink in options.Sinks)
        {
            var where = read.SinkPaths.TryGetValue(sink.Name, out var path) ? path : $"sink '{sink.Name}' (added in code)";
            if (!names.Add(sink.Name))
            {
                failures.Add($"{where}: two sinks are named '{sink.Name}'; sink names must be unique (compared ignoring case).");
            }

            if (sink is FileSinkOptions file)
            {
                try
                {
                    var full = PathTemplate.Parse(file.Path).FullPath;
                    if (files.TryGetValue(full, out var other))
                    {
                        failures.Add($"{where}: sinks '{other}' and '{sink.Name}' both write {full}; give each file sink its own path.");
                    }

                    files[full] = sink.Name;
                }
                catch (ArgumentException ex)
                {
                    // Configured paths were checked by the reader; this is a sink added in code.
                    failures.Add($"{where}: {ex.Message.Split(" (Parameter", 2)[0]}");
                }
            }

            if (sink.Format is { } format)
            {
                try
                {
                    FormatTemplate.Validate(format, sink.Name);
                }
                catch (FormatTemplateException ex)
                {
                    var key = path is null ? where : path + ":Format";
                    failures.Add($"{key}: {ex.Message}");
                }
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
