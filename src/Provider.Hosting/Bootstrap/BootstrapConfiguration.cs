using Microsoft.Extensions.Configuration;

namespace LoguStyle.Hosting.Bootstrap;

/// <summary>
/// The application's configuration read the way <c>Host.CreateApplicationBuilder(args)</c> will read it: appsettings.json
/// and appsettings.{Environment}.json from the content root, then environment variables, then the command line, so the
/// bootstrap logger starts with the sinks the host will use.
/// </summary>
/// <remarks>
/// The environment and content root come from where the host takes them: <c>--environment</c> / <c>--contentRoot</c>
/// on the command line, else <c>DOTNET_ENVIRONMENT</c> / <c>DOTNET_CONTENTROOT</c>, else the <c>ASPNETCORE_</c> ones,
/// else Production and the current directory; a relative content root is taken from the app's base directory, as the
/// host takes it. A content root that does not exist is reported as a settings file that cannot be read. User secrets are left to the host (they need the entry assembly's id).
/// </remarks>
internal static class BootstrapConfiguration
{
    /// <summary>The configuration, and what was wrong with a settings file that could not be read (then left out).</summary>
    public static (IConfiguration Configuration, string? Problem) Build(string[] args)
    {
        var commandLine = new ConfigurationBuilder().AddCommandLine(args).Build();
        var environment = commandLine["environment"] ?? Variable("ENVIRONMENT") ?? "Production";
        var contentRoot = ContentRoot(commandLine["contentRoot"] ?? Variable("CONTENTROOT"));
        if (!Directory.Exists(contentRoot))
        {
            // The host will throw for it in CreateApplicationBuilder, inside the try whose catch logs through this logger.
            return (Read(args, contentRoot, environment, withFiles: false), $"The content root {contentRoot} does not exist: appsettings.json was not read.");
        }

        try
        {
            return (Read(args, contentRoot, environment, withFiles: true), null);
        }
        catch (Exception ex) when (ex is InvalidDataException or FormatException or IOException or UnauthorizedAccessException)
        {
            // A broken appsettings.json must not stop Main before its first line logs: the environment and the command
            // line still count, the default console shows the problem, and the host reports it again when it reads the file.
            return (Read(args, contentRoot, environment, withFiles: false), $"{ex.Message} {ex.InnerException?.Message}".TrimEnd());
        }
    }

    private static IConfiguration Read(string[] args, string contentRoot, string environment, bool withFiles)
    {
        // Only with the files: SetBasePath throws for a content root that does not exist, and the read without files is
        // the one that must not throw.
        var builder = new ConfigurationBuilder();
        if (withFiles)
        {
            builder.SetBasePath(contentRoot)
                .AddJsonFile("appsettings.json", optional: true, reloadOnChange: false)
                .AddJsonFile($"appsettings.{environment}.json", optional: true, reloadOnChange: false);
        }

        return builder.AddEnvironmentVariables().AddCommandLine(args).Build();
    }

    // As the host resolves it (HostBuilder.ResolveContentRootPath): none is the working directory, a relative one is
    // taken from the app's base directory, not from the working directory.
    private static string ContentRoot(string? given) =>
        string.IsNullOrEmpty(given) ? Directory.GetCurrentDirectory()
        : Path.IsPathRooted(given) ? given
        : Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, given));

    private static string? Variable(string name) =>
        Environment.GetEnvironmentVariable("DOTNET_" + name) ?? Environment.GetEnvironmentVariable("ASPNETCORE_" + name);
}
