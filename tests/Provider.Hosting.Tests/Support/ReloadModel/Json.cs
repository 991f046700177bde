namespace LoguStyle.Hosting.Tests.Support.ReloadModel;

/// <summary>Writes the little JSON the reload model needs, member order kept as given.</summary>
internal static class Json
{
    public static string Text(string value) => "\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";

    public static string Object(IEnumerable<KeyValuePair<string, string>> members) =>
        "{ " + string.Join(", ", members.Select(member => Text(member.Key) + ": " + member.Value)) + " }";
}
