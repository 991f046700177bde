using System.Reflection;
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

    /// <summary>Every public settable enum (or nullable enum) option of the provider's options and of every concrete sink options class.</summary>
    public static TheoryData<string, string> EnumOptions()
    {
        var data = new TheoryData<string, string>();
        var classes = typeof(SinkOptions).Assembly.GetExportedTypes()
            .Where(t => t == typeof(LoguStyleLoggerOptions) || (t.IsSubclassOf(typeof(SinkOptions)) && !t.IsAbstract));
        foreach (var type in classes)
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
        var options = new LoguStyleLoggerOptions();
        object target = options;
        if (optionsClass != nameof(LoguStyleLoggerOptions))
        {
            var sink = NewSink(optionsClass);
            options.Sinks.Add(sink);
            target = sink;
        }

        var property = target.GetType().GetProperty(option)!;
        var enumType = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
        property.SetValue(target, Enum.ToObject(enumType, Undefined));

        var error = Assert.Throws<ArgumentException>(() => new LoguStyleLoggerProvider(options, TimeProvider.System, TextWriter.Null));

        Assert.Contains($"{option} {Undefined} is not ", error.Message, StringComparison.Ordinal);
        Assert.Contains($"; accepted: {string.Join(", ", Enum.GetNames(enumType))}.", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("below", error.Message, StringComparison.Ordinal);
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
