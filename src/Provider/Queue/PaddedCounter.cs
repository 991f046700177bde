using System.Runtime.InteropServices;

namespace LoguStyle.Queue;

/// <summary>
/// A counter alone on its cache line. The producers' count of accepted records and the writer's count of settled
/// ones change on different cores for every record; side by side they would drag one line back and forth.
/// </summary>
[StructLayout(LayoutKind.Explicit, Size = 128)]
internal struct PaddedCounter
{
    [FieldOffset(64)]
    public long Value;
}
