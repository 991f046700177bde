using System.Diagnostics.CodeAnalysis;

namespace LoguStyle.Parsing;

/// <summary>The one body of the public <c>TryParse</c> methods of <c>Rotation</c>, <c>Retention</c> and <c>Compression</c>.</summary>
internal static class GrammarTryParse
{
    /// <summary>
    /// <paramref name="parse"/>'s result, or false where it refuses the text (a <see cref="GrammarException"/>, or an
    /// <see cref="ArgumentException"/> for a value out of range) or the text is null. Settings are parsed rarely, so the
    /// exception path is cheap enough, and the grammar stays in one place.
    /// </summary>
    public static bool Try<T>(string? text, Func<string, T> parse, [NotNullWhen(true)] out T? result)
        where T : class
    {
        try
        {
            result = text is null ? null : parse(text);
        }
        catch (Exception ex) when (ex is GrammarException or ArgumentException)
        {
            result = null;
        }

        return result is not null;
    }
}
