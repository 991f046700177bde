using System.Globalization;

namespace LoguStyle.Tool.Filtering;

/// <summary>
/// <c>--where Name=value</c>: the record has a property (of its template or of a scope) of that name whose text is the
/// value, compared ordinally: a string as it is, a number in its invariant text (<c>42</c>, <c>29.97</c>), a boolean
/// <c>true</c>/<c>false</c>, a null <c>null</c>.
/// </summary>
internal sealed record WhereCondition(string Name, string Value)
{
    public bool Matches(LogRecord record) =>
        record.TryGetProperty(Name, out var value) && string.Equals(Text(value), Value, StringComparison.Ordinal);

    private static string? Text(object? value) => value switch
    {
        null => "null",
        bool flag => flag ? "true" : "false",
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };
}
