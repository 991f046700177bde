using System.Reflection;

namespace LoguStyle.Hosting.Tests;

/// <summary>
/// README.md, "Packages": every public type of the two libraries is in the namespace <c>LoguStyle</c>, except the
/// class that holds <c>AddLoguStyle</c>, which is in <c>Microsoft.Extensions.Logging</c> as MEL's own
/// <c>AddConsole</c> is. And the shape rules of docs/api.md, "The public surface": no public const, no text default of an
/// optional parameter, and the predicate arguments built by hand only in tests.
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

    // docs/api.md, "The public surface": "The table lists every public type of the two packages". Each public type is
    // named in the table's types column, and each name there outside parentheses (where members are named) is a public type.
    [Fact]
    public void ApiDocsTable_NamesEveryPublicType_AndNoOtherTypeOutsideParentheses()
    {
        var api = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "docs", "api.md"));
        var section = api[api.IndexOf("## The public surface", StringComparison.Ordinal)..];
        var cells = section.Split('\n')
            .SkipWhile(line => !line.StartsWith("| for | types |", StringComparison.Ordinal))
            .Skip(2)
            .TakeWhile(line => line.StartsWith('|'))
            .Select(line => line.Split('|', StringSplitOptions.RemoveEmptyEntries)[1])
            .ToList();
        var named = cells.SelectMany(Backticked).ToHashSet(StringComparer.Ordinal);
        var typesNamed = cells.Select(OutsideParentheses).SelectMany(Backticked).ToList();
        var exported = Exported().Select(t => t.IsGenericType ? t.Name[..t.Name.IndexOf('`', StringComparison.Ordinal)] : t.Name).ToHashSet(StringComparer.Ordinal);

        Assert.NotEmpty(cells);
        Assert.Empty(exported.Where(type => !named.Contains(type)).Order(StringComparer.Ordinal));
        var notTypes = typesNamed.Where(name => !exported.Contains(name)).ToList();
        Assert.Empty(notTypes);
    }

    /// <summary>The names in backticks, generic arguments dropped (<c>InterpolatedLogHandler&lt;TLevel&gt;</c> is InterpolatedLogHandler).</summary>
    private static IEnumerable<string> Backticked(string cell) =>
        System.Text.RegularExpressions.Regex.Matches(cell, "`([^`]+)`").Select(m => m.Groups[1].Value.Split('<')[0]);

    /// <summary>The cell without its parenthesized parts (at any depth), where the table names members and examples.</summary>
    private static string OutsideParentheses(string cell)
    {
        var text = new System.Text.StringBuilder();
        var depth = 0;
        var inCode = false;
        foreach (var c in cell)
        {
            // A parenthesis inside backticks (`CreateLogger(args)`) is code, not the cell's own.
            inCode ^= c == '`';
            depth += inCode ? 0 : c == '(' ? 1 : c == ')' ? -1 : 0;
            if (depth == 0 && c != ')')
            {
                text.Append(c);
            }
        }

        return text.ToString();
    }

    private static IEnumerable<Type> Exported() =>
        new[] { typeof(LoguStyleLoggerProvider).Assembly, typeof(LoguStyleBuilder).Assembly }.SelectMany(assembly => assembly.GetExportedTypes());

    // A public const is compiled into the caller's assembly, which then keeps the old value after an upgrade.
    // docs/api.md: the 1.0 surface is the Shipped files, member by member; an entry left in Unshipped (Connections once
    // was) is a member the docs call shipped that the files do not.
    [Theory]
    [InlineData("Provider")]
    [InlineData("Provider.Hosting")]
    public void PublicApiUnshipped_IsEmpty_TheWholeSurfaceIsInShipped(string project)
    {
        var unshipped = File.ReadAllLines(Path.Combine(RepositoryPaths.Root, "src", project, "PublicAPI.Unshipped.txt"));

        Assert.Equal(["#nullable enable"], unshipped.Where(line => line.Length > 0));
    }

    [Fact]
    public void ExportedTypes_HaveNoPublicConstField()
    {
        var constants = Exported()
            .Where(t => !t.IsEnum)
            .SelectMany(t => t.GetFields(BindingFlags.Public | BindingFlags.Static | BindingFlags.DeclaredOnly).Where(f => f.IsLiteral).Select(f => $"{t.Name}.{f.Name}"));

        Assert.Empty(constants);
    }

    // An optional parameter's default is compiled into the caller, as a const is: a text default (a magic string) would
    // stay in callers built against an old version. Null, meaning "not given", is the one text default allowed, besides
    // the empty text of a [CallerMemberName] or [CallerFilePath] parameter, which the compiler replaces. Constructors
    // too: a sink's default name and syslog's default host are null in the signature and filled in by the library.
    [Fact]
    public void PublicMethodsAndConstructors_HaveNoOptionalStringParameterWithATextDefault()
    {
        var magic = Exported()
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Static | BindingFlags.Instance | BindingFlags.DeclaredOnly).Cast<MethodBase>()
                .Concat(t.GetConstructors()))
            .SelectMany(m => m.GetParameters().Where(p => p.ParameterType == typeof(string) && p.HasDefaultValue && p.DefaultValue is not null && !FilledByTheCompiler(p)).Select(p => $"{m.DeclaringType!.Name}.{m.Name}({p.Name} = \"{p.DefaultValue}\")"));

        Assert.Empty(magic);
    }

    private static bool FilledByTheCompiler(ParameterInfo parameter) =>
        parameter.IsDefined(typeof(System.Runtime.CompilerServices.CallerMemberNameAttribute)) || parameter.IsDefined(typeof(System.Runtime.CompilerServices.CallerFilePathAttribute));

    // The level markers are types, not values: InterpolatedLogHandler<TLevel> reads TLevel.Level, a static member, and a
    // struct type argument lets the JIT make it a constant. A struct's parameterless constructor cannot be hidden (C#
    // makes it public, and default(T) is always there), so a marker carries nothing that a constructed one could misuse.
    [Fact]
    public void LevelMarkers_AreEmptyReadOnlyStructs_HiddenFromIntelliSense()
    {
        var markers = Exported().Where(t => t.IsValueType && typeof(ILogLevelMarker).IsAssignableFrom(t)).ToList();

        Assert.Equal(["AtCritical", "AtDebug", "AtError", "AtInformation", "AtSuccess", "AtTrace", "AtWarning"], markers.Select(t => t.Name).Order());
        Assert.All(markers, marker =>
        {
            Assert.True(marker.IsDefined(typeof(System.Runtime.CompilerServices.IsReadOnlyAttribute)), marker.Name);
            Assert.Empty(marker.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic));
            Assert.Empty(marker.GetProperties(BindingFlags.Instance | BindingFlags.Public));
            Assert.Equal(System.ComponentModel.EditorBrowsableState.Never, marker.GetCustomAttribute<System.ComponentModel.EditorBrowsableAttribute>()?.State);
        });
    }

    // Immutable data handed to callbacks: records, so two built alike are equal (a test compares one it built with one
    // it saw) and print their values; sealed, with no init setter, so `with` copies but cannot change a value.
    [Fact]
    public void PredicateArguments_AreSealedRecords_EqualByValue()
    {
        var started = new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);
        var now = started.AddHours(1);

        Assert.True(typeof(RetainedFile).IsSealed);
        Assert.Equal(new RetainedFile("/logs/a.log", started, now, 10), new RetainedFile("/logs/a.log", started, now, 10));
        Assert.True(new RotationContext("/logs/a.log", 1, 2, started, now) == new RotationContext("/logs/a.log", 1, 2, started, now));
        Assert.Contains("Path = /logs/a.log", new RetainedFile("/logs/a.log", started, now, 10).ToString(), StringComparison.Ordinal);
    }

    // What a rotation or retention predicate sees: made by the sink, built by hand only to test a predicate (one
    // constructor); no init setters or Deconstruct, so a later version can add a property without breaking callers.
    [Theory]
    [InlineData(typeof(RotationContext))]
    [InlineData(typeof(RetainedFile))]
    public void PredicateArguments_HaveOneConstructor_ReadOnlyProperties_NoDeconstruct(Type type)
    {
        Assert.Single(type.GetConstructors());
        Assert.Null(type.GetMethod("Deconstruct"));
        Assert.All(type.GetProperties(), property => Assert.Null(property.SetMethod));
    }

    [Fact]
    public void ApiTestingSnippet_HandBuiltRecordContextAndFile_ReachTheUsersCode()
    {
        var (masked, rotates, deleted, record) = DocSnippets.ApiTestingYourCode.Run();

        Assert.True(masked);
        Assert.True(rotates);
        Assert.True(deleted);
        Assert.True(record.TryGetProperty("OrderId", out var id));
        Assert.Equal(42, id);
        Assert.IsType<TimeoutException>(record.Exception);
    }
}
