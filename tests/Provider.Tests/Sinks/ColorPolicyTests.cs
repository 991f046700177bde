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
}
