namespace LoguStyle.Tool.Cli;

/// <summary>logu --help (docs/tool.md says the same at more length).</summary>
internal static class UsageText
{
    public const string Text = """
        logu: read back the JSON-lines files of a LoguStyle sink (Serialize: true; LoguStyle, Clef, Ecs or Otel format).

        Usage:
          logu view <path> [options]          every record of the sink's files, rotated and compressed ones first
          logu tail [-n N] [-f] <path> [options]
                                              the last N records of the active file (10), then with -f each new one,
                                              through rotations, until Ctrl+C or SIGTERM
          logu --help | --version

        <path> is the sink's path as configured (logs/app.json, logs/app_{time:yyyy-MM-dd}.json).

        Options:
          --level <level>        the lowest level kept: Trace, Debug, Information (Info, Success), Warning (Warn),
                                 Error, Critical
          --category <prefix>    categories that start with the prefix (Sample matches Sample.Orders); repeatable,
                                 any of them
          --since <time>         records at or after: a duration back from now (2h, 30min, "1 day, 6 hours") or a time
                                 (2026-11-30, 2026-11-30T09:00, "2026-11-30 09:00:00+01:00"; local unless an offset)
          --until <time>         records before: the same forms
          --grep <regex>         messages the .NET regular expression matches
          --where <Name=value>   records whose property Name has that text (42, true, Alice); repeatable, all of them
          --format <template>    the console sink's template language; default the console sink's default layout
          --json                 write the kept lines exactly as they are in the file
          --color <mode>         auto (a terminal, honouring NO_COLOR and FORCE_COLOR), always, never
          -n, --lines <N>        tail: how many records to show first (10)
          -f, --follow           tail: keep reading as the file grows and rotates

        Exit codes: 0 done (also when the reader of the output went away), 1 a bad argument, 2 no files at the path.
        """;
}
