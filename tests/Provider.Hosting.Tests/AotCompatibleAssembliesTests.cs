using System.Reflection;

namespace LoguStyle.Hosting.Tests;

/// <summary>
/// README, "Native AOT": both packages are <c>IsAotCompatible</c>. The property leaves its mark in each assembly
/// (<c>IsTrimmable</c>, which tells the trimmer to trim it and report its warnings, and <c>IsAotCompatible</c>); the
/// publish that shows they hold is <c>AotPublishTests.Publish_PrintsNoTrimOrAotWarning</c>.
/// </summary>
public sealed class AotCompatibleAssembliesTests
{
    [Theory]
    [InlineData(typeof(LoguruExtensions))]
    [InlineData(typeof(LoguStyleBootstrap))]
    public void Assembly_IsMarkedTrimmableAndAotCompatible(Type inAssembly)
    {
        var metadata = inAssembly.Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().ToDictionary(a => a.Key, a => a.Value);

        Assert.Equal("True", metadata.GetValueOrDefault("IsTrimmable"));
        Assert.Equal("True", metadata.GetValueOrDefault("IsAotCompatible"));
    }
}
