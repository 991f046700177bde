using System.Text;
using LoguStyle.Formatting;
using LoguStyle.Sinks;

namespace LoguStyle.Tests.Queue.Model;

/// <summary>
/// The inner sink of a scheduled file queue (<see cref="IFormatsAhead"/>): the callers format each record (its message,
/// the <c>p:i</c> that names it) into the queue's segments, and the writer appends the bytes, which this sink turns
/// back into the record they came from, so the checks read the same output as for a queue of records.
/// </summary>
internal sealed class FormattingRecordingSink(TimeProvider time, Func<string, LogRecord> recordOf) : RecordingSink(time), IFormatsAhead
{
    public void Render(LogRecord record, Utf8Buffer buffer) => buffer.Write(Encoding.UTF8.GetBytes(record.Message));

    public void AppendRendered(ReadOnlySpan<byte> rendered, DateTimeOffset timestamp, CancellationToken cancellationToken) => Take(recordOf(Encoding.UTF8.GetString(rendered)));
}
