namespace LoguStyle.Files.Shared;

/// <summary>
/// What a file is, whatever its path says: its device and inode. Two paths name one file when their identities are
/// equal (a symbolic link, a bind mount, a hard link), and a path names another file than the one held open when its
/// identity changed (renamed away and recreated, or swapped by <c>mv</c>).
/// </summary>
internal readonly record struct FileIdentity(ulong Device, ulong Inode)
{
    public override string ToString() => $"{Device:x}:{Inode}";
}
