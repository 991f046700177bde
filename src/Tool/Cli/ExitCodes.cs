namespace LoguStyle.Tool.Cli;

/// <summary>What logu's exit code says (docs/tool.md#exit-codes).</summary>
internal static class ExitCodes
{
    /// <summary>Done; also when the reader of the output went away (<c>logu view x | head -1</c>) or tail -f was stopped.</summary>
    public const int Success = 0;

    /// <summary>A bad argument; the message on stderr names it and what is accepted.</summary>
    public const int BadArgument = 1;

    /// <summary>The path names no file: neither the file nor a rotated or compressed file of it.</summary>
    public const int NoFiles = 2;
}
