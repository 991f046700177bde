using System.Globalization;
using System.Text.RegularExpressions;

namespace LoguStyle.Hosting.Tests.Support;

/// <summary>
/// Reads, from an <c>strace -f</c> trace, the sends on the TCP socket connected to one port: the length asked and the
/// length the kernel took. strace -f prefixes each line with the thread id; a call during which another thread's call
/// is printed is split into an <c>&lt;unfinished ...&gt;</c> line and a <c>&lt;... resumed&gt;</c> line, and strace
/// pads the <c>= result</c> of a short line to column 40, so a resumed line reads <c>&lt;... sendto resumed&gt;)      = 65572</c>
/// (a parser that expected one space there lost that send: SyslogBatchProcessTests saw one 64 KiB batch missing).
/// </summary>
internal static partial class StraceSends
{
    /// <summary>The sends in order, and every other line on the socket (a system call the parser does not know), so a
    /// test can name what it could not count rather than report a sum that is short.</summary>
    public static (List<(int Asked, int Sent)> Sends, List<string> Unread) Read(IEnumerable<string> lines, int port)
    {
        string? socket = null;
        var pending = new Dictionary<string, int>(StringComparer.Ordinal);   // thread -> length asked by its unfinished send
        var sends = new List<(int, int)>();
        var unread = new List<string>();
        foreach (var line in lines)
        {
            if (socket is null)
            {
                if (Connect().Match(line) is { Success: true } connect && connect.Groups["port"].Value == port.ToString(CultureInfo.InvariantCulture))
                {
                    socket = connect.Groups["fd"].Value;
                }

                continue;
            }

            if (Send().Match(line) is { Success: true } send && send.Groups["fd"].Value == socket)
            {
                var asked = int.Parse(send.Groups["asked"].Value, CultureInfo.InvariantCulture);
                if (send.Groups["sent"].Success)
                {
                    sends.Add((asked, int.Parse(send.Groups["sent"].Value, CultureInfo.InvariantCulture)));
                }
                else if (!send.Groups["failed"].Success)
                {
                    pending[send.Groups["tid"].Value] = asked;
                }
            }
            else if (Resumed().Match(line) is { Success: true } resumed && pending.Remove(resumed.Groups["tid"].Value, out var askedBefore))
            {
                if (resumed.Groups["sent"].Success)
                {
                    sends.Add((askedBefore, int.Parse(resumed.Groups["sent"].Value, CultureInfo.InvariantCulture)));
                }
            }
            else if (OnDescriptor().Match(line) is { Success: true } other && other.Groups["fd"].Value == socket)
            {
                unread.Add(line);
            }
        }

        if (socket is null)
        {
            unread.Add($"no connect to port {port} in the trace");
        }

        unread.AddRange(pending.Select(p => $"thread {p.Key}: a send of {p.Value} bytes never resumed"));
        return (sends, unread);
    }

    [GeneratedRegex("""^\d+\s+connect\((?<fd>\d+), \{sa_family=AF_INET, sin_port=htons\((?<port>\d+)\)""")]
    private static partial Regex Connect();

    // A send that failed (-1 EAGAIN: the socket's buffer was full; .NET waits and sends the same bytes again) sent nothing.
    [GeneratedRegex("""^(?<tid>\d+)\s+(sendto|write)\((?<fd>\d+), ".*"\.*, (?<asked>\d+)(, [^)]*)?(\)\s+= ((?<sent>\d+)|(?<failed>-1 ))| <unfinished)""")]
    private static partial Regex Send();

    [GeneratedRegex("""^(?<tid>\d+)\s+<\.\.\. (sendto|write) resumed>.*\)\s+= ((?<sent>\d+)|-1 )""")]
    private static partial Regex Resumed();

    [GeneratedRegex("""^\d+\s+\w+\((?<fd>\d+),""")]
    private static partial Regex OnDescriptor();
}
