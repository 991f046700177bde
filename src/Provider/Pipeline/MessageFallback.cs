namespace LoguStyle.Pipeline;

/// <summary>
/// The message of a record whose formatter threw. MEL's formatter throws for a whole record when one argument is
/// missing (fewer arguments than holes) or one value cannot be formatted; the template parsed as MEL parses it does not:
/// it fills every hole it can, keeps the text of a hole without a value, marks a value that failed and writes the text
/// between holes as MEL does (<c>{{</c> as <c>{</c>). Every sink, direct or queued, gets this same text.
/// </summary>
internal static class MessageFallback
{
    public static string Render(object? state, string? template, string? stateType, Exception error)
    {
        if (state is IReadOnlyList<KeyValuePair<string, object?>> values &&
            (template ?? Formatting.MessageTemplate.TemplateOf(values)) is { } text && Formatting.MessageTemplate.ForMel(text) is { } parsed)
        {
            return parsed.RenderText(values);
        }

        var what = template ?? (state is IReadOnlyList<KeyValuePair<string, object?>> list ? Formatting.MessageTemplate.TemplateOf(list) : null) ?? stateType ?? state?.GetType().Name;
        return $"{what} [LoguStyle: formatting the message failed: {error.GetType().Name}: {Formatting.SafeText.Read(() => error.Message)}]";
    }
}
