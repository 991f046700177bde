using LoguStyle.Sinks.Syslog;

namespace LoguStyle.Tests.Sinks.Syslog;

public class SyslogBackoffTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 24, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void WaitAt_BeforeAnyFailure_IsZero()
    {
        Assert.Equal(TimeSpan.Zero, new SyslogBackoff(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30)).WaitAt(Start));
    }

    [Fact]
    public void Failed_InARow_WaitsDoubleUpToTheLongest()
    {
        var backoff = new SyslogBackoff(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30));
        var waits = new List<double>();
        var now = Start;
        for (var i = 0; i < 8; i++)
        {
            backoff.Failed(now);
            waits.Add(backoff.WaitAt(now).TotalSeconds);
            now += backoff.WaitAt(now);
        }

        Assert.Equal([1, 2, 4, 8, 16, 30, 30, 30], waits);
    }

    [Fact]
    public void WaitAt_PartWayThroughTheWait_IsWhatIsLeft()
    {
        var backoff = new SyslogBackoff(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30));
        backoff.Failed(Start);
        Assert.Equal(TimeSpan.FromMilliseconds(400), backoff.WaitAt(Start.AddMilliseconds(600)));
        Assert.Equal(TimeSpan.Zero, backoff.WaitAt(Start.AddSeconds(2)));
    }

    [Fact]
    public void Succeeded_AfterFailures_NextFailureWaitsTheFirstWaitAgain()
    {
        var backoff = new SyslogBackoff(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30));
        backoff.Failed(Start);
        backoff.Failed(Start);
        backoff.Failed(Start);
        backoff.Succeeded();
        backoff.Failed(Start);
        Assert.Equal(TimeSpan.FromSeconds(1), backoff.WaitAt(Start));
    }
}
