using System.Globalization;

namespace LoguStyle.Formatting;

/// <summary>
/// Turns values from user code into text without letting user code fail a record: one rule for every formatter
/// (templates, JSON, scopes, snapshots of queued values). Null is <c>(null)</c> (as MEL writes it), strings are
/// themselves, formattable values use the invariant culture, and a <c>ToString</c> that throws becomes a marker.
/// </summary>
internal static class SafeText
{
    public const string Null = "(null)";

    public static string Of(object? value, string? format = null)
    {
        try
        {
            return OfOrThrow(value, format);
        }
#pragma warning disable CA1031 // A value's ToString is user code; its failure becomes the marker, not a lost record.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            return Threw(value, ex);
        }
    }

    /// <summary>The value's text by the same rule as <see cref="Of"/>, for a caller that handles a <c>ToString</c> that throws.</summary>
    public static string OfOrThrow(object? value, string? format = null) => value switch
    {
        null => Null,
        string text => text,
        IFormattable formattable => formattable.ToString(format, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };

    /// <summary>
    /// The marker written in place of a value (a scope) that could not be read: its enumeration threw, when it is a
    /// collection, or its <c>ToString</c>.
    /// </summary>
    public static string Failed(object? value, Exception exception) => value is System.Collections.IEnumerable and not string
        ? $"<{value.GetType().Name} could not be read: {exception.GetType().Name}>"
        : Threw(value, exception);

    /// <summary>The marker written in place of a value whose <c>ToString</c> threw.</summary>
    public static string Threw(object? value, Exception exception) =>
        $"<{value?.GetType().Name}.ToString() threw {exception.GetType().Name}>";

    /// <summary>An exception's Message (user code), or null when reading it throws.</summary>
    // A method of its own: a lambda over a caller's local makes its closure where the local's scope begins, which in a
    // formatter's WriteRecord is every record, with an exception or not.
    public static string? MessageOf(Exception exception) => Read(() => exception.Message);

    /// <summary>Reads a member of user code (an exception's Message, StackTrace, Data); default when it throws.</summary>
    public static T? Read<T>(Func<T> read)
    {
        try
        {
            return read();
        }
#pragma warning disable CA1031 // An exception's members are user code.
        catch (Exception)
#pragma warning restore CA1031
        {
            return default;
        }
    }
}
