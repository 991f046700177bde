using System.Reflection;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Microsoft.Extensions.Logging;

namespace LoguStyle.Tests.Sinks;

/// <summary>
/// Options given in code are checked as configuration values are: an undefined enum value names the option and lists
/// the accepted names, and a setting that would do nothing (a JSON format without Serialize, a template with it) is
/// refused rather than ignored. The enum cases are generated from every enum-typed option of the options classes, so
/// an option added later is covered without a new test.
/// </summary>
public sealed class OptionsCheckTests : IDisposable
{
    // Defined by none of the enums (the largest, SyslogFacility, ends at 23); the generator below checks it.
    private const int Undefined = 42;
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    /// <summary>The provider's options class and every concrete sink options class.</summary>
    private static IEnumerable<Type> OptionsClasses() => typeof(SinkOptions).Assembly.GetExportedTypes()
        .Where(t => t == typeof(LoguStyleLoggerOptions) || (t.IsSubclassOf(typeof(SinkOptions)) && !t.IsAbstract));

    /// <summary>Provider options, and the object of <paramref name="optionsClass"/> in them (a new sink, or the options themselves).</summary>
    private (LoguStyleLoggerOptions Options, object Target) OptionsWith(string optionsClass)
    {
        var options = new LoguStyleLoggerOptions();
        if (optionsClass == nameof(LoguStyleLoggerOptions))
        {
            return (options, options);
        }

        var sink = NewSink(optionsClass);
        options.Sinks.Add(sink);
        return (options, sink);
    }

