namespace LoguStyle.Files;

/// <summary>
/// A file sink's file could not be opened: the message names the file, the reason and when it is tried again, whole,
/// so whoever reports it (a record's write, the open at start-up) adds nothing but the <c>LoguStyle:</c> prefix.
/// </summary>
internal sealed class FileOpenException : IOException
{
    public FileOpenException(string message, Exception? inner)
        : base(message, inner)
    {
    }
}
