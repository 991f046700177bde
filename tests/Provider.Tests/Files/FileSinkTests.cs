using System.Text;
using LoguStyle.Files;
using LoguStyle.Tests.Support;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace LoguStyle.Tests.Files;

public partial class FileSinkTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 24, 9, 10, 0, TimeSpan.Zero));

    public void Dispose() => _folder.Dispose();

    private string LogPath => _folder.File("app.log");

    private LoguStyleLoggerProvider Provider(FileSinkOptions sink, TextWriter? errors = null) =>
        new(new LoguStyleLoggerOptions { Sinks = { sink } }, _time, errors ?? TextWriter.Null);

    private FileSinkOptions Sink(Action<FileSinkOptions>? configure = null, string? path = null)
    {
        var sink = new FileSinkOptions(path ?? LogPath) { Format = "{message}" };
        configure?.Invoke(sink);
        return sink;
    }

    [Fact]
    public void Write_Records_AreUtf8WithoutBomOneLineEach()
    {
        using (var provider = Provider(Sink(s => s.Format = "{level:u3} {message}")))
        {
            var logger = provider.CreateLogger("c");
            logger.LogInformation("héllo ✓ {Name}", "wörld");
            logger.LogWarning("second");
        }

        var bytes = File.ReadAllBytes(LogPath);
        Assert.False(bytes.AsSpan().StartsWith(Encoding.UTF8.Preamble));
        Assert.Equal("INF héllo ✓ wörld\nWRN second\n", Encoding.UTF8.GetString(bytes));
    }

    [Fact]
    public async Task Write_WhileOpen_OtherReadersCanFollowTheFile()
    {
        using var provider = Provider(Sink());
        var logger = provider.CreateLogger("c");
        logger.LogInformation("one");
        await provider.FlushAsync();

        using var reader = new StreamReader(new FileStream(LogPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete));
        Assert.Equal("one", reader.ReadLine());
        logger.LogInformation("two");
        await provider.FlushAsync();
        Assert.Equal("two", reader.ReadLine());
    }

    [Fact]
    public void Write_BufferedRecords_AreFlushedByTheTimer()
    {
        using var provider = Provider(Sink());
        provider.CreateLogger("c").LogInformation("buffered");

        Assert.Equal(0, new FileInfo(LogPath).Length);
        _time.Advance(TimeSpan.FromMilliseconds(200));

        Assert.Equal("buffered\n", ReadShared(LogPath));
    }

    [Fact]
    public void Write_AutoFlush_EachRecordIsOnDiskAtOnce()
    {
        using var provider = Provider(Sink(s => s.AutoFlush = true));
        provider.CreateLogger("c").LogInformation("now");

        Assert.Equal("now\n", ReadShared(LogPath));
    }

    [Fact]
    public void Open_NewFile_IsOwnerReadWriteGroupRead()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        using (Provider(Sink()))
        {
        }

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead, File.GetUnixFileMode(LogPath));
    }

    [Fact]
    public void Delay_False_CreatesTheFileAtStart_True_AtTheFirstRecord()
    {
        var delayed = _folder.File("delayed.log");
        using var provider = new LoguStyleLoggerProvider(
            new LoguStyleLoggerOptions { Sinks = { Sink(), Sink(s => s.Delay = true, delayed) } }, _time, TextWriter.Null);

        Assert.True(File.Exists(LogPath));
        Assert.False(File.Exists(delayed));
        provider.CreateLogger("c").LogInformation("first");
        Assert.True(File.Exists(delayed));
    }

    [Fact]
    public void Mode_Truncate_EmptiesAnExistingFile_AppendKeepsIt()
    {
        var appended = _folder.File("appended.log");
        File.WriteAllText(LogPath, "old\n");
        File.WriteAllText(appended, "old\n");

        using (var provider = new LoguStyleLoggerProvider(
            new LoguStyleLoggerOptions { Sinks = { Sink(s => s.Mode = FileOpenMode.Truncate), Sink(null, appended) } }, _time, TextWriter.Null))
        {
            provider.CreateLogger("c").LogInformation("new");
        }

        Assert.Equal("new\n", File.ReadAllText(LogPath));
        Assert.Equal("old\nnew\n", File.ReadAllText(appended));
    }

    [Fact]
    public async Task Watch_DeletedFile_IsRecreatedAtThePath()
    {
        using var provider = Provider(Sink(s => s.Watch = true));
        var logger = provider.CreateLogger("c");
        logger.LogInformation("before");
        await provider.FlushAsync();

        File.Delete(LogPath);
        logger.LogInformation("after");
        await provider.FlushAsync();

        Assert.Equal("after\n", ReadShared(LogPath));
    }

    [Fact]
    public async Task NoWatch_MovedFile_KeepsReceivingRecords()
    {
        var moved = _folder.File("moved.log");
        using var provider = Provider(Sink());
        var logger = provider.CreateLogger("c");
        logger.LogInformation("before");
        await provider.FlushAsync();

        File.Move(LogPath, moved);
        logger.LogInformation("after");
        await provider.FlushAsync();

        Assert.Equal("before\nafter\n", ReadShared(moved));
        Assert.False(File.Exists(LogPath));
    }

    [Fact]
    public void Path_WithTimeToken_NamesTheFileByItsStart()
    {
        using (var provider = Provider(Sink(null, _folder.File("app_{time:yyyy-MM-dd}.log"))))
        {
            provider.CreateLogger("c").LogInformation("x");
        }

        Assert.Equal(["app_2026-11-24.log"], LogFolder.Names(_folder.Path));
    }

    [Fact]
    public void Path_MissingFolders_AreCreated()
    {
        var deep = _folder.File(Path.Combine("a", "b", "c", "app.log"));
        using (var provider = Provider(Sink(null, deep)))
        {
            provider.CreateLogger("c").LogInformation("deep");
        }

        Assert.Equal("deep\n", File.ReadAllText(deep));
    }

    [Fact]
    public void Build_TwoFileSinksOnOnePath_Throws()
    {
        var options = new LoguStyleLoggerOptions { Sinks = { Sink(), new FileSinkOptions(LogPath, "other") } };

        var ex = Assert.Throws<ArgumentException>(() => new LoguStyleLoggerProvider(options, _time));

        Assert.Contains($"Sinks '{LogPath}' and 'other' both write {LogPath}", ex.Message, StringComparison.Ordinal);
    }

    internal static string ReadShared(string path)
    {
        using var reader = new StreamReader(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete));
        return reader.ReadToEnd();
    }
}
