using LoguStyle;
using Microsoft.Extensions.Logging;

namespace DocSnippets;

/// <summary>docs/api.md, "Testing your enricher, predicate or sink".</summary>
internal static class ApiTestingYourCode
{
    public static (bool Masked, bool Rotates, bool Deleted) Run(
        Action<LogRecord> maskCardNumbers,
        Func<RotationContext, bool> rotateAt100Mb,
        Func<RetainedFile, bool> deleteOld,
        DateTimeOffset started,
        DateTimeOffset now)
    {
        var record = new LogRecord(DateTimeOffset.Now, LogLevel.Error, "Payments", "Card 4111111111111111 declined")
        {
            Exception = new TimeoutException(),
            Properties = [new("OrderId", 42)],
        };
        maskCardNumbers(record);
        var masked = record.Message == "Card **** declined";
        var rotates = rotateAt100Mb(new RotationContext("/logs/app.log", size: 100_000_000, recordBytes: 120, started, now));
        var deleted = deleteOld(new RetainedFile("/logs/app.2026-11-01.log.gz", started, lastWrite: now, length: 4_096));
        return (masked, rotates, deleted);
    }
}
