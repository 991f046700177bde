using System.Text.Json;

namespace LoguStyle.Testing;

/// <summary>(Shared by the test projects.) One message as rsyslogd received and parsed it (a line of <see cref="RsyslogReceiver.OutputPath"/>).</summary>
internal sealed record ReceivedMessage(
    string Raw,
    int Pri,
    string Time,
    string Host,
    string App,
    string ProcId,
    string MsgId,
    string StructuredData,
    string Msg,
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> Params)
{
    public static ReceivedMessage Parse(string line)
    {
        using var document = JsonDocument.Parse(line);
        var root = document.RootElement;
        string Text(string name) => root.TryGetProperty(name, out var value) ? value.GetString() ?? string.Empty : string.Empty;

        // mmpstrucdata's tree: { "rfc5424-sd": { "sd-id": { "name": "value" } } }, itself written as a JSON string.
        var sd = new Dictionary<string, IReadOnlyDictionary<string, string>>(StringComparer.Ordinal);
        var parsed = Text("parsed");
        if (parsed.Length > 0)
        {
            using var tree = JsonDocument.Parse(parsed);
            if (tree.RootElement.TryGetProperty("rfc5424-sd", out var elements))
            {
                foreach (var element in elements.EnumerateObject())
                {
                    sd[element.Name] = element.Value.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString() ?? string.Empty, StringComparer.Ordinal);
                }
            }
        }

        return new ReceivedMessage(
            Text("raw"),
            int.Parse(Text("pri"), System.Globalization.CultureInfo.InvariantCulture),
            Text("time"),
            Text("host"),
            Text("app"),
            Text("procid"),
            Text("msgid"),
            Text("sd"),
            Text("msg"),
            sd);
    }
}
