using System.Text.Json;

namespace LoguStyle.Web.Tests.Support;

/// <summary>Reads a JSON lines file as a user's tool would: every line must be one whole JSON object.</summary>
internal static class JsonLines
{
    public static List<JsonElement> Read(string path)
    {
        var records = new List<JsonElement>();
        foreach (var line in File.ReadAllLines(path))
        {
            try
            {
                using var document = JsonDocument.Parse(line);
                Assert.Equal(JsonValueKind.Object, document.RootElement.ValueKind);
                records.Add(document.RootElement.Clone());
            }
            catch (JsonException ex)
            {
                Assert.Fail($"{Path.GetFileName(path)} has a line that is not JSON ({ex.Message}): {line}");
            }
        }

        return records;
    }

    public static string? Text(this JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>The records of one category in LoguStyle's own JSON format.</summary>
    public static List<JsonElement> OfCategory(this IEnumerable<JsonElement> records, string category) =>
        [.. records.Where(record => record.Text("category") == category)];
}
