using System.Diagnostics.CodeAnalysis;
using LoguStyle.Files;
using LoguStyle.Parsing;

namespace LoguStyle;

/// <summary>
/// How a file sink compresses its closed files (Loguru's <c>compression</c>): gz, zip or br, or your own. Archives
/// are written beside the closed file, off the writing path, and the original is deleted only once the archive is
/// complete and flushed. A string (<c>"gz"</c>) converts implicitly.
/// </summary>
[SuppressMessage("Usage", "CA2225:Operator overloads have named alternates", Justification = "Parse is the named alternate.")]
public abstract class Compression
{
    /// <summary>The accepted forms, for error messages.</summary>
    internal const string Expected = "a compression: gz, zip or br";

    private protected Compression()
    {
    }

    /// <summary>gzip (<c>.gz</c>), readable by <c>gzip -d</c>, <c>zcat</c> and every log shipper.</summary>
    public static Compression GZip { get; } = new GZipCompression();

    /// <summary>A zip archive (<c>.zip</c>) holding the closed file.</summary>
    public static Compression Zip { get; } = new ZipCompression();

    /// <summary>Brotli (<c>.br</c>): smaller than gzip, slower to write.</summary>
    public static Compression Brotli { get; } = new BrotliCompression();

    /// <summary>
    /// Your own compression: <paramref name="compress"/> writes <c>destination</c> from <c>source</c>; LoguStyle
    /// writes to a temporary name, flushes it to disk when your code returns, renames it to <c>&lt;closed file&gt;</c> +
    /// <paramref name="extension"/>, then deletes the source. It runs on the archive worker, never on a logging call.
    /// </summary>
    /// <param name="extension">The archive's extension, with or without the dot.</param>
    /// <param name="compress">Writes the archive: (source path, destination path).</param>
    /// <returns>The compression, for <see cref="FileSinkOptions.Compression"/>.</returns>
    /// <example>
    /// <code>
    /// file.Compression = Compression.Custom("zst", (source, destination) =&gt; Zstd.CompressFile(source, destination));
    /// </code>
    /// </example>
    /// <exception cref="ArgumentException">
    /// <paramref name="extension"/> is empty, holds a character other than a letter, digit, <c>.</c>, <c>-</c> or
    /// <c>_</c> (a path separator would put every archive in a folder that does not exist), or is <c>part</c>, the
    /// extension of an archive still being written, which a start-up recovery takes for an unfinished one.
    /// </exception>
    public static Compression Custom(string extension, Action<string, string> compress)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(extension);
        ArgumentNullException.ThrowIfNull(compress);
        var dotted = extension.StartsWith('.') ? extension : "." + extension;
        if (dotted.Length == 1 || dotted.EndsWith('.') || dotted.AsSpan(1).ContainsAnyExcept(ExtensionCharacters))
        {
            throw new ArgumentException($"'{extension}' is not a file extension; accepted: letters, digits, '.', '-' and '_', e.g. \"zst\".", nameof(extension));
        }

        if (string.Equals(dotted, RotatedFileNames.PartialExtension, StringComparison.OrdinalIgnoreCase))
        {
            throw new ArgumentException($"'{extension}' is the extension of an archive still being written (x.log.gz.part), which a start-up recovery takes for an unfinished one; choose another, e.g. \"zst\".", nameof(extension));
        }

        return new CustomCompression(dotted, compress);
    }

    private static readonly System.Buffers.SearchValues<char> ExtensionCharacters =
        System.Buffers.SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-_");

    /// <summary>
    /// The one list of archive extensions a sink knows: the built-in ones and <paramref name="configured"/> (the sink's
    /// own, perhaps custom; <c>.gz</c> when it has none). Its files under any of them are its archives: a closed name is
    /// not reused while one exists, a closed file already archived under one is not compressed again, and retention
    /// and recovery match them.
    /// </summary>
    internal static IEnumerable<string> ArchiveExtensions(string? configured) => BuiltInExtensions.Append(configured ?? GZip.Extension);

    // After the three instances above (static fields are initialised in the order written).
    private static readonly string[] BuiltInExtensions = [GZip.Extension, Zip.Extension, Brotli.Extension];

    /// <summary>
    /// Parses as <see cref="Parse"/> does, without throwing: false when <paramref name="text"/> is null or not a compression, for
    /// code that checks its own settings.
    /// </summary>
    /// <param name="text">The text, e.g. as <see cref="Parse"/> takes it.</param>
    /// <param name="compression">The compression, or null when the text is not one.</param>
    /// <returns>True when the text is a compression.</returns>
    public static bool TryParse([System.Diagnostics.CodeAnalysis.NotNullWhen(true)] string? text, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out Compression? compression) =>
        Parsing.GrammarTryParse.Try(text, Parse, out compression);

    /// <summary>Parses <c>gz</c>, <c>zip</c> or <c>br</c> (also <c>gzip</c>, <c>brotli</c>), case-insensitive.</summary>
    /// <exception cref="GrammarException">The text names no supported compression.</exception>
    public static Compression Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Trim().ToUpperInvariant() switch
        {
            "GZ" or "GZIP" or ".GZ" => GZip,
            "ZIP" or ".ZIP" => Zip,
            "BR" or "BROTLI" or ".BR" => Brotli,
            _ => throw new GrammarException(text, Expected),
        };
    }

    /// <summary>Parses a compression from its text form (<see cref="Parse"/>); null stays null, as if the parameter were left out.</summary>
    [return: System.Diagnostics.CodeAnalysis.NotNullIfNotNull(nameof(text))]
    public static implicit operator Compression?(string? text) => text is null ? null : Parse(text);

    /// <summary>The archive extension, with its dot (<c>.gz</c>).</summary>
    internal abstract string Extension { get; }

    /// <summary>Writes the archive of <paramref name="source"/> to <paramref name="destination"/>.</summary>
    internal abstract void Compress(string source, string destination);

    /// <inheritdoc />
    public override string ToString() => Extension.TrimStart('.');
}
