using System.Text;

namespace LoguStyle.Formatting;

/// <summary>
/// Renders scopes for <c>{scopes}</c> as MEL's console does (<c>outer =&gt; inner</c>): a template scope as its
/// rendered text, a list of key/value pairs as <c>Key=Value, ...</c>, anything else with <c>ToString()</c>. A scope
/// that cannot be read is a marker in its place, reported through the record; the other scopes are kept.
/// </summary>
internal static class ScopeText
{
    public static string Render(LogRecord record)
    {
        var scopes = record.Scopes;
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

            Append(builder, scopes[i], record);
        }

        return builder.ToString();
    }

    /// <summary>
    /// The text of a template scope (<c>BeginScope("Order {Order}", order)</c>): its own <c>ToString()</c>, or, when that
    /// throws (a value's <c>ToString</c> did), its template rendered with a marker for the value that failed.
    /// </summary>
    public static string TemplateText(IReadOnlyList<KeyValuePair<string, object?>> scope, out Exception? error)
    {
        error = null;
        try
        {
            return scope.ToString() ?? string.Empty;
        }
#pragma warning disable CA1031 // A scope's ToString is user code; its failure must not fail the record.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            error = ex;
            return MessageTemplate.TemplateOf(scope) is { } template && MessageTemplate.For(template) is { } parsed
                ? parsed.RenderText(scope)
                : SafeText.Threw(scope, ex);
        }
    }

    private static void Append(StringBuilder builder, object? scope, LogRecord record)
    {
        var length = builder.Length;
        try
        {
            switch (scope)
            {
                case null:
                    builder.Append(SafeText.Null);
                    break;
                case string:
                    builder.Append(scope);
                    break;
                case IReadOnlyList<KeyValuePair<string, object?>> list when HasTemplate(list):
                    builder.Append(TemplateText(list, out var error));
                    if (error is not null)
                    {
                        record.ScopeFailed(error);
                    }

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
                    builder.Append(SafeText.OfOrThrow(scope));
                    break;
            }
        }
#pragma warning disable CA1031 // A scope is user code; its failure must not fail the record.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            // What the scope wrote before it failed is replaced by the marker.
            builder.Length = length;
            builder.Append(SafeText.Failed(scope, ex));
            record.ScopeFailed(ex);
        }
    }

    private static bool HasTemplate(IReadOnlyList<KeyValuePair<string, object?>> list) =>
        list.Count > 0 && list[^1].Key == "{OriginalFormat}";
}
