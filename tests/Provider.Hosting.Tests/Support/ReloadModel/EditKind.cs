namespace LoguStyle.Hosting.Tests.Support.ReloadModel;

/// <summary>What an edit to appsettings.json should do to the running sinks.</summary>
internal enum EditKind
{
    /// <summary>Validates: the sinks are rebuilt from it.</summary>
    Valid,

    /// <summary>Parses but does not validate: rejected, reported once, the previous sinks keep writing.</summary>
    Rejected,

    /// <summary>Does not parse: reported once, the previous sinks keep writing.</summary>
    Broken,
}
