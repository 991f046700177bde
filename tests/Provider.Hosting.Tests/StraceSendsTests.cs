using LoguStyle.Hosting.Tests.Support;

namespace LoguStyle.Hosting.Tests;

/// <summary>
/// The trace reader of <see cref="SyslogBatchProcessTests"/>, on lines as strace 6.1 writes them (taken from traces of
/// the fault app against a slow listener, and of two threads sending at once).
/// </summary>
public class StraceSendsTests
{
    private const int Port = 40000;

    [Fact]
    public void Read_ASendSplitByAnotherThreadsCall_CountsItsPaddedResumedLine()
    {
        string[] lines =
        [
            """930   connect(87, {sa_family=AF_INET, sin_port=htons(40000), sin_addr=inet_addr("127.0.0.1")}, 16) = -1 EINPROGRESS (Operation now in progress)""",
            """930   sendto(87, "334 <14>1 2026-11-30T21:18:22.28"..., 65572, 0, NULL, 0) = 25554""",
            """930   sendto(87, ".......\"] FaultApp - record 1803"..., 40018, 0, NULL, 0) = -1 EAGAIN (Resource temporarily unavailable)""",
            """930   sendto(87, ".......\"] FaultApp - record 1803"..., 40018, 0, NULL, 0 <unfinished ...>""",
            """915   write(4, "\1", 1)                 = 1""",
            """930   <... sendto resumed>)             = 40018""",
            """930   sendto(87, "334 <14>1 2026-11-30T21:18:22.31"..., 35490, 0, NULL, 0) = 35490""",
        ];

        var (sends, unread) = StraceSends.Read(lines, Port);

        Assert.Equal([(65572, 25554), (40018, 40018), (35490, 35490)], sends);
        Assert.Empty(unread);
    }

    [Fact]
    public void Read_ACallOnTheSocketItDoesNotKnow_IsNamedNotSkipped()
    {
        string[] lines =
        [
            """930   connect(87, {sa_family=AF_INET, sin_port=htons(40000), sin_addr=inet_addr("127.0.0.1")}, 16) = 0""",
            """930   sendmsg(87, {msg_name=NULL, msg_namelen=0, msg_iov=[{iov_base="12 <14>1 -", iov_len=10}], msg_iovlen=1, msg_controllen=0, msg_flags=0}, 0) = 10""",
            """931   sendto(87, "12 <14>1 -"..., 10, 0, NULL, 0 <unfinished ...>""",
        ];

        var (sends, unread) = StraceSends.Read(lines, Port);

        Assert.Empty(sends);
        Assert.Equal(2, unread.Count);
        Assert.StartsWith("930   sendmsg(87,", unread[0], StringComparison.Ordinal);
        Assert.Contains("never resumed", unread[1], StringComparison.Ordinal);
    }

    [Fact]
    public void Read_NoConnectToThePort_SaysSo()
    {
        var (sends, unread) = StraceSends.Read(["""930   connect(87, {sa_family=AF_INET, sin_port=htons(41000), sin_addr=inet_addr("127.0.0.1")}, 16) = 0"""], Port);

        Assert.Empty(sends);
        Assert.Equal(["no connect to port 40000 in the trace"], unread);
    }
}
