namespace LoguStyle.Hosting.Tests.Telemetry;

/// <summary>An exception with a stack (thrown and caught here), and a counter of how often a text is in a log.</summary>
internal static class Thrown
{
    /// <summary>An <see cref="InvalidOperationException"/> "payment refused" whose stack names <see cref="Payment"/>.</summary>
    public static InvalidOperationException Payment()
    {
        try
        {
            throw new InvalidOperationException("payment refused");
        }
        catch (InvalidOperationException ex)
        {
            return ex;
        }
    }

    /// <summary>How many times <paramref name="part"/> is in <paramref name="text"/>, not overlapping.</summary>
    public static int Occurrences(string text, string part)
    {
        var count = 0;
        for (var at = text.IndexOf(part, StringComparison.Ordinal); at >= 0; at = text.IndexOf(part, at + part.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
