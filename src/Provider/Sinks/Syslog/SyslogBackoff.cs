namespace LoguStyle.Sinks.Syslog;

/// <summary>
/// When the next connection attempt may be made: at once at first and after a success; after a failure, the first wait
/// (1 s), doubled per failure in a row up to the longest (30 s). A receiver that is down is not hammered, and one that
/// comes back is found within the longest wait.
/// </summary>
internal sealed class SyslogBackoff
{
    private readonly TimeSpan _first;
    private readonly TimeSpan _longest;
    private TimeSpan _next;
    private DateTimeOffset _notBefore = DateTimeOffset.MinValue;

    public SyslogBackoff(TimeSpan first, TimeSpan longest)
    {
        _first = first;
        _longest = longest;
        _next = first;
    }

    /// <summary>The wait the last failure set (zero before any).</summary>
    public TimeSpan LastWait { get; private set; }

    /// <summary>How long to wait at <paramref name="now"/> before the next attempt; zero when it may be made now.</summary>
    public TimeSpan WaitAt(DateTimeOffset now) => _notBefore > now ? _notBefore - now : TimeSpan.Zero;

    /// <summary>An attempt failed at <paramref name="now"/>: the next one waits, longer each time.</summary>
    public void Failed(DateTimeOffset now)
    {
        LastWait = _next;
        _notBefore = now + _next;
        _next = _next * 2 < _longest ? _next * 2 : _longest;
    }

    /// <summary>A send succeeded: the next failure starts from the first wait again.</summary>
    public void Succeeded()
    {
        _next = _first;
        LastWait = TimeSpan.Zero;
    }
}
