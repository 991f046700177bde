using System.Text.Json;

namespace LoguStyle.Hosting.Tests.Telemetry;

/// <summary>The names in a JSON line: every object's property names and every OTLP attribute's key, with a check that none is there twice.</summary>
internal static class JsonNames
{
    /// <summary>Every name in <paramref name="line"/>, depth first; fails the test when an object has a name twice.</summary>
    public static List<string> Of(string line)
    {
        using var document = JsonDocument.Parse(line);
        var names = new List<string>();
        Walk(document.RootElement, names, line);
        return names;
    }

    private static void Walk(JsonElement element, List<string> names, string line)
    {
        if (element.ValueKind == JsonValueKind.Object)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var property in element.EnumerateObject())
            {
                Assert.True(seen.Add(property.Name), $"'{property.Name}' twice in one object of {line}");
                names.Add(property.Name);
                Walk(property.Value, names, line);
            }

            // An OTLP attribute list is a list of {key, value}: its keys are names too.
            if (element.TryGetProperty("attributes", out var attributes) && attributes.ValueKind == JsonValueKind.Array)
            {
                var keys = new HashSet<string>(StringComparer.Ordinal);
                foreach (var attribute in attributes.EnumerateArray())
                {
                    var key = attribute.GetProperty("key").GetString()!;
                    Assert.True(keys.Add(key), $"attribute '{key}' twice in {line}");
                    names.Add(key);
                }
            }
        }
        else if (element.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in element.EnumerateArray())
            {
                Walk(item, names, line);
            }
        }
    }
}
