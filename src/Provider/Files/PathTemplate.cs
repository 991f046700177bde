using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace LoguStyle.Files;

/// <summary>
/// A file sink's path, parsed once: the folder, the file name with its <c>{time[:format]}</c> tokens, and the pattern
/// that recognises this sink's own files in the folder (active, rotated, compressed), so retention and compression
/// never touch anything else.
/// </summary>
internal sealed class PathTemplate
{
    /// <summary>The format of <c>{time}</c> in a path, and of the start time in a rotated name.</summary>
    public const string DefaultTimeFormat = "yyyy-MM-dd_HH-mm-ss_ffffff";

    private readonly List<(string? Literal, string? TimeFormat)> _parts;

    // The file name as one format to read the time of a name back (null when the tokens name no date), and whether
    // that format writes an offset.
    private readonly string? _nameFormat;
    private readonly bool _nameHasOffset;

    // The first of the private-use characters that stand for tokens in CreatePattern (a file name never holds them).
    private const char TokenMark = '\uE000';

    private PathTemplate(string configured, string fullPath, string directory, List<(string? Literal, string? TimeFormat)> parts)
    {
        Configured = configured;
        FullPath = fullPath;
        Directory = directory;
        _parts = parts;
        _nameFormat = NameFormat(parts);
        _nameHasOffset = parts.Any(p => p.TimeFormat is { } format && TimeFormatPattern.HasOffset(format));
    }

    /// <summary>The path as configured.</summary>
    public string Configured { get; }

    /// <summary>The configured path made absolute, tokens and all: what identifies the file in this process.</summary>
    public string FullPath { get; }

    /// <summary>The folder, as a full path.</summary>
    public string Directory { get; }

    /// <summary>True when the file name has <c>{time}</c> tokens.</summary>
    public bool HasTokens => _parts.Any(p => p.TimeFormat is not null);


    /// <summary>Parses a configured path.</summary>
    /// <exception cref="ArgumentException">The path is invalid; the message says why.</exception>
    public static PathTemplate Parse(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        string full;
        try
        {
            full = Path.GetFullPath(path);
        }
        catch (Exception ex) when (ex is ArgumentException or NotSupportedException or PathTooLongException)
        {
            throw new ArgumentException($"'{path}' is not a valid file path: {ex.Message}", nameof(path), ex);
        }

        var directory = Path.GetDirectoryName(full) ?? throw new ArgumentException($"'{path}' names no file.", nameof(path));
        var name = Path.GetFileName(full);
        if (name.Length == 0)
        {
            throw new ArgumentException($"'{path}' names a folder, not a file.", nameof(path));
        }

        if (directory.Contains('{', StringComparison.Ordinal) || directory.Contains('}', StringComparison.Ordinal))
        {
            throw new ArgumentException($"'{path}': {{time}} tokens are accepted in the file name only, not in folder names.", nameof(path));
        }

        var parts = ParseName(path, name);
        var template = new PathTemplate(path, full, directory, parts);
        _ = template.Resolve(DateTimeOffset.UnixEpoch);
        return template;
    }

    /// <summary>The active file's full path for a file started at <paramref name="localTime"/>.</summary>
    public string Resolve(DateTimeOffset localTime)
    {
        var name = new StringBuilder();
        foreach (var (literal, format) in _parts)
        {
            name.Append(literal ?? localTime.ToString(format, CultureInfo.InvariantCulture));
        }

        return Path.Combine(Directory, name.ToString());
    }

    /// <summary>
    /// The instant the <c>{time}</c> tokens of a name <see cref="CreatePattern"/> matched were written for: the file's
    /// start, to the precision of the format. Null for a path without tokens, or whose tokens name no date
    /// (<c>{time:HH-mm-ss}</c>). Without an offset in the format, the name is wall-clock time in
    /// <paramref name="zone"/>, the earlier instant when that time occurred twice (as an older stamp is read).
    /// </summary>
    public DateTimeOffset? ReadNameTime(Match match, TimeZoneInfo zone)
    {
        if (_nameFormat is not { } format)
        {
            return null;
        }

        var name = match.Groups["stem"].Value + match.Groups["extension"].Value;
        if (_nameHasOffset)
        {
            return DateTimeOffset.TryParseExact(name, format, CultureInfo.InvariantCulture, DateTimeStyles.None, out var instant) ? instant : null;
        }

        return DateTime.TryParseExact(name, format, CultureInfo.InvariantCulture, DateTimeStyles.None, out var wall)
            ? ScheduledRotation.ToInstant(wall, zone)
            : null;
    }

    /// <summary>
    /// <paramref name="pattern"/> (from <see cref="CreatePattern"/>) matched against <paramref name="fileName"/>, failed
    /// (<see cref="Match.Empty"/>) also when the name's date does not exist: the pattern takes each field's digits on
    /// their own (<c>yyyy-MM-dd</c> takes <c>2026-11-31</c> and <c>2026-02-30</c>), and a format never writes a day that
    /// is not in the calendar, so such a name is another program's file, which retention and recovery must not touch.
    /// </summary>
    public Match MatchName(Regex pattern, string fileName)
    {
        var match = pattern.Match(fileName);
        if (!match.Success || _nameFormat is not { } format)
        {
            return match;
        }

        var name = match.Groups["stem"].Value + match.Groups["extension"].Value;
        var exists = _nameHasOffset
            ? DateTimeOffset.TryParseExact(name, format, CultureInfo.InvariantCulture, DateTimeStyles.None, out _)
            : DateTime.TryParseExact(name, format, CultureInfo.InvariantCulture, DateTimeStyles.None, out _);
        return exists ? match : Match.Empty;
    }

