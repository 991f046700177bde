using System.IO.Pipes;
using System.Text.Json;
using LoguStyle.Files;
using LoguStyle.Sinks;
using LoguStyle.Tests.Support;

namespace LoguStyle.Tests.Faults;

/// <summary>
/// One row of the sink-fault table: a sink, a way to make it fail for real, a way to take the fault away, and a way
/// to read back what reached the sink's destination.
/// </summary>
public abstract class SinkFault : IDisposable
{
    private static readonly string[] AllNames = ["dev-full", "tmpfs-full", "folder-blocked-by-a-file", "read-only-mount", "delegate-throws", "console-pipe-closed"];

    /// <summary>Every row, written on the caller's thread and through a queue, for <c>[MemberData]</c>.</summary>
    public static TheoryData<string, bool> Rows
    {
        get
        {
            var rows = new TheoryData<string, bool>();
            foreach (var name in AllNames)
            {
                rows.Add(name, false);
                rows.Add(name, true);
            }

            return rows;
        }
    }

    /// <summary>The faulty sink's name (unique: the meter is process-wide).</summary>
    public string SinkName { get; } = "fault-" + Guid.NewGuid().ToString("N")[..8];

    /// <summary>The failing sink.</summary>
    public abstract SinkOptions Sink { get; }

    /// <summary>A part of the reason the stderr report must give.</summary>
    public abstract string Reason { get; }

    /// <summary>True when the sink fails from the start (it cannot write a first record).</summary>
    public virtual bool BrokenFromStart => false;

    /// <summary>Makes the fault happen.</summary>
    public virtual void Break()
    {
    }

    /// <summary>Takes the fault away; false when it cannot be taken away.</summary>
    public abstract bool Heal();

    /// <summary>The messages that reached the sink's destination so far.</summary>
    public abstract IReadOnlyList<string> Delivered();

    public virtual void Dispose() => GC.SuppressFinalize(this);

    /// <summary>Creates the row <paramref name="name"/> in <paramref name="folder"/>; null with the reason when this machine cannot have it.</summary>
    public static SinkFault? Create(string name, string folder, out string whyNot)
    {
        whyNot = string.Empty;
        switch (name)
        {
            case "dev-full":
                return new DevFull();
            case "folder-blocked-by-a-file":
                return new FolderBlocked(folder);
            case "delegate-throws":
                return new ThrowingDelegate();
            case "console-pipe-closed":
                return new ClosedPipeConsole();
            case "tmpfs-full":
                return TmpfsMount.TryCreate(folder, 1024, readOnly: false, out whyNot) is { } full ? new FullDisk(full) : null;
            case "read-only-mount":
                return TmpfsMount.TryCreate(folder, 1024, readOnly: true, out whyNot) is { } readOnly ? new ReadOnlyMount(readOnly) : null;
            default:
                throw new ArgumentOutOfRangeException(nameof(name), name, "no such fault");
        }
    }

    /// <summary>The messages of a JSON lines file; a line that is not a whole JSON object fails the test.</summary>
    internal static List<string> JsonMessages(string path) =>
        !File.Exists(path)
            ? []
            : [.. Files.FileSinkTests.ReadShared(path).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line =>
            {
                using var json = JsonDocument.Parse(line);
                return json.RootElement.GetProperty("message").GetString()!;
            })];

    /// <summary>Writes to a device that is always full: every write fails with ENOSPC; nothing heals it.</summary>
    private sealed class DevFull : SinkFault
    {
        public override SinkOptions Sink => new FileSinkOptions("/dev/full", SinkName) { Format = "{message}", AutoFlush = true };

        public override string Reason => "No space left on device";

        public override bool BrokenFromStart => true;

        public override bool Heal() => false;

        public override IReadOnlyList<string> Delivered() => [];
    }

    /// <summary>A JSON file sink on a real 1 MiB file system of its own.</summary>
    private abstract class MountedFault(TmpfsMount mount) : SinkFault
    {
        protected TmpfsMount Mount => mount;

        public override SinkOptions Sink => new FileSinkOptions(mount.File("app.json"), SinkName) { Serialize = true };

        public override IReadOnlyList<string> Delivered() => JsonMessages(mount.File("app.json"));

        public override void Dispose()
        {
            mount.Dispose();
            base.Dispose();
        }
    }

    /// <summary>The file system filled by another file; deleting that file frees the space.</summary>
    private sealed class FullDisk(TmpfsMount mount) : MountedFault(mount)
    {
        private string? _filler;

        public override string Reason => "No space left on device";

        public override void Break() => _filler = Mount.Fill();

        public override bool Heal()
        {
            File.Delete(_filler!);
            return true;
        }
    }

    /// <summary>The sink's folder cannot be created: a file of that name is in the way until it is deleted.</summary>
    private sealed class FolderBlocked : SinkFault
    {
        private readonly string _blocker;
        private readonly string _path;

        public FolderBlocked(string folder)
        {
            _blocker = Path.Combine(folder, "blocked");
            _path = Path.Combine(_blocker, "app.json");
            File.WriteAllText(_blocker, "a file where the log folder should be");
        }

        public override SinkOptions Sink => new FileSinkOptions(_path, SinkName) { Serialize = true };

        public override string Reason => _blocker;

        public override bool BrokenFromStart => true;

        public override bool Heal()
        {
            File.Delete(_blocker);
            return true;
        }

        public override IReadOnlyList<string> Delivered() => JsonMessages(_path);
    }

    /// <summary>A read-only file system (root ignores file modes, so a read-only mount is the honest test); remounted read-write to heal.</summary>
    private sealed class ReadOnlyMount(TmpfsMount mount) : MountedFault(mount)
    {
        public override string Reason => "Read-only file system";

        public override bool BrokenFromStart => true;

        public override bool Heal()
        {
            Mount.Remount(readOnly: false);
            return true;
        }
    }

    /// <summary>A delegate sink that throws while broken.</summary>
    private sealed class ThrowingDelegate : SinkFault
    {
        private readonly List<string> _delivered = [];
        private volatile bool _broken;

        public override SinkOptions Sink => new DelegateSinkOptions(SinkName, record =>
        {
            if (_broken)
            {
                throw new InvalidOperationException("the alerting service is down");
            }

            lock (_delivered)
            {
                _delivered.Add(record.Message);
            }
        });

        public override string Reason => "InvalidOperationException: the alerting service is down";

        public override void Break() => _broken = true;

        public override bool Heal()
        {
            _broken = false;
            return true;
        }

        public override IReadOnlyList<string> Delivered()
        {
            lock (_delivered)
            {
                return [.. _delivered];
            }
        }
    }

    /// <summary>A console sink writing to a pipe whose reading end was closed: every write fails with EPIPE.</summary>
    private sealed class ClosedPipeConsole : SinkFault
    {
        private readonly AnonymousPipeServerStream _pipe = new(PipeDirection.Out);

        public ClosedPipeConsole()
        {
            // Close the only reading end: the writing end now fails as a console does when its reader has gone.
            _pipe.DisposeLocalCopyOfClientHandle();
        }

        public override SinkOptions Sink => new ConsoleSinkOptions(SinkName) { Format = "{message}", OutputOverride = _pipe };

        public override string Reason => "IOException: ";

        public override bool BrokenFromStart => true;

        public override bool Heal() => false;

        public override IReadOnlyList<string> Delivered() => [];

        public override void Dispose()
        {
            _pipe.Dispose();
            base.Dispose();
        }
    }
}
