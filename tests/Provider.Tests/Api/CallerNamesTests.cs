using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using LoguStyle.Pipeline;
using LoguStyle.Sinks;
using Microsoft.Extensions.Logging;

namespace LoguStyle.Tests.Api;

/// <summary>
/// <c>CallerInfo: StackTrace</c> names the member as <c>[CallerMemberName]</c> does, for the compiler-generated methods
/// an outside test found named wrongly (async lambdas, async and iterator local functions, accessors, explicit interface
/// methods): each call site compares the stack-found name with the compiler's name for the same site. And a sink's
/// MaxLevel bounds the records that walk the stack.
/// </summary>
public sealed class CallerNamesTests
{
    private readonly ConcurrentQueue<LogRecord> _records = new();
    private readonly List<string> _expected = [];

    private interface IEmit
    {
        void Emit(ILogger logger);
    }

    private interface IEmitLater
    {
        Task EmitAsync(ILogger logger);

        IEnumerable<int> Lines(ILogger logger);
    }

    [Fact]
    public async Task PlainMelCall_InGeneratedAndSpecialMembers_NamedAsCallerMemberNameNamesThem()
    {
        using (var provider = new LoguStyleLoggerProvider(Options()))
        {
            var logger = provider.CreateLogger("Names");
            Func<Task> asyncLambda = async () =>
            {
                await Task.Yield();
                At();
                logger.LogInformation("here");
            };
            await asyncLambda();
            await AsyncLocal();
            _ = Lines().ToList();
            var holder = new Holder(logger, this);
            _ = holder.Total;
            holder.Total = 1;
            _ = holder[0];
            holder.Changed += (_, _) => { };
            ((IEmit)holder).Emit(logger);

            async Task AsyncLocal()
            {
                await Task.Yield();
                At();
                logger.LogInformation("here");
            }

            IEnumerable<int> Lines()
            {
                At();
                logger.LogInformation("here");
                yield return 1;
            }
        }

        Assert.Equal(
            [
                nameof(PlainMelCall_InGeneratedAndSpecialMembers_NamedAsCallerMemberNameNamesThem),
                nameof(PlainMelCall_InGeneratedAndSpecialMembers_NamedAsCallerMemberNameNamesThem),
                nameof(PlainMelCall_InGeneratedAndSpecialMembers_NamedAsCallerMemberNameNamesThem),
                "Total", "Total", "Item", "Changed", "Emit",
            ],
            _expected);
        Assert.Equal(_expected, _records.Select(r => r.CallerFunction));
    }

    [Theory]
    [InlineData("<Main>$", "", "<Main>$")]
    [InlineData("<<Main>$>b__0_0", "Program", "<Main>$")]
    [InlineData("<<Main>$>g__Local|0_1", "Program", "<Main>$")]
    [InlineData("MoveNext", "Program+<<Main>$>d__0", "<Main>$")]
    [InlineData("MoveNext", "Shop+<<PlaceAsync>b__0_0>d", "PlaceAsync")]
    [InlineData("<.ctor>b__0_0", "Shop", ".ctor")]
    [InlineData(".ctor", "Shop", ".ctor")]
    [InlineData("Shop.IEmit.get_Name", "Shop", "Name")]
    [InlineData("remove_Changed", "Shop", "Changed")]
    [InlineData("op_Addition", "Money", "op_Addition")]
    [InlineData("MoveNext", "Shop+<Shop-IEmit-EmitAsync>d__3", "EmitAsync")]
    [InlineData("MoveNext", "Shop+<<Shop-IEmit-EmitAsync>b__3_0>d", "EmitAsync")]
    [InlineData("<>m__Finally1", "Shop+<Lines>d__5", "Lines")]
    [InlineData("<>m__Finally2", "Shop+<<Run>g__Lines|0_0>d", "Run")]
    [InlineData("<>m__Finally1", "Shop+<Shop-IEmitLater-Lines>d__4", "Lines")]
    public void FunctionName_MetadataNames_AsTheCompilerNamesTheMember(string method, string type, string expected) =>
        Assert.Equal(expected, StackCaller.FunctionName(method, type));

    [Fact]
    public async Task PlainMelCall_InAnAsyncOrIteratorExplicitInterfaceImplementation_IsNamedByTheMember()
    {
        // Their state machine's type holds the member's whole name with '-' for '.' (<Ns-IEmitLater-EmitAsync>d__0).
        using (var provider = new LoguStyleLoggerProvider(Options()))
        {
            var logger = provider.CreateLogger("Explicit");
            IEmitLater later = new Later(this);
            await later.EmitAsync(logger);
            _ = later.Lines(logger).ToList();
        }

        Assert.Equal(["EmitAsync", "EmitAsync", "Lines"], _expected);
        Assert.Equal(_expected, _records.Select(r => r.CallerFunction));
    }

    [Fact]
    public void ASinkAskingUpToInformation_AWarningRecordWalksNoStack()
    {
        var options = Options();
        options.Sinks[0].MaxLevel = LogLevel.Information;
        var walks = StackCaller.WalksOnThisThread;
        using (var provider = new LoguStyleLoggerProvider(options))
        {
            var logger = provider.CreateLogger("Split");
            logger.LogWarning("above");
            logger.LogCritical("above");
            Assert.Equal(walks, StackCaller.WalksOnThisThread);
            logger.LogInformation("written");
        }

        Assert.Equal(walks + 1, StackCaller.WalksOnThisThread);
        Assert.Equal(nameof(ASinkAskingUpToInformation_AWarningRecordWalksNoStack), Assert.Single(_records).CallerFunction);
    }