    /// <summary>Every public settable enum (or nullable enum) option of the provider's options and of every concrete sink options class.</summary>
    public static TheoryData<string, string> EnumOptions()
    {
        var data = new TheoryData<string, string>();
        foreach (var type in OptionsClasses())
        {
            foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite && p.SetMethod!.IsPublic))
            {
                var enumType = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
                if (enumType.IsEnum)
                {
                    Assert.False(Enum.IsDefined(enumType, Enum.ToObject(enumType, Undefined)), $"{enumType.Name} defines {Undefined}");
                    data.Add(type.Name, property.Name);
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(EnumOptions))]
    public void Start_UndefinedEnumValueInCode_FailsNamingTheOptionTheValueAndTheAcceptedNames(string optionsClass, string option)
    {
        var (options, target) = OptionsWith(optionsClass);
        var property = target.GetType().GetProperty(option)!;
        var enumType = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
        property.SetValue(target, Enum.ToObject(enumType, Undefined));

        var error = Assert.Throws<ArgumentException>(() => new LoguStyleLoggerProvider(options, TimeProvider.System, TextWriter.Null));

        Assert.Contains($"{option} {Undefined} is not ", error.Message, StringComparison.Ordinal);
        Assert.Contains($"; accepted: {string.Join(", ", Enum.GetNames(enumType))}.", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("below", error.Message, StringComparison.Ordinal);
        Assert.Equal("options", error.ParamName);
    }

    /// <summary>Every public dictionary option whose keys or values are an enum, of the provider's options and of every concrete sink options class.</summary>
    public static TheoryData<string, string> EnumDictionaryOptions()
    {
        var data = new TheoryData<string, string>();
        foreach (var type in OptionsClasses())
        {
            foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
            {
                if (property.PropertyType.IsGenericType && property.PropertyType.GetGenericTypeDefinition() == typeof(IDictionary<,>) &&
                    property.PropertyType.GetGenericArguments().Any(t => t.IsEnum))
                {
                    data.Add(type.Name, property.Name);
                }
            }
        }

        return data;
    }

    // C# lets a number be cast to an enum in a dictionary too: a category's filter of (LogLevel)42 once dropped that
    // category's records without a word, and a Levels key of 42 was ignored.
    [Theory]
    [MemberData(nameof(EnumDictionaryOptions))]
    public void Start_UndefinedEnumInADictionaryInCode_FailsNamingTheOptionAndTheValue(string optionsClass, string option)
    {
        var (options, target) = OptionsWith(optionsClass);
        var dictionary = target.GetType().GetProperty(option)!.GetValue(target)!;
        var types = dictionary.GetType().GetGenericArguments();
        object Value(Type type) => type.IsEnum ? Enum.ToObject(type, Undefined) : type == typeof(string) ? "X" : Activator.CreateInstance(type)!;
        dictionary.GetType().GetMethod("Add", types)!.Invoke(dictionary, [Value(types[0]), Value(types[1])]);

        var error = Assert.Throws<ArgumentException>(() => new LoguStyleLoggerProvider(options, TimeProvider.System, TextWriter.Null));

        Assert.Contains($"{Undefined}", error.Message, StringComparison.Ordinal);
        Assert.Contains("is not a level; accepted: Trace, Debug, Information, Warning, Error, Critical", error.Message, StringComparison.Ordinal);
        Assert.Contains(option, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Start_FilterOfACategoryNotALevel_NamesTheCategory()
    {
        var options = new LoguStyleLoggerOptions { Sinks = { new ConsoleSinkOptions { Filter = { ["My.App"] = (LogLevel)Undefined } } } };

        var error = Assert.Throws<ArgumentException>(() => new LoguStyleLoggerProvider(options, TimeProvider.System, TextWriter.Null));

        Assert.StartsWith("Sink 'console': Filter:My.App 42 is not a level; accepted: Trace, Debug, Information, Warning, Error, Critical, None.", error.Message, StringComparison.Ordinal);
    }

    public static TheoryData<string, TimeSpan> BadBounds => new()
    {
        { "ExitTimeout", TimeSpan.Zero },
        { "ExitTimeout", TimeSpan.FromSeconds(-1) },
        { "ExitTimeout", Timeout.InfiniteTimeSpan },
        { "DisposeTimeout", TimeSpan.Zero },
        { "DisposeTimeout", TimeSpan.FromSeconds(-1) },
        { "DisposeTimeout", Timeout.InfiniteTimeSpan },
        { "ExitTimeout", TimeSpan.FromDays(24) + TimeSpan.FromTicks(1) },
        { "DisposeTimeout", TimeSpan.FromDays(50) },
        { "DisposeTimeout", TimeSpan.MaxValue },
    };

    // Configuration refuses these ("is not a duration above zero"); given in code, a DisposeTimeout of -1 ms (the .NET
    // idiom for "for ever") was taken as no time at all, and dispose dropped most of the queued records.
    [Theory]
    [MemberData(nameof(BadBounds))]
    public void Start_DrainBoundNotAboveZeroInCode_FailsNamingTheOption(string option, TimeSpan value)
    {
        var options = new LoguStyleLoggerOptions();
        typeof(LoguStyleLoggerOptions).GetProperty(option)!.SetValue(options, value);

        var error = Assert.Throws<ArgumentException>(() => new LoguStyleLoggerProvider(options, TimeProvider.System, TextWriter.Null));

        Assert.StartsWith($"{option} ", error.Message, StringComparison.Ordinal);
        Assert.Contains("accepted: a duration above zero", error.Message, StringComparison.Ordinal);
    }

    // The longest bound a dispose and an exit take: a DisposeTimeout over 49.7 days was accepted and then thrown by the
    // dispose's timed wait (ArgumentOutOfRangeException), also from README's bootstrap Program.cs's finally.
    [Fact]
    public async Task Dispose_WithTheLongestDrainBounds_DrainsAndDoesNotThrow()
    {
        using var folder = new TempFolder();
        var path = folder.File("app.log");
        var options = new LoguStyleLoggerOptions
        {
            DisposeTimeout = TimeSpan.FromDays(24),
            ExitTimeout = TimeSpan.FromDays(24),
            Sinks = { new FileSinkOptions(path) { Format = "{message}", Enqueue = true } },
        };
        var errors = new StringWriter();
        var provider = new LoguStyleLoggerProvider(options, TimeProvider.System, errors);
        provider.CreateLogger("c").LogWarning("kept");
        provider.Reconfigure(options);
        provider.CreateLogger("c").LogWarning("kept too");

        await provider.DisposeAsync();

        Assert.Equal(["kept", "kept too"], File.ReadAllLines(path));
        Assert.Equal(string.Empty, errors.ToString());
    }

    // Configuration refuses an empty Format ("the value is empty"); in code it was taken, and every line written empty.
    [Fact]
    public void Start_EmptyFormatInCode_FailsAsInConfiguration()
    {
        var options = new LoguStyleLoggerOptions { Sinks = { new ConsoleSinkOptions("c") { Format = string.Empty } } };

        var error = Assert.Throws<ArgumentException>(() => new LoguStyleLoggerProvider(options, TimeProvider.System, TextWriter.Null));

        Assert.StartsWith("Sink 'c': Format is empty; give a template", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("  ", "only white space")]
    public void Start_EmptyLevelNameInCode_FailsAsInConfiguration(string name, string what)
    {
        var options = new LoguStyleLoggerOptions { Levels = { [LogLevel.Warning] = new LevelStyle { Name = name } } };

        var error = Assert.Throws<ArgumentException>(() => new LoguStyleLoggerProvider(options, TimeProvider.System, TextWriter.Null));

        Assert.StartsWith($"Levels[Warning].Name is {what};", error.Message, StringComparison.Ordinal);
    }

    // Found from outside: a level name or icon with a line break was written raw, so each record of that level became
    // two lines (and an escape character reached the terminal). Generated: any control character anywhere in a name.
    [Property(MaxTest = 60)]
    public Property Start_ALevelNameOrIconWithAControlCharacter_FailsNamingTheOptionAndTheCharacter() =>
        Prop.ForAll(
            (from text in Gen.Elements("WARN", "W", "⚠ warn", "")
             from control in Gen.OneOf(Gen.Choose(0, 0x1F), Gen.Choose(0x7F, 0x9F)).Select(c => (char)c)
             from at in Gen.Choose(0, 4)
             from icon in Gen.Elements(true, false)
             select (text, control, at, icon)).ToArbitrary(),
            ((string Text, char Control, int At, bool Icon) c) =>
            {
                var (text, control, at, icon) = c;
                var value = text.Insert(Math.Min(at, text.Length), control.ToString());
                var style = icon ? new LevelStyle { Icon = value } : new LevelStyle { Name = value };
                var options = new LoguStyleLoggerOptions { Levels = { [LogLevel.Warning] = style } };

                var error = Assert.Throws<ArgumentException>(() => new LoguStyleLoggerProvider(options, TimeProvider.System, TextWriter.Null));

                // A name of white space alone ("\n") is refused as such first.
                if (!icon && string.IsNullOrWhiteSpace(value))
                {
                    return error.Message.StartsWith("Levels[Warning].Name is only white space;", StringComparison.Ordinal) && error.ParamName == "options";
                }

                return error.Message.StartsWith($"Levels[Warning].{(icon ? "Icon" : "Name")} holds the control character U+{(int)control:X4}; accepted: printable characters only", StringComparison.Ordinal)
                    && error.ParamName == "options";
            });

    // Found from outside: a line or paragraph separator (a line break to many viewers) and a lone surrogate were accepted.
    [Theory]
    [InlineData("WA\\u2028RN", "the line break U+2028")]
    [InlineData("WA\\u2029RN", "the line break U+2029")]
    [InlineData("WA\\uD800RN", "the lone surrogate U+D800")]
    [InlineData("WA\\uDC00", "the lone surrogate U+DC00")]
    public void Start_ALevelNameWithALineBreakOrALoneSurrogate_Fails(string escaped, string what)
    {
        var name = System.Text.RegularExpressions.Regex.Unescape(escaped);
        var options = new LoguStyleLoggerOptions { Levels = { [LogLevel.Warning] = new LevelStyle { Name = name } } };

        var error = Assert.Throws<ArgumentException>(() => new LoguStyleLoggerProvider(options, TimeProvider.System, TextWriter.Null));

        Assert.StartsWith($"Levels[Warning].Name holds {what}; accepted: printable characters only", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("⚠\\u200B", "WARN\\u200B")]
    [InlineData("\\uD83D\\uDD14", "NOTICE \\u202E")]
    public void Start_ALevelNameOrIconWithAPairedSurrogateOrAZeroWidthOrBidiCharacter_IsAccepted(string icon, string name)
    {
        var options = new LoguStyleLoggerOptions
        {
            Levels = { [LogLevel.Warning] = new LevelStyle { Name = System.Text.RegularExpressions.Regex.Unescape(name), Icon = System.Text.RegularExpressions.Regex.Unescape(icon) } },
        };

        using var provider = new LoguStyleLoggerProvider(options, TimeProvider.System, TextWriter.Null);

        Assert.Single(provider.CurrentSinks);
    }

    // Found from outside: a sink named "evil\nLoguStyle dropped 0 records from sink 'fake'" made one stderr report read as two.
    [Theory]
    [InlineData("evil\\nLoguStyle dropped 0 records", "the control character U+000A")]
    [InlineData("a\\u2028b", "the line break U+2028")]
    public void SinkName_WithALineBreakInCode_ThrowsNamingTheCharacter(string escaped, string what)
    {
        var name = System.Text.RegularExpressions.Regex.Unescape(escaped);

        var error = Assert.Throws<ArgumentException>(() => new ConsoleSinkOptions { Name = name });

        Assert.Equal("Name", error.ParamName);
        Assert.StartsWith($"A sink's Name holds {what}; accepted: a name of printable characters", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("W\nARN")]
    [InlineData("\u001b[31mX")]
    public void Start_ACustomLevelIconWithAControlCharacter_FailsNamingTheLevel(string escaped)
    {
        var icon = System.Text.RegularExpressions.Regex.Unescape(escaped);
        var options = new LoguStyleLoggerOptions { CustomLevels = { ["NOTICE"] = new CustomLevel { Base = LogLevel.Information, Icon = icon } } };

        var error = Assert.Throws<ArgumentException>(() => new LoguStyleLoggerProvider(options, TimeProvider.System, TextWriter.Null));

        Assert.Contains("Icon of level 'NOTICE' holds the control character U+00", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData(" \t ", "only white space")]
    public void SinkName_EmptyOrWhiteSpaceInCode_ThrowsNamingTheOptionAndWhatIsAccepted(string escaped, string what)
    {
        var name = System.Text.RegularExpressions.Regex.Unescape(escaped);

        var error = Assert.Throws<ArgumentException>(() => new ConsoleSinkOptions { Name = name });

        Assert.Equal("Name", error.ParamName);
        Assert.StartsWith($"A sink's Name is {what}; accepted: a name of printable characters, not only white space", error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentNullException>(() => new ConsoleSinkOptions { Name = null! });
    }

    /// <summary>One bad set of options for each check the provider makes before it builds a sink.</summary>
    public static TheoryData<string> BadOptions() => new(ProblemCases.Keys);

    private static readonly Dictionary<string, Func<TempFolder, LoguStyleLoggerOptions>> ProblemCases = new()
    {
        ["QueueCapacity 0"] = _ => new LoguStyleLoggerOptions { Sinks = { new ConsoleSinkOptions { Enqueue = true, QueueCapacity = 0 } } },
        ["two sinks of one name"] = f => new LoguStyleLoggerOptions { Sinks = { new FileSinkOptions(f.File("a.log"), "x"), new FileSinkOptions(f.File("b.log"), "x") } },
        ["empty Format"] = _ => new LoguStyleLoggerOptions { Sinks = { new ConsoleSinkOptions { Format = "" } } },
        ["Path a folder"] = f => new LoguStyleLoggerOptions { Sinks = { new FileSinkOptions(f.Path, "f") } },
        ["two sinks on one file"] = f => new LoguStyleLoggerOptions { Sinks = { new FileSinkOptions(f.File("a.log"), "a"), new FileSinkOptions(f.File("a.log"), "b") } },
        ["Shared with Truncate"] = f => new LoguStyleLoggerOptions { Sinks = { new FileSinkOptions(f.File("a.log"), "a") { Shared = true, Mode = FileOpenMode.Truncate } } },
        ["Path with a bad token"] = f => new LoguStyleLoggerOptions { Sinks = { new FileSinkOptions(f.File("a_{time:}.log"), "a") } },
        ["a level colour"] = _ => new LoguStyleLoggerOptions { Levels = { [LogLevel.Error] = new LevelStyle { Color = "<nocolour>" } } },
        ["a custom level name"] = _ => new LoguStyleLoggerOptions { CustomLevels = { ["not a name!"] = new CustomLevel() } },
        ["MaxLevel below Level"] = _ => new LoguStyleLoggerOptions { Sinks = { new ConsoleSinkOptions { Level = LogLevel.Error, MaxLevel = LogLevel.Debug } } },
        ["an enum"] = _ => new LoguStyleLoggerOptions { Sinks = { new ConsoleSinkOptions { QueueFullMode = (QueueFullMode)Undefined } } },
    };

    // Found from outside: the ArgumentException of some checks named a parameter of LoguStyle's own code ('key', 'file',
    // 'markup', none): a caller of the constructor reads ParamName as its own argument, and the message says which option.
    [Theory]
    [MemberData(nameof(BadOptions))]
    public void Start_EachCheckInCode_ThrowsForTheConstructorsOptionsParameter(string problem)
    {
        var options = ProblemCases[problem](_folder);

        var error = Assert.Throws<ArgumentException>(() => new LoguStyleLoggerProvider(options, TimeProvider.System, TextWriter.Null));

        Assert.Equal("options", error.ParamName);
        Assert.DoesNotContain("(Parameter 'key')", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RotationWeekly_DayThatIsNoDay_ThrowsAtTheCall()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => Rotation.Weekly((DayOfWeek)9, new TimeOnly(0, 0)));

        Assert.Equal("day", error.ParamName);
    }

    [Fact]
    public void Start_LevelNotALevel_SaysSoRatherThanComparingItWithMaxLevel()
    {
        var options = new LoguStyleLoggerOptions { Sinks = { new ConsoleSinkOptions { Level = (LogLevel)Undefined } } };

        var error = Assert.Throws<ArgumentException>(() => new LoguStyleLoggerProvider(options, TimeProvider.System, TextWriter.Null));

        Assert.StartsWith("Sink 'console': Level 42 is not a level; accepted: Trace, Debug, Information, Warning, Error, Critical, None.", error.Message, StringComparison.Ordinal);
    }

    public static TheoryData<string> FormattingSinks => new() { nameof(ConsoleSinkOptions), nameof(FileSinkOptions), nameof(SyslogSinkOptions), "TextDelegate" };

    [Theory]
    [MemberData(nameof(FormattingSinks))]
    public void Start_JsonFormatWithoutSerialize_FailsSayingItNeedsSerialize(string sinkClass)
    {
        var sink = NewSink(sinkClass);
        sink.JsonFormat = JsonFormat.Clef;

        var error = Assert.Throws<ArgumentException>(() => new LoguStyleLoggerProvider(new LoguStyleLoggerOptions { Sinks = { sink } }, TimeProvider.System, TextWriter.Null));

        Assert.StartsWith($"Sink '{sink.Name}': JsonFormat 'Clef' has no effect without Serialize: true", error.Message, StringComparison.Ordinal);
        Assert.Contains("set Serialize to true, or leave JsonFormat out", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(FormattingSinks))]
    public void Start_FormatWithSerialize_FailsSayingTheFormatIsNotUsed(string sinkClass)
    {
        var sink = NewSink(sinkClass);
        sink.Serialize = true;
        sink.Format = "{message}";

        var error = Assert.Throws<ArgumentException>(() => new LoguStyleLoggerProvider(new LoguStyleLoggerOptions { Sinks = { sink } }, TimeProvider.System, TextWriter.Null));

        Assert.StartsWith($"Sink '{sink.Name}': Format '{{message}}' has no effect with Serialize: true", error.Message, StringComparison.Ordinal);
        Assert.Contains("leave Format out, or set Serialize to false", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(FormattingSinks))]
    public async Task Start_SerializeWithAJsonFormat_Starts(string sinkClass)
    {
        var sink = NewSink(sinkClass);
        sink.Serialize = true;
        sink.JsonFormat = JsonFormat.Ecs;
        sink.Level = LogLevel.None;

        await using var provider = new LoguStyleLoggerProvider(new LoguStyleLoggerOptions { Sinks = { sink } }, TimeProvider.System, TextWriter.Null);

        Assert.Equal([sink.Name], provider.SinkNames);
    }

    private SinkOptions NewSink(string optionsClass) => optionsClass switch
    {
        nameof(ConsoleSinkOptions) => new ConsoleSinkOptions { OutputOverride = Stream.Null },
        nameof(FileSinkOptions) => new FileSinkOptions(_folder.File($"{Guid.NewGuid():N}.log")) { Delay = true },
        nameof(SyslogSinkOptions) => new SyslogSinkOptions(),
        nameof(DelegateSinkOptions) => new DelegateSinkOptions("records", _ => { }),
        "TextDelegate" => DelegateSinkOptions.ForText("text", _ => { }),
        _ => throw new InvalidOperationException($"{optionsClass}: a sink options class this test cannot build yet; add it to NewSink."),
    };
}
