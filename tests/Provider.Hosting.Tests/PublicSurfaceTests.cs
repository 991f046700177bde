using System.Reflection;

namespace LoguStyle.Hosting.Tests;

/// <summary>
/// README.md, "Packages": every public type of the two libraries is in the namespace <c>LoguStyle</c>, except the
/// class that holds <c>AddLoguStyle</c>, which is in <c>Microsoft.Extensions.Logging</c> as MEL's own
/// <c>AddConsole</c> is.
/// </summary>
public class PublicSurfaceTests
{
    [Fact]
    public void ExportedTypes_AreInLoguStyle_ExceptAddLoguStylesClassInMicrosoftExtensionsLogging()
    {
        var types = new[] { typeof(LoguStyleLoggerProvider).Assembly, typeof(LoguStyleBuilder).Assembly }
            .SelectMany(assembly => assembly.GetExportedTypes())
            .ToList();

        var elsewhere = types.Where(t => t.Namespace != "LoguStyle").Select(t => t.FullName).ToList();

        Assert.True(types.Count > 20, $"only {types.Count} exported types");
        Assert.Equal(["Microsoft.Extensions.Logging.LoguStyleLoggingBuilderExtensions"], elsewhere);
        Assert.NotNull(typeof(Microsoft.Extensions.Logging.LoguStyleLoggingBuilderExtensions).GetMethod("AddLoguStyle", BindingFlags.Public | BindingFlags.Static, [typeof(Microsoft.Extensions.Logging.ILoggingBuilder)]));
    }
}
