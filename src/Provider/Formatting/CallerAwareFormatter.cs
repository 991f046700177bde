namespace LoguStyle.Formatting;

/// <summary>
/// The formatter of a sink without a format of its own: <see cref="FormatTemplate.Default"/> for a record without a
/// caller, <see cref="FormatTemplate.WithCaller"/> for one with (so a plain MEL call does not print <c>::</c>); a caller
/// found from the stack counts only when the sink asked for it (<paramref name="stackCaller"/>).
/// </summary>
internal sealed class CallerAwareFormatter(IRecordFormatter plain, IRecordFormatter withCaller, bool stackCaller) : IRecordFormatter
{
    public bool UsesScopes => plain.UsesScopes || withCaller.UsesScopes;

    public bool UsesProperties => plain.UsesProperties || withCaller.UsesProperties;

    public bool Colored => plain.Colored;

    public void Render(LogRecord record, Utf8Buffer output) =>
        (record.CallerFunction is null || !record.ShowsCaller(stackCaller) ? plain : withCaller).Render(record, output);
}
