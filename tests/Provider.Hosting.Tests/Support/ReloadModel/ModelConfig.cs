namespace LoguStyle.Hosting.Tests.Support.ReloadModel;

/// <summary>
/// A valid <c>Logging:LoguStyle</c> section of the reload model: the sinks it names (code sinks it leaves out keep what
/// code gave them), written in <see cref="Order"/>, which need not be key order.
/// </summary>
internal sealed record ModelConfig(IReadOnlyList<ModelSink> Sinks)
{
    /// <summary>The sinks a fresh start with this configuration has: the code sinks, then the configured ones in key order.</summary>
    public IReadOnlyList<ModelSink> Effective =>
    [
        .. ModelSink.CodeSinks.Select(name => Find(name) ?? new ModelSink(name, null, null, null, null)),
        .. ModelSink.ConfiguredSinks.Order(StringComparer.OrdinalIgnoreCase).Select(Find).OfType<ModelSink>(),
    ];

    public ModelSink? Find(string name) => Sinks.FirstOrDefault(sink => sink.Name == name);

    public string ToJson(string folder) => ToJson(Sinks.Select(sink => new KeyValuePair<string, List<KeyValuePair<string, string>>>(sink.Name, sink.Members(folder))));

    public static string ToJson(IEnumerable<KeyValuePair<string, List<KeyValuePair<string, string>>>> sinks) =>
        Json.Object([new("Sinks", Json.Object(sinks.Select(sink => new KeyValuePair<string, string>(sink.Key, Json.Object(sink.Value)))))]);
}
