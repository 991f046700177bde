namespace LoguStyle.Formatting;

/// <summary>Turns a record into the bytes of one line (or one multi-line text record): the template plan or JSON.</summary>
internal interface IRecordFormatter
{
    /// <summary>True when records must carry their scopes.</summary>
    bool UsesScopes { get; }

    /// <summary>True when records must carry their template and properties.</summary>
    bool UsesProperties { get; }

    /// <summary>True when the output holds ANSI colours.</summary>
    bool Colored { get; }

    /// <summary>Writes the record, ending with a newline.</summary>
    void Render(LogRecord record, Utf8Buffer output);
}
