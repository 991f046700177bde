namespace WorkerService;

/// <summary>The sample's own settings (section <c>Sample</c>).</summary>
public sealed class SampleOptions
{
    /// <summary>How long the worker logs before it stops the host. Default 3 seconds.</summary>
    public double Seconds { get; set; } = 3;
}
