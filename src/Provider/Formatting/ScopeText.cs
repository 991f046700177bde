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
    /// throws (too few values, or a value's <c>ToString</c> did), its template read as MEL reads it and filled as far as
    /// it can be, as a message is (<see cref="Pipeline.MessageFallback"/>): escapes, aligned and formatted holes and
    /// <c>{}</c> included, a marker for a value that failed.
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
            return MessageTemplate.TemplateOf(scope) is { } template && MessageTemplate.ForMel(template) is { } parsed
                ? parsed.RenderText(scope)
                : SafeText.Threw(scope, ex);
        }
    }

    /// <summary>
    /// A scope's pairs, at most <paramref name="max"/>. A template scope (MEL's list ending in <c>{OriginalFormat}</c>)
    /// gives its values up to the first that cannot be read (MEL's state for fewer arguments than holes throws for the
    /// missing ones, which come last), then the template pair, so it is still known as a template scope. Any other
    /// scope is enumerated, and an enumeration that throws throws.
    /// </summary>
    public static KeyValuePair<string, object?>[] Pairs(IEnumerable<KeyValuePair<string, object?>> scope, int max)
    {
        if (scope is not IReadOnlyList<KeyValuePair<string, object?>> list || !HasTemplate(list))
        {
            return [.. scope.Take(max)];
        }

        var pairs = new List<KeyValuePair<string, object?>>(Math.Min(list.Count, 64));
        for (var i = 0; i < list.Count - 1 && pairs.Count < max; i++)
        {
            try
            {
                pairs.Add(list[i]);
            }
#pragma warning disable CA1031 // A pair that cannot be read ends the values; the ones read are kept.
            catch (Exception)
#pragma warning restore CA1031
            {
                break;
            }
        }

        pairs.Add(list[^1]);
        return [.. pairs];
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
                case System.Collections.IEnumerable pairs when CollectionValue.IsPairs(pairs):
                    var first = true;
                    // Pairs of string/object are read as they come; other dictionaries through their key text.
                    var read = pairs as IEnumerable<KeyValuePair<string, object?>> ?? CollectionValue.ReadPairs(pairs, int.MaxValue)!;
                    foreach (var pair in read)
                    {
                        builder.Append(first ? string.Empty : ", ").Append(CollectionValue.KeyText(pair.Key)).Append('=');
                        builder.Append(CollectionValue.Text(pair.Value));
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
