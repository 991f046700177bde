using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using LoguStyle.Formatting;

namespace LoguStyle.Sinks.Syslog;

/// <summary>
/// Shortens a JSON MSG that does not fit the message's limit by cutting its longest texts, string values and member
/// names alike (the message, the exception's text, a 20 KB dictionary key or scope name), from the end, each cut marked
/// with "…", until the document fits: a shipper that parses MSG as JSON gets one whole document with every field, where
/// a cut of the bytes would leave it unparseable. A document that still does not fit once every text is cut (thousands
/// of members) may be cut at a member and closed. Only messages over the limit come here, so the parse and the rewrite
/// are off the hot path.
/// </summary>
internal static class JsonMessageCut
{
    private const string Marker = "…";

    // Each round cuts the longest texts; a document whose texts are all cut and still does not fit goes on to the prefix.
    private const int MaxRounds = 64;

    private static readonly System.Text.Encoding Utf8 = System.Text.Encoding.UTF8;

    // As deep as the formatters' writers may write (Utf8JsonWriter's default bound): a deep exception chain or aggregate
    // is nested far deeper than the reader's default of 64, and a parse refused for that would leave only the byte cut.
    private const int MaxDepth = 1000;

    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, MaxDepth = MaxDepth };

    private static readonly JsonDocumentOptions ReadOptions = new() { MaxDepth = MaxDepth };

    /// <summary>
    /// Writes <paramref name="json"/> to <paramref name="output"/> in at most <paramref name="room"/> bytes, its longest
    /// texts cut; when that is not enough and <paramref name="allMembers"/> is false, only its members up to the one
    /// that does not fit (and as much of that one as fits, when it is an object or array), closed. False (nothing
    /// written) when it is not a JSON object or cannot be made to fit.
    /// </summary>
    public static bool TryWrite(ReadOnlySpan<byte> json, int room, Utf8Buffer output, bool allMembers)
    {
        JsonObject? root;
        try
        {
            // Read whole here (Count does), so a name given twice (which JsonObject refuses) shows now, not halfway.
            root = JsonNode.Parse(json, documentOptions: ReadOptions) as JsonObject;
            _ = root?.Count;
        }
        catch (Exception ex) when (ex is JsonException or ArgumentException)
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
                    break;
                }
            }

            if (allMembers || room < 2)
            {
                return false;
            }

            scratch.Clear();
            WritePrefix(root, room, scratch);
            output.Write(scratch.WrittenSpan);
            return true;
        }
        finally
        {
            ScratchBuffers.Return(scratch);
        }
    }

    // Cuts the longest texts to one length, the longest that removes at least excess bytes of UTF-8 (escapes can make
    // it take another round; a marker adds its own), so the message and a long property share the room instead of one
    // losing all of it; false when no text got shorter.
    private static bool CutLongest(JsonObject root, int excess)
    {
        var texts = new List<Text>();
        Collect(root, texts);
        var longest = texts.Count == 0 ? 0 : texts.Max(t => t.Value.Length);
        var markerBytes = Utf8.GetByteCount(Marker);

        // The largest cap whose cuts remove enough: what a cap removes only grows as the cap falls.
        int Removed(int cap) => texts.Where(t => t.Value.Length > cap + Marker.Length)
            .Sum(t => Utf8.GetByteCount(t.Value) - Utf8.GetByteCount(t.Value.AsSpan(0, cap)) - markerBytes);
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

        // Values first: a value is found again by its member's name, which the names' cuts below change.
        var shortened = false;
        foreach (var text in texts.OrderBy(t => t.Name is not null))
        {
            if (text.Value.Length <= low + Marker.Length)
            {
                continue;
            }

            // Never half a surrogate pair: the kept text ends before the pair.
            var keep = low > 0 && char.IsLowSurrogate(text.Value[low]) ? low - 1 : low;
            var cut = string.Concat(text.Value.AsSpan(0, keep), Marker);
            shortened |= text.Name is { } name ? Rename((JsonObject)text.Owner, name, cut) : Replace(text.Owner, cut);
        }

        return shortened;
    }

    private static bool Replace(JsonNode value, string cut)
    {
        var shorter = JsonValue.Create(cut);
        switch (value.Parent)
        {
            case JsonObject parent:
                parent[value.GetPropertyName()] = shorter;
                return true;
            case JsonArray array:
                array[value.GetElementIndex()] = shorter;
                return true;
            default:
                return false;
        }
    }

    // A cut name keeps its member's place; one that is already in the object gets the first free suffix _2, _3, ...
    // (as the formatters name a repeated name, docs/json.md), so no reader sees a name twice.
    private static bool Rename(JsonObject parent, string name, string cut)
    {
        var unique = cut;
        for (var n = 2; parent.ContainsKey(unique); n++)
        {
            unique = string.Concat(cut, "_", n.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        if (Utf8.GetByteCount(unique) >= Utf8.GetByteCount(name))
        {
            return false;
        }

        var index = parent.IndexOf(name);
        var value = parent.GetAt(index).Value;
        parent.RemoveAt(index);
        parent.Insert(index, unique, value);
        return true;
    }

    /// <summary>A string value (<see cref="Name"/> null, <see cref="Owner"/> the value) or a member's name (<see cref="Owner"/> its object).</summary>
    private readonly record struct Text(JsonNode Owner, string? Name, string Value);

    private static void Collect(JsonNode node, List<Text> texts)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (name, child) in obj)
                {
                    texts.Add(new Text(obj, name, name));
                    if (child is not null)
                    {
                        Collect(child, texts);
                    }
                }

                break;
            case JsonArray array:
                foreach (var child in array)
                {
                    if (child is not null)
                    {
                        Collect(child, texts);
                    }
                }

                break;
            case JsonValue value when value.GetValueKind() == JsonValueKind.String:
                texts.Add(new Text(value, null, value.GetValue<string>()));
                break;
        }
    }

    // The members (items) of an object (array) in order up to the first that does not fit whole, then as much of that
    // one as fits when it is an object or array in turn, then the closing bracket: a prefix of the document, closed.
    // room is at least 2 (the brackets).
    private static void WritePrefix(JsonNode node, int room, Utf8Buffer output)
    {
        var array = node as JsonArray;
        output.Write(array is null ? "{"u8 : "["u8);
        var left = room - 2;
        var first = true;
        IEnumerable<KeyValuePair<string?, JsonNode?>> members = array is null
            ? ((JsonObject)node).Select(member => new KeyValuePair<string?, JsonNode?>(member.Key, member.Value))
            : array.Select(item => new KeyValuePair<string?, JsonNode?>(null, item));
        foreach (var (name, child) in members)
        {
            var separator = first ? 0 : 1;
            byte[] label = name is null ? [] : [.. Serialized(JsonValue.Create(name)), (byte)':'];
            var value = Serialized(child);
            if (separator + label.Length + value.Length <= left)
            {
                WriteMember(output, separator, label, value);
                left -= separator + label.Length + value.Length;
                first = false;
                continue;
            }

            if (child is JsonObject or JsonArray && separator + label.Length + 2 <= left)
            {
                WriteMember(output, separator, label, []);
                WritePrefix(child, left - separator - label.Length, output);
            }

            break;
        }

        output.Write(array is null ? "}"u8 : "]"u8);
    }

    private static void WriteMember(Utf8Buffer output, int separator, ReadOnlySpan<byte> label, ReadOnlySpan<byte> value)
    {
        if (separator > 0)
        {
            output.Write(","u8);
        }

        output.Write(label);
        output.Write(value);
    }

    private static byte[] Serialized(JsonNode? node)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            if (node is null)
            {
                writer.WriteNullValue();
            }
            else
            {
                node.WriteTo(writer);
            }
        }

        return buffer.WrittenSpan.ToArray();
    }
}
