using System.Collections.Concurrent;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using LoguStyle.Tests.Pipeline;
using LoguStyle.Tests.Support;
using Microsoft.Extensions.Logging;

namespace LoguStyle.Tests;

#pragma warning disable CA1848 // The template API is what a user calls.

/// <summary>
/// <see cref="LoguStyleLoggerProvider.Disable"/> and <see cref="LoguStyleLoggerProvider.Enable"/> (issue 20.4) through
/// MEL's LoggerFactory: at once for loggers already made and their IsEnabled answers, for every sink, kept across a
/// reload, and exact under threads that log all the while.
/// </summary>
public partial class LoguStyleLoggerProviderTests
{
    private static readonly string[] ConcurrentCategories = ["Noisy.Library", "Noisy.Library.Cache", "Noisy.LibraryX", "App"];

    [Fact]
    public async Task Disable_ALoggerMadeBefore_AnswersIsEnabledFalse_InEverySink_UntilEnable()
    {
        using var folder = new TempFolder();
        var console = new MemoryConsole();
        var records = new List<string>();
        var options = new LoguStyleLoggerOptions
        {
            Sinks =
            {
                console.Sink(format: "{category} {message}"),
                new FileSinkOptions(folder.File("app.json")) { Serialize = true },
                new DelegateSinkOptions("d", r => records.Add(r.Category + " " + r.Message)),
            },
        };
        using var provider = new LoguStyleLoggerProvider(options);
        using (var factory = LoggerFactory.Create(b => b.AddProvider(provider)))
        {
            var noisy = factory.CreateLogger("Noisy.Library.Cache");
            var near = factory.CreateLogger("Noisy.LibraryX");
            Assert.True(noisy.IsEnabled(LogLevel.Information));
            noisy.LogInformation("1");

            provider.Disable("Noisy.Library");
            Assert.False(noisy.IsEnabled(LogLevel.Critical));
            noisy.LogCritical("2");
            near.LogInformation("3");
            factory.CreateLogger("Noisy.Library").LogInformation("4");

            provider.Enable("Noisy.Library");
            Assert.True(noisy.IsEnabled(LogLevel.Information));
            noisy.LogInformation("5");
        }

        await provider.FlushAsync();
        string[] expected = ["Noisy.Library.Cache 1", "Noisy.LibraryX 3", "Noisy.Library.Cache 5"];
        Assert.Equal(expected, records);
        Assert.Equal(expected, console.Lines);
        Assert.Equal(["1", "3", "5"], LogFile.Read(folder.File("app.json")).Select(r => r.Message));
    }

    [Fact]
    public void Disable_MatchesIgnoringCase_AndAPrefixEndingInADot_OnlyWhatIsUnderIt()
    {
        var records = new List<string>();
        using var provider = new LoguStyleLoggerProvider(new LoguStyleLoggerOptions { Sinks = { new DelegateSinkOptions("a", r => records.Add(r.Category + " " + r.Message)) } });
        provider.Disable("noisy.library");
        provider.Disable("Other.");

        foreach (var category in new[] { "Noisy.Library", "NOISY.Library.Cache", "Noisy.LibraryX", "Other", "Other.Part", "other.part" })
        {
            provider.CreateLogger(category).LogInformation("record");
        }

        Assert.Equal(["Noisy.LibraryX record", "Other record"], records);
    }

    [Fact]
    public void Disable_OutlivesAReload()
    {
        var records = new List<string>();
        using var provider = new LoguStyleLoggerProvider(new LoguStyleLoggerOptions { Sinks = { new DelegateSinkOptions("a", r => records.Add("a " + r.Message)) } });
        var logger = provider.CreateLogger("Noisy.Library");
        provider.Disable("Noisy");

        provider.Reconfigure(new LoguStyleLoggerOptions { Sinks = { new DelegateSinkOptions("b", r => records.Add("b " + r.Message)) } });
        logger.LogInformation("hidden");
        provider.CreateLogger("Noisy.Other").LogInformation("hidden too");
        provider.Enable("Noisy");
        logger.LogInformation("shown");

        Assert.Equal(["b shown"], records);
    }

