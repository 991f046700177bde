using System.Collections.Concurrent;
using System.Runtime.CompilerServices;

namespace LoguStyle.Formatting;

/// <summary>
/// Where templates are kept once read: one entry per text holds both readings, the plain one (<see cref="For"/>) made
/// when the text is first seen and MEL's (<see cref="ForMel"/>) made the first time it is asked for. The dictionary keeps
/// the first <see cref="MaxCached"/> texts of the process; a text seen after it is full goes to a small table by text,
/// where it stays until another text takes its slot. So a template is read once, not once per record, however many
/// other templates the process has, and what is kept stays bounded.
/// </summary>
internal sealed partial class MessageTemplate
{
    /// <summary>How many texts the dictionary keeps; the table for the texts after them has <see cref="Spare"/>'s length.</summary>
    internal const int MaxCached = 2048;

    private static readonly ConcurrentDictionary<string, SeenTemplate> Cache = new(StringComparer.Ordinal);

    // Entries by identity: a text's entry is here under the instance its entry was made for (see Lookup).
    private static readonly SeenTemplate?[] Seen = new SeenTemplate?[256];

    // Entries by text, once the dictionary is full: the latest text seen for each slot of its hash.
    private static readonly SeenTemplate?[] Spare = new SeenTemplate?[256];

    // MEL's reading of a text it refuses: an entry's answer once asked, so that a refusal is not asked again.
    private static readonly MessageTemplate Refused = new([], 0);

    // Set once the dictionary is full: its Count takes every one of its locks, so it is not asked again after that.
    private static volatile bool s_full;

    /// <summary>The entry of <paramref name="template"/>, made (and the text read) when there is none.</summary>
    /// <remarks>
    /// Hot path: a call site passes the same string instance every time (a literal), so a small table keyed by the
    /// instance answers without hashing the text; the dictionary, then the table by text, answer the rest. An entry
    /// keeps the instance it was made for, and only that instance goes into the identity table, so a template built anew
    /// for every call (an interpolated string) neither takes a slot from a literal nor allocates to get one. (The
    /// identity hash of a string is kept in its object header after the first call, so it costs a read.)
    /// </remarks>
    private static SeenTemplate Lookup(string template)
    {
        ref var seen = ref Seen[RuntimeHelpers.GetHashCode(template) & (Seen.Length - 1)];
        var last = Volatile.Read(ref seen);
        if (last is not null && ReferenceEquals(last.Text, template))
        {
            return last;
        }

        var known = Known(template);
        if (ReferenceEquals(known.Text, template))
        {
            Volatile.Write(ref seen, known);
        }

        return known;
    }

    /// <summary>The entry the dictionary or the table by text holds for <paramref name="template"/>; a new one, kept, otherwise.</summary>
    private static SeenTemplate Known(string template)
    {
        if (Cache.TryGetValue(template, out var known))
        {
            return known;
        }

        if (!s_full)
        {
            // Two threads may both add the last entries: the dictionary ends a few over MaxCached at most.
            if (Cache.Count < MaxCached)
            {
                return Cache.GetOrAdd(template, static text => new SeenTemplate(text, Parse(text)));
            }

            s_full = true;
        }

        ref var spare = ref Spare[template.GetHashCode(StringComparison.Ordinal) & (Spare.Length - 1)];
        var kept = Volatile.Read(ref spare);
        if (kept is not null && string.Equals(kept.Text, template, StringComparison.Ordinal))
        {
            return kept;
        }

        known = new SeenTemplate(template, Parse(template));
        Volatile.Write(ref spare, known);
        return known;
    }

    /// <summary>A text, its plain reading and, once asked for, MEL's.</summary>
    private sealed class SeenTemplate(string text, MessageTemplate? parsed)
    {
        // Null until asked for; Refused when MEL refuses the text. Two threads asking at once both read the text and
        // write the same answer.
        private MessageTemplate? _mel;

        public string Text { get; } = text;

        public MessageTemplate? Parsed { get; } = parsed;

        /// <summary>The plain reading when there is one (MEL reads a plain text the same way); MEL's otherwise, null when MEL refuses it.</summary>
        public MessageTemplate? Mel
        {
            get
            {
                if (Parsed is not null)
                {
                    return Parsed;
                }

                var mel = Volatile.Read(ref _mel);
                if (mel is null)
                {
                    mel = ParseAsMel(Text) ?? Refused;
                    Volatile.Write(ref _mel, mel);
                }

                return ReferenceEquals(mel, Refused) ? null : mel;
            }
        }
    }
}
