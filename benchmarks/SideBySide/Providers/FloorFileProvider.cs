using Microsoft.Extensions.Logging;

namespace LoguStyle.SideBySide.Providers;

/// <summary>
/// A reference row, not a logging library: the least a provider that writes on the calling thread does for the
/// benchmark's line. MEL's own formatter gives the message; the time is the local clock with its date and second
/// formatted once a second; the line's bytes go into a 64 KiB buffer, written to the file with <see cref="FileStream"/>
/// when full, under one lock. No escaping, no rotation, no checks, no error handling. Its records/s is a floor for any
/// direct provider of this line through MEL on this machine (docs/benchmarks.md, "How far a direct provider can go").
/// </summary>
internal sealed class FloorFileProvider : IBenchProvider
{
    public string Name => "floor-direct-file";

    public string Setup => "no library: MEL's formatter, the clock, the line's bytes into a 64 KiB buffer written by a FileStream, one lock; no escaping, rotation or checks (a floor, not a peer)";

    public BenchLogging Create(string folder, LogLevel minimum)
    {
        // Added to the factory itself, which then disposes it (a provider given to the builder is an instance the
        // container did not create, and is not disposed).
        var writer = new FloorWriter(Path.Combine(folder, "floor.log"), minimum);
        var factory = LoggerFactory.Create(logging => logging.SetMinimumLevel(minimum));
        factory.AddProvider(writer);
        return new BenchLogging(factory, writer.Flush);
    }
}
