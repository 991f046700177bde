namespace LoguStyle.Sinks;

/// <summary>Decides whether a console sink writes colours, from its mode, whether it writes to a terminal, and the environment.</summary>
internal static class ColorPolicy
{
    /// <summary>
    /// Always and Never win. Auto: <c>NO_COLOR</c> (non-empty) turns colours off; then <c>FORCE_COLOR</c> (non-empty,
    /// not <c>0</c> or <c>false</c>) turns them on; then a CI that renders ANSI colours in its log viewer turns them on
    /// (<c>GITHUB_ACTIONS=true</c>, Azure Pipelines' <c>TF_BUILD=True</c>, compared ignoring case); then <c>TERM=dumb</c>
    /// turns them off; else colours on a terminal only.
    /// </summary>
    public static bool ShouldColorize(ColorMode mode, bool isTerminal, Func<string, string?> environment)
    {
        switch (mode)
        {
            case ColorMode.Always:
                return true;
            case ColorMode.Never:
                return false;
        }

        if (!string.IsNullOrEmpty(environment("NO_COLOR")))
        {
            return false;
        }

        var force = environment("FORCE_COLOR");
        if (!string.IsNullOrEmpty(force) && force != "0" && !force.Equals("false", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        // Loguru turns colours on in CI the same way, before its TERM=dumb check; it asks for CI=true as well, which
        // Azure Pipelines does not set, so each CI's own variable is enough here.
        if (IsTrue(environment("GITHUB_ACTIONS")) || IsTrue(environment("TF_BUILD")))
        {
            return true;
        }

        if (string.Equals(environment("TERM"), "dumb", StringComparison.Ordinal))
        {
            return false;
        }

        return isTerminal;
    }

    private static bool IsTrue(string? value) => string.Equals(value, "true", StringComparison.OrdinalIgnoreCase);
}
