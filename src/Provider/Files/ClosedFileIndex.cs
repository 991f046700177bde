namespace LoguStyle.Files;

/// <summary>
/// A sink's closed files as retention sees them, kept in memory between rotations: built by one scan of the folder
/// (at start-up), then told of each file archived or deleted, so a rotation costs no directory scan and one look at
/// the file it closed, however many archives the folder holds. Files others add to the folder meanwhile are seen at
/// the next start.
/// </summary>
internal sealed class ClosedFileIndex
{
    private readonly Dictionary<string, Entry> _byPath = new(StringComparer.Ordinal);
    private readonly SortedSet<Entry> _newestFirst = new(Comparer<Entry>.Create(Compare));

    /// <summary>False until a scan filled it (and after <see cref="Clear"/>).</summary>
    public bool IsBuilt { get; private set; }

    public int Count => _byPath.Count;

    public void Clear()
    {
        _byPath.Clear();
        _newestFirst.Clear();
        IsBuilt = false;
    }

    public void MarkBuilt() => IsBuilt = true;

    /// <summary>Adds <paramref name="file"/>, or replaces what was known of its path.</summary>
    public void Set(RetainedFile file, int clash)
    {
        Remove(file.Path);
        var entry = new Entry(file, clash);
        _byPath[file.Path] = entry;
        _newestFirst.Add(entry);
    }

    public void Remove(string path)
    {
        if (_byPath.Remove(path, out var entry))
        {
            _newestFirst.Remove(entry);
        }
    }

    /// <summary>The files newest first: by start instant, then clash number, then path.</summary>
    public IReadOnlyList<RetainedFile> NewestFirst() => [.. _newestFirst.Select(entry => entry.File)];

    private static int Compare(Entry? x, Entry? y)
    {
        var started = y!.File.Started.CompareTo(x!.File.Started);
        if (started != 0)
        {
            return started;
        }

        var clash = y.Clash.CompareTo(x.Clash);
        return clash != 0 ? clash : string.CompareOrdinal(y.File.Path, x.File.Path);
    }

    private sealed record Entry(RetainedFile File, int Clash);
}
