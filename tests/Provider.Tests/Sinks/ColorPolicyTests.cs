using LoguStyle.Sinks;

namespace LoguStyle.Tests.Sinks;

public class ColorPolicyTests
{
    [Theory]
    [InlineData(ColorMode.Auto, true, null, null, null, true)]
    [InlineData(ColorMode.Auto, false, null, null, null, false)]
    [InlineData(ColorMode.Auto, true, "1", null, null, false)]
    [InlineData(ColorMode.Auto, true, "", null, null, true)]
    [InlineData(ColorMode.Auto, false, null, "1", null, true)]
    [InlineData(ColorMode.Auto, false, null, "0", null, false)]
    [InlineData(ColorMode.Auto, false, null, "false", null, false)]
    [InlineData(ColorMode.Auto, false, "1", "1", null, false)]
    [InlineData(ColorMode.Auto, true, null, null, "dumb", false)]
    [InlineData(ColorMode.Auto, false, null, "1", "dumb", true)]
    [InlineData(ColorMode.Always, false, "1", null, "dumb", true)]
    [InlineData(ColorMode.Never, true, null, "1", null, false)]
    public void ShouldColorize_ModeTerminalAndEnvironment_Decides(ColorMode mode, bool terminal, string? noColor, string? forceColor, string? term, bool expected)
    {
        var environment = new Dictionary<string, string?> { ["NO_COLOR"] = noColor, ["FORCE_COLOR"] = forceColor, ["TERM"] = term };

        Assert.Equal(expected, ColorPolicy.ShouldColorize(mode, terminal, name => environment.GetValueOrDefault(name)));
    }

    [Theory]
    [InlineData("GITHUB_ACTIONS", "true", null, null, null, true)]
    [InlineData("TF_BUILD", "True", null, null, null, true)]
    [InlineData("TF_BUILD", "true", null, null, "dumb", true)]
    [InlineData("GITHUB_ACTIONS", "false", null, null, null, false)]
    [InlineData("GITHUB_ACTIONS", "", null, null, null, false)]
    [InlineData("CI", "true", null, null, null, false)]
    [InlineData("GITHUB_ACTIONS", "true", "1", null, null, false)]
    [InlineData("TF_BUILD", "True", "1", "1", null, false)]
    [InlineData("GITHUB_ACTIONS", "true", null, "0", null, true)]
    public void ShouldColorize_AutoOffATerminalInACi_OnWhereTheCiRendersColours(string variable, string value, string? noColor, string? forceColor, string? term, bool expected)
    {
        var environment = new Dictionary<string, string?> { [variable] = value, ["NO_COLOR"] = noColor, ["FORCE_COLOR"] = forceColor, ["TERM"] = term };

        Assert.Equal(expected, ColorPolicy.ShouldColorize(ColorMode.Auto, isTerminal: false, name => environment.GetValueOrDefault(name)));
    }
}
