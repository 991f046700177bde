namespace WorkerService;

/// <summary>The sample's own settings (section <c>Sample</c>).</summary>
public sealed class SampleOptions
{
    /// <summary>How long the worker logs before it stops the host. Default 3 seconds.</summary>
    public double Seconds { get; set; } = 3;

    /// <summary>The pause between orders. Default 250 ms; 0 logs as fast as it can (the SIGTERM test uses that).</summary>
    public int PauseMilliseconds { get; set; } = 250;
}
