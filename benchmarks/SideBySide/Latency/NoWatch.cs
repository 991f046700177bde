namespace LoguStyle.SideBySide.Latency;

/// <summary>Notes nothing: the paced runs that only measure.</summary>
internal readonly struct NoWatch : ICallWatch
{
    public void StartThread()
    {
    }

    public int Mark() => 0;

    public void Saw(long startTimestamp, long ticks, int mark, bool afterSleep)
    {
    }
}
