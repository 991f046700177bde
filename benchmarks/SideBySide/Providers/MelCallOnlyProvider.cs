using LoguStyle.SideBySide.Latency;
using Microsoft.Extensions.Logging;

namespace LoguStyle.SideBySide.Providers;

/// <summary>
/// A reference row, not a logging library: a provider enabled for every level whose <c>Log</c> does nothing
/// (<see cref="NothingProvider"/>). Its time per record is what Microsoft.Extensions.Logging's call costs before any
/// provider work (for a template call: its argument array, the boxing, the message's values and its template cache;
/// for a <c>[LoggerMessage]</c> call: the generated method and MEL's dispatch), so no provider that MEL calls can take
/// less. It writes nothing: the layout check leaves it out and its loss count is against no records. See
/// docs/benchmarks.md, "How far a provider can go".
/// </summary>
internal sealed class MelCallOnlyProvider : IBenchProvider
{
    public string Name => "mel-call-only";

    public string Setup => "no library: a provider enabled for every level whose Log does nothing; MEL's own cost of the call (a reference, not a peer; writes nothing)";

    public bool WritesNothing => true;

    public BenchLogging Create(string folder, LogLevel minimum)
    {
        var factory = LoggerFactory.Create(logging => logging.SetMinimumLevel(minimum));
        factory.AddProvider(new NothingProvider());
        return new BenchLogging(factory);
    }
}
