namespace LoguStyle.Files;

/// <summary>
/// The closed files an archive worker of this process has taken on (queued or compressing), so no other worker
/// compresses, deletes or recovers them meanwhile. Two workers can see one file: the worker of a sink being removed by
/// a reload still drains its queue while the sink's next file object recovers the same folder, and a sink whose path
/// looks like another's closed names shares them. A file is archived by the worker that claimed it, once.
/// </summary>
internal static class ArchiveClaims
{
    private static readonly Lock Gate = new();
    private static readonly Dictionary<string, object> Owners = new(StringComparer.Ordinal);

    /// <summary>Claims <paramref name="path"/> for <paramref name="owner"/>; false when another owner holds it.</summary>
    public static bool TryClaim(string path, object owner)
    {
        lock (Gate)
        {
            if (Owners.TryGetValue(path, out var holder))
            {
                return ReferenceEquals(holder, owner);
            }

            Owners[path] = owner;
            return true;
        }
    }

    /// <summary>True when an owner other than <paramref name="owner"/> holds <paramref name="path"/>.</summary>
    public static bool IsClaimedByAnother(string path, object owner)
    {
        lock (Gate)
        {
            return Owners.TryGetValue(path, out var holder) && !ReferenceEquals(holder, owner);
        }
    }

    /// <summary>Gives <paramref name="path"/> up, if <paramref name="owner"/> holds it.</summary>
    public static void Release(string path, object owner)
    {
        lock (Gate)
        {
            if (Owners.TryGetValue(path, out var holder) && ReferenceEquals(holder, owner))
            {
                Owners.Remove(path);
            }
        }
    }
}
