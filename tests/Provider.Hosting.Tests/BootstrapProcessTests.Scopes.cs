using System.Text.Json;

namespace LoguStyle.Hosting.Tests;

/// <summary>
/// docs/configuration.md, "The hand-over": the bootstrap logger and the host's loggers share one scope store. A real
/// process (BootstrapApp's <c>scopes</c> mode) opens a scope, a Contextualize and a Bind on one side and logs on the other
/// inside them; the text file's <c>{scopes}</c> and the JSON file's <c>scopes</c> must hold both sides' values.
/// </summary>
public sealed partial class BootstrapProcessTests
{
    [Theory]
    [MemberData(nameof(Files))]
    public async Task SharedScopes_BootstrapAndHostLoggers_SeeEachOthersScopes_InTextAndJson(string file)
    {
        WriteSettings(file, """, "text": { "Type": "File", "Path": "app.txt", "Format": "{message} | {scopes}" }""");

        var run = await Run("scopes");

        Assert.True(run.ExitCode == 0, $"exit code {run.ExitCode}; stderr: {run.StandardError}");
        var json = ScopePairs();
        var text = File.ReadAllLines(_folder.File("app.txt")).Where(line => line.Length > 0)
            .ToDictionary(line => line[..line.IndexOf(" | ", StringComparison.Ordinal)], line => line[(line.IndexOf(" | ", StringComparison.Ordinal) + 3)..]);
        var activity = Assert.Single(json.Keys, message => message.StartsWith("host in activity ", StringComparison.Ordinal));
        var expected = new Dictionary<string, string[]>
        {
            ["host in bootstrap scope"] = ["Origin=bootstrap-scope"],
            ["host bound in bootstrap ctx"] = ["Origin=bootstrap-scope", "BootCtx=bootstrap-ctx", "HostBound=host-bind"],
            ["bootstrap in host scope"] = ["Origin=bootstrap-scope", "HostScope=host-scope"],
            ["bootstrap bound in host ctx"] = ["Origin=bootstrap-scope", "HostCtx=host-ctx", "BootBound=bootstrap-bind"],
            [activity] = ["Origin=bootstrap-scope", "TraceId=" + activity["host in activity ".Length..]],
            ["bootstrap after scopes"] = [],
        };
        Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), json.Keys.Where(expected.ContainsKey).Order(StringComparer.Ordinal));
        foreach (var (message, pairs) in expected)
        {
            Assert.True(pairs.All(json[message].Contains), $"JSON scopes of '{message}': {string.Join(", ", json[message])}; expected {string.Join(", ", pairs)}");
            Assert.True(pairs.All(pair => text[message].Contains(pair.Split('=')[1], StringComparison.Ordinal)), $"text scopes of '{message}': '{text[message]}'; expected the values of {string.Join(", ", pairs)}");
        }

        Assert.Empty(json["bootstrap after scopes"]);
        Assert.Equal(string.Empty, text["bootstrap after scopes"].Trim());
    }

    /// <summary>Each JSON record's message and the <c>name=value</c> pairs of its scopes.</summary>
    private Dictionary<string, List<string>> ScopePairs() =>
        File.ReadAllLines(_folder.File("app.log")).Where(line => line.Length > 0).Select(line =>
        {
            using var record = JsonDocument.Parse(line);
            var pairs = record.RootElement.TryGetProperty("scopes", out var scopes)
                ? scopes.EnumerateArray().Where(scope => scope.ValueKind == JsonValueKind.Object)
                    .SelectMany(scope => scope.EnumerateObject().Select(pair => $"{pair.Name}={pair.Value}")).ToList()
                : [];
            return (Message: record.RootElement.GetProperty("message").GetString()!, Pairs: pairs);
        }).ToDictionary(record => record.Message, record => record.Pairs);
}
