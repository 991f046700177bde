using System.Collections.Concurrent;
using System.Diagnostics.Tracing;

namespace LoguStyle.SyslogThroughput;

/// <summary>
/// The runtime's allocation samples (GCAllocationTick: one about every 100 KB a thread allocates) by type and by the
/// thread that allocated: where the bytes of <c>allocated per record</c> come from. On when PROBE_ALLOCATIONS=1.
/// </summary>
internal sealed class AllocationSampler : EventListener
{
    private const EventKeywords GcKeyword = (EventKeywords)0x1;
    private readonly ConcurrentDictionary<(string Type, string Thread), int> _samples = new();

    public bool Counting { get; set; }

    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        if (eventSource.Name == "Microsoft-Windows-DotNETRuntime")
        {
            EnableEvents(eventSource, EventLevel.Verbose, GcKeyword);
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs eventData)
    {
        if (!Counting || !eventData.EventName!.StartsWith("GCAllocationTick", StringComparison.Ordinal))
        {
            return;
        }

        var type = eventData.Payload![eventData.PayloadNames!.IndexOf("TypeName")] as string ?? "?";
        // Delivered on the listener's own thread: the allocating thread is the event's.
        var thread = ThreadName(eventData.OSThreadId);
        _samples.AddOrUpdate((type, thread), 1, (_, n) => n + 1);
    }

    private static string ThreadName(long id)
    {
        try
        {
            return File.ReadAllText($"/proc/self/task/{id}/comm").Trim();
        }
        catch (IOException)
        {
            return $"#{id}";
        }
    }

    public void Print()
    {
        Console.WriteLine("allocation samples (about 100 KB each), by type and thread:");
        foreach (var ((type, thread), count) in _samples.OrderByDescending(p => p.Value).Take(15))
        {
            Console.WriteLine($"  {count,6}  {type}  [{thread}]");
        }
    }
}