    [Fact]
    public void ASinkWithAPredicate_WalksTheStackForEveryRecordAtItsLevels_AlsoTheOnesThePredicateDrops()
    {
        var options = Options();
        options.Sinks[0].Predicate = _ => false;
        var walks = StackCaller.WalksOnThisThread;
        using (var provider = new LoguStyleLoggerProvider(options))
        {
            var logger = provider.CreateLogger("Predicate");
            logger.LogInformation("dropped");
            logger.LogWarning("dropped");
        }

        // The walk comes before the predicate, which sees the record with its caller.
        Assert.Equal(walks + 2, StackCaller.WalksOnThisThread);
        Assert.Empty(_records);
    }

    [Fact]
    public void PlainMelCall_ThroughTheUsersOwnWrapper_TheWrapperIsTheCallerFound()
    {
        using (var provider = new LoguStyleLoggerProvider(Options()))
        {
            Audit(provider.CreateLogger("Wrap"), "saved");
        }

        // The first frame outside MEL, LoguStyle, Microsoft.Extensions.Telemetry and the core library is the wrapper,
        // not the method that called it.
        Assert.Equal(nameof(Audit), Assert.Single(_records).CallerFunction);
    }

    [Fact]
    public void PlainMelCall_InALambdaOfAFieldInitializer_IsNamedCtorOrCctor_WhereCallerMemberNameGivesTheField()
    {
        using (var provider = new LoguStyleLoggerProvider(Options()))
        {
            var logger = provider.CreateLogger("Fields");
            Assert.Equal(nameof(Fields.Instance), new Fields().Instance(logger));
            Assert.Equal(nameof(Fields.Static), Fields.Static(logger));
        }

        // The compiler names the lambda after the constructor it is compiled into (<.ctor>b__0_0, <.cctor>b__1_0);
        // the field is in no metadata a stack frame leads to, so the walk gives .ctor and .cctor.
        Assert.Equal([".ctor", ".cctor"], _records.Select(r => r.CallerFunction));
    }

    [Fact]
    public void PlainMelCall_InAnIteratorsFinally_RunToTheEndOrLeftEarly_IsNamedByTheIterator()
    {
        // The compiler moves an iterator's finally block into a method of its state machine (<>m__Finally1), called
        // from MoveNext at the end and from Dispose when the loop is left early.
        using (var provider = new LoguStyleLoggerProvider(Options()))
        {
            var logger = provider.CreateLogger("Names");
            _ = Guarded(logger).ToList();
            _ = Guarded(logger).First();
        }

        Assert.Equal([nameof(Guarded), nameof(Guarded)], _expected);
        Assert.Equal(_expected, _records.Select(r => r.CallerFunction));
    }

    // A user's own logging helper; not inlined, so it is on the stack as written.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void Audit(ILogger logger, string what) => logger.LogInformation("audit: {What}", what);

    private LoguStyleLoggerOptions Options()
    {
        var options = new LoguStyleLoggerOptions();
        options.Sinks.Add(new DelegateSinkOptions("names", _records.Enqueue) { CallerInfo = CallerInfo.StackTrace });
        return options;
    }

    private IEnumerable<int> Guarded(ILogger logger)
    {
        try
        {
            yield return 1;
            yield return 2;
        }
        finally
        {
            At();
            logger.LogInformation("finally");
        }
    }

    // Notes the name the compiler gives the call site beside it (the logging call must be in the member itself).
    private void At([CallerMemberName] string member = "") => _expected.Add(member);

    // Lambdas in field initializers, and what [CallerMemberName] gives inside them.
    private sealed class Fields
    {
        public static readonly Func<ILogger, string> Static = logger =>
        {
            logger.LogInformation("static field");
            return Name();
        };

        public readonly Func<ILogger, string> Instance = logger =>
        {
            logger.LogInformation("instance field");
            return Name();
        };

        private static string Name([CallerMemberName] string member = "") => member;
    }

    private sealed class Later(CallerNamesTests test) : IEmitLater
    {
        async Task IEmitLater.EmitAsync(ILogger logger)
        {
            await Task.Yield();
            test.At();
            logger.LogInformation("here");
            Func<Task> inner = async () =>
            {
                await Task.Yield();
                test.At();
                logger.LogInformation("here");
            };
            await inner();
        }

        IEnumerable<int> IEmitLater.Lines(ILogger logger)
        {
            test.At();
            logger.LogInformation("here");
            yield return 1;
        }
    }

    private sealed class Holder(ILogger logger, CallerNamesTests test) : IEmit
    {
        public event EventHandler? Changed
        {
            add
            {
                test.At();
                logger.LogInformation("here");
            }

            remove
            {
                test.At();
                logger.LogInformation("here");
            }
        }

        public int Total
        {
            get
            {
                test.At();
                logger.LogInformation("here");
                return 0;
            }

            set
            {
                test.At();
                logger.LogInformation("here");
            }
        }

        public int this[int index]
        {
            get
            {
                test.At();
                logger.LogInformation("here");
                return index;
            }
        }

        void IEmit.Emit(ILogger log)
        {
            test.At();
            log.LogInformation("here");
        }
    }
}
