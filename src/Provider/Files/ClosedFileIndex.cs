namespace LoguStyle.Files;

/// <summary>
/// A sink's closed files as retention sees it, kept in memory between rotations: built by one scan of the folder
/// (at start-up, and for a shared file when another process may have changed the folder), then told of each file
/// archived or deleted, so a rotation costs no directory scan and one look at the file it closed, however many
/// archives the folder holds. Kept in two orders (by start, for count retention; by last write, for age retention), so
/// retention reads only the oldest end: its cost follows the files it deletes, not the files it keeps. A newly closed
/// file is the newest in both orders, so adding it is one step at the end of each tree.
/// </summary>
internal sealed class ClosedFileIndex
{
    private readonly Dictionary<string, Entry> _byPath = new(StringComparer.Ordinal);
    private readonly SortedSet<Entry> _newestFirst = new(Comparer<Entry>.Create(CompareNewestFirst));
    private readonly SortedSet<Entry> _oldestWrittenFirst = new(Comparer<Entry>.Create(CompareOldestWrittenFirst));

    // The sum of the files' lengths, kept with every change, so size retention reads only the oldest end too.
    private long _totalLength;

    /// <summary>False until a scan filled it (and after <see cref="Clear"/>).</summary>
    public bool IsBuilt { get; private set; }

    public int Count => _byPath.Count;

    /// <summary>The sum of the lengths of the files in the index, in bytes.</summary>
    public long TotalLength => _totalLength;

    public bool Contains(string path) => _byPath.ContainsKey(path);

    public void Clear()
    {
        _byPath.Clear();
        _newestFirst.Clear();
        _oldestWrittenFirst.Clear();
        _totalLength = 0;
        IsBuilt = false;
    }

    public void MarkBuilt() => IsBuilt = true;

    /// <summary>Adds <paramref name="file"/>, or replaces what was known of its path.</summary>
    public void Set(RetainedFile file, int clash) => Set(file, new SinkFileOrder(DateTimeOffset.MinValue, file.Started, clash));

    /// <summary>Adds <paramref name="file"/> at its place <paramref name="order"/>, or replaces what was known of its path.</summary>
    public void Set(RetainedFile file, SinkFileOrder order)
    {
        Remove(file.Path);
        var entry = new Entry(file, order);
        _byPath[file.Path] = entry;
        _newestFirst.Add(entry);
        _oldestWrittenFirst.Add(entry);
        _totalLength += file.Length;
    }

    public void Remove(string path)
    {
        if (_byPath.Remove(path, out var entry))
        {
            _newestFirst.Remove(entry);
            _oldestWrittenFirst.Remove(entry);
            _totalLength -= entry.File.Length;
        }
    }

    /// <summary>The files newest first: by their place in time (<see cref="SinkFileOrder"/>), then path.</summary>
    public IEnumerable<RetainedFile> NewestFirst() => _newestFirst.Select(entry => entry.File);

    /// <summary>The files oldest first (the reverse of <see cref="NewestFirst"/>), read lazily from the oldest end.</summary>
    public IEnumerable<RetainedFile> OldestFirst() => _newestFirst.Reverse().Select(entry => entry.File);

    /// <summary>The files by last write, oldest first, read lazily.</summary>
    public IEnumerable<RetainedFile> OldestWrittenFirst() => _oldestWrittenFirst.Select(entry => entry.File);

    /// <summary>Puts a few of the index's files newest first, as <see cref="NewestFirst"/> orders them.</summary>
    public List<RetainedFile> InNewestFirstOrder(IEnumerable<RetainedFile> files)
    {
        var entries = files.Select(file => _byPath[file.Path]).ToList();
        entries.Sort(CompareNewestFirst);
        return entries.ConvertAll(entry => entry.File);
    }

    private static int CompareNewestFirst(Entry? x, Entry? y)
    {
        var order = y!.Order.CompareTo(x!.Order);
        return order != 0 ? order : string.CompareOrdinal(y.File.Path, x.File.Path);
    }

    private static int CompareOldestWrittenFirst(Entry? x, Entry? y)
    {
        var written = x!.File.LastWrite.CompareTo(y!.File.LastWrite);
        return written != 0 ? written : string.CompareOrdinal(x.File.Path, y.File.Path);
    }

    private sealed record Entry(RetainedFile File, SinkFileOrder Order);
}
