using Microsoft.Extensions.Logging;

namespace LoguStyle.SideBySide.Providers;

/// <summary>
/// A reference row, not a logging library: a minimal provider that writes the benchmark's line on the calling thread.
/// A template call's message is written from the template and MEL's boxed values straight into bytes (as LoguStyle
/// does), a [LoggerMessage] call's comes from MEL's formatter (as LoguStyle's does); the time is the local clock (its
/// offset read once) with its date and second formatted once a second; the line's bytes go into a 64 KiB buffer,
/// written to the file with <see cref="FileStream"/> when full, under one lock. No escaping, no rotation, no checks, no error handling: its time per record is a floor
/// under a direct provider that takes each call's message the way LoguStyle does. See docs/benchmarks.md, "How far a
/// provider can go".
/// </summary>
internal sealed class FloorFileProvider : IBenchProvider
{
    public string Name => "floor-direct-file";

    public string Setup => "no library: the message from the template and MEL's values (template calls) or MEL's formatter ([LoggerMessage]), the clock, the line's bytes into a 64 KiB buffer written by a FileStream, one lock; no escaping, rotation or checks (a reference, not a peer)";

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
