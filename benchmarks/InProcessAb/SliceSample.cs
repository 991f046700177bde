namespace LoguStyle.InProcessAb;

/// <summary>
/// One build's slice: the time from its first call to the end of the flush that follows the last, the bytes the
/// calling threads allocated in their calls (the flush not counted), and how much of the time the flush took (in
/// slices.tsv only: a difference between the builds that lies in the flush alone shows there).
/// </summary>
internal readonly record struct SliceSample(double ElapsedNs, long AllocatedBytes, double FlushNs);
