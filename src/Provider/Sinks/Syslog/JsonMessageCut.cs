using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using LoguStyle.Formatting;

namespace LoguStyle.Sinks.Syslog;

/// <summary>
/// Shortens a JSON MSG that does not fit the message's limit by cutting its longest string values (the message, the
/// exception's text) from the end, each cut marked with "…", until the document fits: a shipper that parses MSG as JSON
/// gets one whole document with every field, where a cut of the bytes would leave it unparseable. Only messages over
/// the limit come here, so the parse and the rewrite are off the hot path.
/// </summary>
internal static class JsonMessageCut
{
    private const string Marker = "…";

    // Each round cuts one string; a document whose strings are all cut and still does not fit gives up.
    private const int MaxRounds = 64;

    private static readonly System.Text.Encoding Utf8 = System.Text.Encoding.UTF8;

    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>
    /// Writes <paramref name="json"/> to <paramref name="output"/> in at most <paramref name="room"/> bytes, its longest
    /// strings cut; false (nothing written) when it is not a JSON object or cannot be made to fit.
    /// </summary>
    public static bool TryWrite(ReadOnlySpan<byte> json, int room, Utf8Buffer output)
    {
        JsonObject? root;
        try
        {
            root = JsonNode.Parse(json) as JsonObject;
        }
        catch (JsonException)
        {
            return false;
        }

        if (root is null)
        {
            return false;
        }

        var scratch = ScratchBuffers.Rent();
        try
        {
            for (var round = 0; round < MaxRounds; round++)
            {
                scratch.Clear();
                using (var writer = new Utf8JsonWriter(scratch, WriterOptions))
                {
                    root.WriteTo(writer);
                }

                var excess = scratch.WrittenCount - room;
                if (excess <= 0)
                {
                    output.Write(scratch.WrittenSpan);
                    return true;
                }

                if (!CutLongest(root, excess))
                {
                    return false;
                }
            }

            return false;
        }
        finally
        {
            ScratchBuffers.Return(scratch);
        }
    }

    // Cuts the longest strings to one length, the longest that removes at least excess bytes of UTF-8 (escapes can make
    // it take another round; a marker adds its own), so the message and a long property share the room instead of one losing all of
    // it; false when no string is left that a cut would shorten.
    private static bool CutLongest(JsonNode root, int excess)
    {
        var strings = Strings(root)
            .Select(value => (Value: value, Text: value.GetValue<string>()))
            .Select(s => (s.Value, s.Text, Bytes: Utf8.GetByteCount(s.Text)))
            .ToList();
        var longest = strings.Count == 0 ? 0 : strings.Max(s => s.Text.Length);
        var markerBytes = Utf8.GetByteCount(Marker);

        // The largest cap whose cuts remove enough: what a cap removes only grows as the cap falls.
        int Removed(int cap) => strings.Where(s => s.Text.Length > cap + Marker.Length)
            .Sum(s => s.Bytes - Utf8.GetByteCount(s.Text.AsSpan(0, cap)) - markerBytes);
        var low = 0;
        var high = longest;
        while (low < high)
        {
            var middle = (low + high + 1) / 2;
            if (Removed(middle) >= excess)
            {
                low = middle;
            }
            else
            {
                high = middle - 1;
            }
        }

        var cut = false;
        foreach (var (value, text, _) in strings)
        {
            if (text.Length <= low + Marker.Length)
            {
                continue;
            }

            // Never half a surrogate pair: the kept text ends before the pair.
            var keep = low > 0 && char.IsLowSurrogate(text[low]) ? low - 1 : low;
            var shorter = JsonValue.Create(string.Concat(text.AsSpan(0, keep), Marker));
            switch (value.Parent)
            {
                case JsonObject parent:
                    parent[value.GetPropertyName()] = shorter;
                    cut = true;
                    break;
                case JsonArray array:
                    array[value.GetElementIndex()] = shorter;
                    cut = true;
                    break;
            }
        }

        return cut;
    }

    private static IEnumerable<JsonValue> Strings(JsonNode node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (_, child) in obj)
                {
                    if (child is not null)
                    {
                        foreach (var value in Strings(child))
                        {
                            yield return value;
                        }
                    }
                }

                break;
            case JsonArray array:
                foreach (var child in array)
                {
                    if (child is not null)
                    {
                        foreach (var value in Strings(child))
                        {
                            yield return value;
                        }
                    }
                }

                break;
            case JsonValue value when value.GetValueKind() == JsonValueKind.String:
                yield return value;
                break;
        }
    }
}
