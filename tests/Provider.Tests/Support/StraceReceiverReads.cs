using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using LoguStyle.Testing;

namespace LoguStyle.Tests.Support;

/// <summary>
/// What a running receiver read from its TCP sockets: <c>strace</c> attached to the process (every thread) records each
/// <c>recvfrom</c> with its bytes, so a test can tell bytes the kernel delivered to the receiver's socket but the
/// receiver never read from bytes it read and then lost in its own queue. One file a thread (<c>-ff</c>), each call
/// timed (<c>-ttt</c>) and its bytes in hex (<c>-xx</c>), put back in order per socket before they are parsed, so a
/// message split over two reads is found whole.
/// </summary>
internal sealed partial class StraceReceiverReads : IDisposable
{
    private static readonly TimeSpan AttachTimeout = TimeSpan.FromSeconds(20);
    private readonly Process _strace;
    private readonly string _prefix;

    private StraceReceiverReads(Process strace, string prefix)
    {
        _strace = strace;
        _prefix = prefix;
    }

    /// <summary>Attaches to every thread of <paramref name="processId"/>; returns once strace says it is attached.</summary>
    public static async Task<StraceReceiverReads> AttachAsync(int processId, string folder)
    {
        var prefix = Path.Combine(folder, "receiver-reads");
        var info = ChildProcessInfo.Create(
            "strace",
            ["-f", "-ff", "-ttt", "-xx", "-s", "1048576", "-e", "trace=recvfrom", "-o", prefix, "-p", processId.ToString(CultureInfo.InvariantCulture)],
            folder);
        var strace = Process.Start(info) ?? throw new InvalidOperationException("strace did not start (the Debian package strace; .ci/run installs it).");
        var reads = new StraceReceiverReads(strace, prefix);
        try
        {
            // strace attaches to each of the process's threads, then prints "Process N attached" (", with M threads")
            // on stderr once: what the receiver reads is traced from then on.
            while (true)
            {
                var line = await strace.StandardError.ReadLineAsync().WaitAsync(AttachTimeout)
                    ?? throw new InvalidOperationException("strace ended before it attached to the receiver.");
                if (line.Contains(" attached", StringComparison.Ordinal))
                {
                    break;
                }
            }

            // The rest of its stderr is read, so strace never waits on a full pipe.
            _ = strace.StandardError.ReadToEndAsync();
        }
        catch
        {
            reads.Dispose();
            throw;
        }

        return reads;
    }

    /// <summary>Waits for strace to end, which it does when the traced receiver exits.</summary>
    public Task ExitedAsync(TimeSpan deadline) => _strace.WaitForExitAsync().WaitAsync(deadline);

    /// <summary>
    /// The text the receiver read, one string a socket, the reads in the order they were made; calls strace could not
    /// show whole (cut at its string limit) are named in <paramref name="unreadable"/>.
    /// </summary>
    public IReadOnlyList<string> Streams(out List<string> unreadable)
    {
        var chunks = new List<(decimal Time, string Descriptor, byte[] Bytes)>();
        unreadable = [];
        foreach (var file in Directory.GetFiles(Path.GetDirectoryName(_prefix)!, Path.GetFileName(_prefix) + ".*"))
        {
            foreach (var line in File.ReadLines(file))
            {
                if (!line.Contains(" recvfrom(", StringComparison.Ordinal))
                {
                    continue;
                }

                if (Read().Match(line) is not { Success: true } read)
                {
                    // A failed read (EAGAIN) took nothing; anything else is a call this parser cannot count.
                    if (!line.Contains("= -1 ", StringComparison.Ordinal))
                    {
                        unreadable.Add(line.Length > 200 ? line[..200] : line);
                    }

                    continue;
                }

                var hex = read.Groups["hex"].Value.Replace("\\x", string.Empty, StringComparison.Ordinal);
                var bytes = Convert.FromHexString(hex);
                if (bytes.Length != int.Parse(read.Groups["result"].Value, CultureInfo.InvariantCulture))
                {
                    unreadable.Add($"a read of {read.Groups["result"].Value} bytes shown as {bytes.Length}");
                    continue;
                }

                chunks.Add((decimal.Parse(read.Groups["time"].Value, CultureInfo.InvariantCulture), read.Groups["fd"].Value, bytes));
            }
        }

        return [.. chunks.OrderBy(chunk => chunk.Time).GroupBy(chunk => chunk.Descriptor)
            .Select(socket => Encoding.UTF8.GetString([.. socket.SelectMany(chunk => chunk.Bytes)]))];
    }

    public void Dispose()
    {
        try
        {
            if (!_strace.HasExited)
            {
                _strace.Kill();
                _strace.WaitForExit(5000);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }

        _strace.Dispose();
    }

    [GeneratedRegex("""^(?<time>\d+\.\d+) recvfrom\((?<fd>\d+), "(?<hex>(\\x[0-9a-f]{2})*)", \d+, [^)]*\)\s+= (?<result>\d+)""")]
    private static partial Regex Read();
}