    /// <summary>The whole file name as one .NET format (literals escaped), when its tokens name a date; else null.</summary>
    private static string? NameFormat(List<(string? Literal, string? TimeFormat)> parts)
    {
        if (!parts.Any(p => p.TimeFormat is { } format && TimeFormatPattern.NamesADate(format)))
        {
            return null;
        }

        var format = new StringBuilder();
        foreach (var (literal, timeFormat) in parts)
        {
            if (literal is null)
            {
                // A one-letter standard format ("s") means a custom specifier inside a longer format: expand it.
                format.Append(timeFormat!.Length == 1 ? System.Globalization.DateTimeFormatInfo.InvariantInfo.GetAllDateTimePatterns(timeFormat[0])[0] : timeFormat);
                continue;
            }

            foreach (var c in literal)
            {
                format.Append('\\').Append(c);
            }
        }

        return format.ToString();
    }

    private static List<(string? Literal, string? TimeFormat)> ParseName(string path, string name)
    {
        var parts = new List<(string?, string?)>();
        var i = 0;
        while (i < name.Length)
        {
            var open = name.IndexOf('{', i);
            var close = name.IndexOf('}', i);
            if (open < 0)
            {
                if (close >= 0)
                {
                    throw new ArgumentException($"'{path}' has a '}}' without '{{'; the file name accepts {{time}} and {{time:format}} tokens only.", nameof(path));
                }

                parts.Add((name[i..], null));
                break;
            }

            if (open > i)
            {
                parts.Add((name[i..open], null));
            }

            var end = name.IndexOf('}', open);
            if (end < 0)
            {
                throw new ArgumentException($"'{path}' has a '{{' that is never closed; the file name accepts {{time}} and {{time:format}} tokens only.", nameof(path));
            }

            var token = name[(open + 1)..end];
            string format;
            if (token.Equals("time", StringComparison.OrdinalIgnoreCase))
            {
                format = DefaultTimeFormat;
            }
            else if (token.StartsWith("time:", StringComparison.OrdinalIgnoreCase) && token.Length > 5)
            {
                format = token[5..];
                try
                {
                    _ = DateTimeOffset.UnixEpoch.ToString(format, CultureInfo.InvariantCulture);
                }
                catch (FormatException ex)
                {
                    throw new ArgumentException($"'{path}' has a {{time}} format '{format}' that .NET rejects: {ex.Message}", nameof(path), ex);
                }
            }
            else
            {
                // "a_{{x}}.log": a doubled brace is no escape here (a file name has no literal braces to escape).
                throw new ArgumentException(
                    token.StartsWith('{')
                        ? $"'{path}' has '{{{{', but a file name's braces cannot be doubled (escaped); the file name accepts {{time}} and {{time:format}} tokens only."
                        : $"'{path}' has an unknown token '{{{token}}}'; the file name accepts {{time}} and {{time:format}} tokens only.",
                    nameof(path));
            }

            parts.Add((null, format));
            i = end + 1;
        }

        return parts;
    }

    /// <summary>
    /// Matches the file names of this sink: the active name, rotated names, and their archives (finished or half
    /// written) with the built-in extensions or <paramref name="archiveExtension"/>; for a path without a token, only
    /// stamped names have archives. A <c>{time:format}</c> token
    /// matches exactly the texts its format writes (<see cref="TimeFormatPattern"/>), so a file whose name only starts
    /// like the sink's (<c>app_audit.log</c> beside <c>app_{time:yyyy-MM-dd}.log</c>) never matches.
    /// </summary>
    public Regex CreatePattern(string? archiveExtension)
    {
        var archives = string.Join('|', Compression.ArchiveExtensions(archiveExtension).Distinct(StringComparer.OrdinalIgnoreCase).Select(Regex.Escape));
        var whole = new StringBuilder();
        var tokens = new List<string>();
        foreach (var (literal, format) in _parts)
        {
            if (literal is not null)
            {
                whole.Append(literal);
                continue;
            }

            // A private-use character stands for the token while the name is split into stem and extension.
            whole.Append((char)(TokenMark + tokens.Count));
            tokens.Add("(?:" + TimeFormatPattern.For(format!) + ")");
        }

        var name = whole.ToString();
        var extension = Path.GetExtension(name);
        var stem = name[..^extension.Length];
        string Escape(string text)
        {
            var escaped = new StringBuilder(Regex.Escape(text));
            for (var i = 0; i < tokens.Count; i++)
            {
                escaped.Replace(((char)(TokenMark + i)).ToString(), tokens[i]);
            }

            return escaped.ToString();
        }

        // A fixed path's sink archives only stamped (closed) names: `app.log.gz` beside `app.log` was made by someone
        // else (a `gzip app.log` by hand), so without a stamp only the active name itself is the sink's.
        var suffixes = "(?<archive>" + archives + ")?(?<part>" + Regex.Escape(RotatedFileNames.PartialExtension) + ")?";
        return new Regex(
            "^(?<stem>" + Escape(stem) + ")" + RotatedFileNames.StampPattern + "(?<extension>" + Escape(extension) + ")" + (tokens.Count == 0 ? "(?(stamp)" + suffixes + "|)" : suffixes) + "$",
            RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture);
    }
}
