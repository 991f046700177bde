using LoguStyle.Formatting;

namespace LoguStyle.Sinks;

/// <summary>
/// A sink whose records a queue's callers may format for it, and whose writer then appends the formatted bytes (a file,
/// a syslog connection: see <see cref="Queue.RenderedSegments"/>): the record itself need not travel to the writer.
/// </summary>
internal interface IFormatsAhead
{
    /// <summary>Formats <paramref name="record"/> as the sink writes it, into <paramref name="buffer"/> (on the logging thread).</summary>
    void Render(LogRecord record, Utf8Buffer buffer);

    /// <summary>
    /// Writes a record <see cref="Render"/> formatted, with its timestamp, counted as the sink's (on the writer). May wait
    /// for its output (a syslog receiver that takes a full batch) until <paramref name="cancellationToken"/> is cancelled:
    /// the queue's give-up.
    /// </summary>
    void AppendRendered(ReadOnlySpan<byte> rendered, DateTimeOffset timestamp, CancellationToken cancellationToken);
}
