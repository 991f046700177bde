using LoguStyle.Tool.Cli;
using LoguStyle.Tool.Output;
using LoguStyle.Tool.Reading;

namespace LoguStyle.Tool.Commands;

/// <summary>
/// <c>logu tail [-n N] [-f] &lt;path&gt;</c>: the last N kept records of the active file, then with <c>-f</c> each
/// record as it is written, through rotations (the sink renames the active file away and starts a new one at the path,
/// or a <c>{time}</c> path moves on to a new name) and truncation, until cancelled (Ctrl+C, SIGTERM).
/// </summary>
internal static class TailCommand
{
    /// <summary>How often the file is looked at when nothing new was read: short enough to feel live, a stat and a read.</summary>
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(100);

    public static async Task<int> RunAsync(ToolArguments arguments, RecordOutput output, TextWriter errors, CancellationToken cancel)
    {
        var onDamaged = Messages.Damaged(errors);
        var file = ActiveFile.Resolve(arguments.Path) is { } active ? FollowedFile.Open(active, onDamaged) : null;
        if (file is null)
        {
            errors.WriteLine(Messages.NoFiles(arguments.Path));
            return ExitCodes.NoFiles;
        }

        try
        {
            var last = new Queue<JsonLine>();
            file.ReadNew(line =>
            {
                if (arguments.Lines > 0 && arguments.Filter.Keeps(line.Record))
                {
                    if (last.Count == arguments.Lines)
                    {
                        last.Dequeue();
                    }

                    last.Enqueue(line);
                }
            });
            foreach (var line in last)
            {
                output.Write(line);
            }

            output.Flush();
            if (!arguments.Follow)
            {
                return ExitCodes.Success;
            }

            void Write(JsonLine line)
            {
                if (arguments.Filter.Keeps(line.Record))
                {
                    output.Write(line);
                }
            }

            while (!cancel.IsCancellationRequested)
            {
                if (file.ReadNew(Write) > 0)
                {
                    output.Flush();
                    continue;
                }

                var now = ActiveFile.Resolve(arguments.Path);
                if (now is not null && file.IsReplaced(now) && FollowedFile.Open(now, onDamaged) is { } next)
                {
                    // What the writer wrote before it let go of the old file, then the new file from its start.
                    file.ReadNew(Write);
                    if (file.TakeLast() is { } end)
                    {
                        Write(end);
                    }

                    output.Flush();
                    file.Dispose();
                    file = next;
                    continue;
                }

                try
                {
                    await Task.Delay(Poll, cancel).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }

            output.Flush();
            return ExitCodes.Success;
        }
        finally
        {
            file.Dispose();
        }
    }
}
