using System.Reflection;
using System.Runtime.Loader;

namespace LoguStyle.InProcessAb;

/// <summary>
/// One LoguStyle build's assemblies (LoguStyle, LoguStyle.Hosting) from its folder; every other assembly, Microsoft's
/// Extensions above all, comes from the default context. Both builds then hand their loggers to the same MEL types
/// (ILoggingBuilder, ILoggerFactory, IConfiguration), so the harness drives them through one compiled call site.
/// </summary>
internal sealed class BuildLoadContext(string folder) : AssemblyLoadContext($"LoguStyle build {folder}")
{
    public string Folder => folder;

    protected override Assembly? Load(AssemblyName assemblyName)
    {
        // Only LoguStyle's own assemblies are private to a build; null defers to the default context.
        var name = assemblyName.Name;
        if (name is null || !name.StartsWith("LoguStyle", StringComparison.Ordinal))
        {
            return null;
        }

        var path = Path.Combine(folder, name + ".dll");
        return File.Exists(path) ? LoadFromAssemblyPath(path) : null;
    }
}
