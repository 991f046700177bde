namespace LoguStyle.Hosting.Tests.Telemetry;

/// <summary>
/// The every-sink run the redaction tests of generated shapes share (FieldRedactionTests, HolderRedactionTests,
/// TransitiveHolderRedactionTests): the shapes' records logged to every sink kind (<see cref="EverySinkKind"/>) in a temp
/// folder of its own, a fresh one per run (a property runs its test many times on one instance), and the check that no
/// sink wrote any shape's secret raw.
/// </summary>
internal static class ShapesInEverySink
{
    /// <summary>What a classified value is written as.</summary>
    public const string Marker = "<redacted: Sensitive>";

    /// <summary>
    /// Logs each of <paramref name="shapes"/>, <paramref name="recordsEach"/> records each, to every sink kind (the text ones
    /// writing <c>{message}</c> then <paramref name="values"/>); gives what each sink wrote, by sink.
    /// </summary>
    public static async Task<Dictionary<string, string>> LogAsync<TShape>(string values, int recordsEach, IReadOnlyCollection<TShape> shapes)
        where TShape : ISecretShape
    {
        using var folder = new TempFolder();
        return await EverySinkKind.LogAsync(folder, values, recordsEach * shapes.Count, logger =>
        {
            foreach (var shape in shapes)
            {
                shape.Log(logger);
            }

            return Task.CompletedTask;
        });
    }

    /// <summary>
    /// Logs <paramref name="shapes"/> as <see cref="LogAsync"/> does and fails if a sink wrote a shape's secret; then, for
    /// each sink, runs <paramref name="eachSink"/> (the sink, what it wrote, the shapes described for a message).
    /// </summary>
    public static async Task NeverRawAsync<TShape>(string values, int recordsEach, IReadOnlyCollection<TShape> shapes, Action<string, string, string> eachSink)
        where TShape : ISecretShape
    {
        var outputs = await LogAsync(values, recordsEach, shapes);
        var described = string.Join("; ", shapes.Select(s => s.ToString()));
        foreach (var (sink, output) in outputs)
        {
            foreach (var shape in shapes)
            {
                Assert.False(output.Contains(shape.Secret, StringComparison.Ordinal), $"{sink} wrote {shape} raw ({described}): {output}");
            }

            eachSink(sink, output, described);
        }
    }
}
