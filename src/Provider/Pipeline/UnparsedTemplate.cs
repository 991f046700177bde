using System.Text;
using LoguStyle.Formatting;

namespace LoguStyle.Pipeline;

/// <summary>
/// The message of a call whose template MEL cannot parse (<c>Success("x}y {A}", 1)</c>): MEL's template state throws
/// <see cref="FormatException"/> when it is built, before any provider sees the call. LoguStyle's own calls log this
/// text instead, with no values, which MEL writes as it stands: the template, then what went wrong and the arguments,
/// so a logging call never throws into the application and its record is not lost.
/// </summary>
internal static class UnparsedTemplate
{
    /// <summary><c>x}y {A} [LoguStyle: MEL could not parse the template: FormatException: ...; arguments: 1]</c>.</summary>
    internal static string Describe(string? template, object?[]? args, FormatException error)
    {
        var text = new StringBuilder(template ?? SafeText.Null);
        text.Append(" [LoguStyle: MEL could not parse the template: ").Append(error.GetType().Name).Append(": ")
            .Append(SafeText.Read(() => error.Message));
        if (args is { Length: > 0 })
        {
            text.Append("; arguments: ");
            for (var i = 0; i < args.Length; i++)
            {
                text.Append(i == 0 ? string.Empty : ", ").Append(SafeText.Of(args[i]));
            }
        }

        return text.Append(']').ToString();
    }
}
