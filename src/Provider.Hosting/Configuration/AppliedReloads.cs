using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

namespace LoguStyle.Hosting.Configuration;

/// <summary>
/// Tells <c>IOptionsMonitor&lt;LoguStyleLoggerOptions&gt;</c> that a reload applied (see <see cref="ConfigurationReloader"/>):
/// its <c>OnChange</c> listeners run with the options the sinks run with from then on, and a rejected edit tells them
/// nothing. The monitor knows of no other change of these options: they are read by LoguStyle's own reader, which the
/// reloader runs once per edit.
/// </summary>
internal sealed class AppliedReloads : IOptionsChangeTokenSource<LoguStyleLoggerOptions>, IDisposable
{
    private CancellationTokenSource _next = new();

    public string Name => Options.DefaultName;

    public IChangeToken GetChangeToken() => new CancellationChangeToken(Volatile.Read(ref _next).Token);

    /// <summary>A reload applied: the token handed out so far fires (its listeners run on this thread), a new one follows.</summary>
    public void Applied()
    {
        var applied = Interlocked.Exchange(ref _next, new CancellationTokenSource());
        applied.Cancel();
        applied.Dispose();
    }

    public void Dispose() => _next.Dispose();
}
