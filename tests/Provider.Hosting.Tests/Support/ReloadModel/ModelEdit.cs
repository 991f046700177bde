namespace LoguStyle.Hosting.Tests.Support.ReloadModel;

/// <summary>
/// One edit of the reload model: the <c>Logging:LoguStyle</c> text it writes (for a given log folder), what it should
/// do, and the valid configuration it is (or was made from, for a rejected or broken edit).
/// </summary>
internal sealed record ModelEdit(EditKind Kind, string Description, ModelConfig Config, Func<string, string> Render)
{
    public override string ToString() => $"{Kind}: {Description}";
}
