namespace LoguStyle.Hosting.Configuration;

/// <summary>
/// What reading the <c>Logging:LoguStyle</c> section found: its errors, its warnings (values still accepted under an
/// obsolete name), and the key path of each configured sink.
/// </summary>
internal sealed class ConfigurationReadResult
{
    public List<string> Errors { get; } = [];

    public List<string> Warnings { get; } = [];

    public Dictionary<string, string> SinkPaths { get; } = new(StringComparer.OrdinalIgnoreCase);
}
