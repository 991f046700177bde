namespace LoguStyle;

/// <summary>What a file sink does with an existing active file when it first opens it (Loguru's <c>mode</c>).</summary>
public enum FileOpenMode
{
    /// <summary>Keep the existing records and write after them (the default).</summary>
    Append,

    /// <summary>Start the file empty.</summary>
    Truncate,
}
