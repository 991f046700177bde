using System.Text;

namespace LoguStyle.Formatting;

/// <summary>
/// Renders scopes for <c>{scopes}</c> as MEL's console does (<c>outer =&gt; inner</c>): a template scope as its
/// rendered text, a list of key/value pairs as <c>Key=Value, ...</c>, anything else with <c>ToString()</c>.
/// </summary>
internal static class ScopeText
{
    public static string Render(IReadOnlyList<object?> scopes)
    {
        if (scopes.Count == 0)
        {
            return string.Empty;
        }

        var builder = new StringBuilder();
        for (var i = 0; i < scopes.Count; i++)
        {
            if (i > 0)
            {
                builder.Append(" => ");
            }

            Append(builder, scopes[i]);
        }

        return builder.ToString();
    }

    private static void Append(StringBuilder builder, object? scope)
    {
        try
        {
            switch (scope)
            {
                case null:
                    builder.Append(SafeText.Null);
                    break;
                case IReadOnlyList<KeyValuePair<string, object?>> list when HasTemplate(list):
                case string:
                    builder.Append(scope);
                    break;
                case IEnumerable<KeyValuePair<string, object?>> pairs:
                    var first = true;
                    foreach (var pair in pairs)
                    {
                        builder.Append(first ? string.Empty : ", ").Append(pair.Key).Append('=');
                        builder.Append(SafeText.Of(pair.Value));
                        first = false;
                    }

                    break;
                default:
                    builder.Append(scope);
                    break;
            }
        }
#pragma warning disable CA1031 // A scope's ToString is user code; its failure must not fail the record.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            builder.Append(SafeText.Threw(scope, ex));
        }
    }

    private static bool HasTemplate(IReadOnlyList<KeyValuePair<string, object?>> list) =>
        list.Count > 0 && list[^1].Key == "{OriginalFormat}";
}