    [Fact]
    public void Disable_WhileThreadsLog_ExactlyTheCallsThatStartAfterItAndEndBeforeEnable_AreMissing()
    {
        // Phases a logging thread reads before and after each call: 1 and 3 are set just before Disable and Enable, 2 and
        // 4 just after they return. A call that ended before phase 1 was set, or began at 4, is written; one that began
        // at 2 and ended at 2 is not, if its category is under the prefix; the calls that overlap a switch may go either way.
        const int PerPhase = 300;
        var written = new ConcurrentDictionary<(int Thread, int Seq), int>();
        using var provider = new LoguStyleLoggerProvider(new LoguStyleLoggerOptions
        {
            Sinks = { new DelegateSinkOptions("d", r => written.AddOrUpdate(((int)r.Properties[0].Value!, (int)r.Properties[1].Value!), 1, (_, n) => n + 1)) },
        });
        using var factory = LoggerFactory.Create(b => b.AddProvider(provider));
        var loggers = ConcurrentCategories.Select(factory.CreateLogger).ToArray();
        var phase = 0;
        var stop = false;
        const int Threads = 4;
        var attempts = new List<(int Category, int Seq, int Before, int After)>[Threads];
        var inPhase = new int[Threads, 5];
        var threads = Enumerable.Range(0, Threads).Select(t => new Thread(() =>
        {
            var mine = attempts[t] = [];
            for (var seq = 0; !Volatile.Read(ref stop); seq++)
            {
                var category = seq % loggers.Length;
                var before = Volatile.Read(ref phase);
                loggers[category].LogInformation("{Thread} {Seq}", t, seq);
                var after = Volatile.Read(ref phase);
                mine.Add((category, seq, before, after));
                if (before == after)
                {
                    Interlocked.Increment(ref inPhase[t, before]);
                }
            }
        })).ToList();
        threads.ForEach(thread => thread.Start());

        void AdvanceAfter(int waitedPhase, Action change)
        {
            Assert.True(
                SpinWait.SpinUntil(() => Enumerable.Range(0, Threads).All(t => Volatile.Read(ref inPhase[t, waitedPhase]) >= PerPhase), TimeSpan.FromSeconds(60)),
                $"the threads did not log {PerPhase} calls each in phase {waitedPhase}");
            Volatile.Write(ref phase, waitedPhase + 1);
            change();
            Volatile.Write(ref phase, waitedPhase + 2);
        }

        AdvanceAfter(0, () => provider.Disable("Noisy.Library"));
        AdvanceAfter(2, () => provider.Enable("Noisy.Library"));
        Assert.True(SpinWait.SpinUntil(() => Enumerable.Range(0, Threads).All(t => Volatile.Read(ref inPhase[t, 4]) >= PerPhase), TimeSpan.FromSeconds(60)));
        Volatile.Write(ref stop, true);
        threads.ForEach(thread => thread.Join());

        var missing = 0;
        for (var t = 0; t < Threads; t++)
        {
            foreach (var (category, seq, before, after) in attempts[t])
            {
                var count = written.GetValueOrDefault((t, seq));
                var underPrefix = category < 2;
                var expected = !underPrefix || after == 0 || before == 4 ? 1 : before == 2 && after == 2 ? 0 : -1;
                if (expected >= 0)
                {
                    Assert.True(expected == count, $"thread {t} call {seq} ({ConcurrentCategories[category]}, phases {before}..{after}) written {count} times, expected {expected}");
                }
                else
                {
                    Assert.InRange(count, 0, 1);
                }

                missing += expected == 0 ? 1 : 0;
            }
        }

        Assert.True(missing >= Threads * PerPhase / 2, $"only {missing} calls fell between Disable and Enable");
        Assert.All(written.Keys, key => Assert.True(key.Seq < attempts[key.Thread].Count, "a record no call made"));
    }

    [Property(MaxTest = 100)]
    public Property AnyDisableEnableAndLogCalls_WriteExactlyWhatTheLastMatchingCallAllows() =>
        Prop.ForAll(OperationGen().ToArbitrary(), operations =>
        {
            var written = new List<int>();
            using var provider = new LoguStyleLoggerProvider(new LoguStyleLoggerOptions { Sinks = { new DelegateSinkOptions("d", r => written.Add((int)r.Properties[0].Value!)) } });
            using var factory = LoggerFactory.Create(b => b.AddProvider(provider));
            var calls = new List<(bool, string)>();
            var expected = new List<int>();
            for (var i = 0; i < operations.Length; i++)
            {
                var (kind, index) = operations[i];
                switch (kind)
                {
                    case 0:
                        provider.Disable(CategoryActivationTests.Prefixes[index % CategoryActivationTests.Prefixes.Length]);
                        calls.Add((false, CategoryActivationTests.Prefixes[index % CategoryActivationTests.Prefixes.Length]));
                        break;
                    case 1:
                        provider.Enable(CategoryActivationTests.Prefixes[index % CategoryActivationTests.Prefixes.Length]);
                        calls.Add((true, CategoryActivationTests.Prefixes[index % CategoryActivationTests.Prefixes.Length]));
                        break;
                    default:
                        // Loggers are made when first used, so some exist before a call and some only after it.
                        var category = CategoryActivationTests.Categories[index % CategoryActivationTests.Categories.Length];
                        factory.CreateLogger(category).LogInformation("{Op}", i);
                        if (CategoryActivationTests.Model(calls, category))
                        {
                            expected.Add(i);
                        }

                        break;
                }
            }

            return expected.SequenceEqual(written).Label($"expected [{string.Join(",", expected)}], written [{string.Join(",", written)}]");
        });

    private static Gen<(int Kind, int Index)[]> OperationGen() => Gen.ArrayOf(Gen.Zip(Gen.Choose(0, 3), Gen.Choose(0, 20)));
}
