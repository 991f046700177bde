namespace LoguStyle;

/// <summary>
/// A size, duration, clock or rotation value outside the grammar: the message quotes the value and shows the
/// accepted forms. The only exception the grammar parsers throw.
/// </summary>
public sealed class GrammarException : FormatException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="value">The rejected text.</param>
    /// <param name="expected">What was expected, with examples of the accepted forms.</param>
    internal GrammarException(string value, string expected)
        : base($"'{value}' is not {expected}")
    {
        Value = value;
        Expected = expected;
    }

    /// <summary>The rejected text.</summary>
    public string Value { get; }

    /// <summary>What was expected, with examples of the accepted forms.</summary>
    public string Expected { get; }
}
