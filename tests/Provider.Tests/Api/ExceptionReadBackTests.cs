using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using LoguStyle.Tests.Support;
using Microsoft.Extensions.Logging;

namespace LoguStyle.Tests.Api;

/// <summary>
/// docs/api.md, "Reading logs back": the exception comes back as a <see cref="LoggedException"/> with the logged type
/// name, message, stack and inner exceptions, from every JSON format. CLEF, ECS and OpenTelemetry carry the exception as
/// its text; an outside test found their inner exceptions read back as null (only in <c>ToString()</c>). Generated
/// exception trees (chains, aggregates, aggregates inside chains, thrown or not) are logged through a real file sink of
/// each format at once and read back: every format gives the tree that was logged, and the same text.
/// </summary>
public class ExceptionReadBackTests
{
    [Property(MaxTest = 60)]
    public Property EveryFormat_GeneratedExceptionTree_ReadsBackWithItsInnerExceptionsAndChildren() =>
        Prop.ForAll(Arb.From(Trees(3)), Arb.From(Gen.Elements(false, true)), (tree, enqueued) =>
        {
            var logged = tree.Build();
            using var folder = new TempFolder();
            EveryJsonFormat.Log(folder, enqueued, "Read.Back", logger => logger.LogError(logged, "failed"));

            string? loguStyleText = null;
            foreach (var format in EveryJsonFormat.Formats)
            {
                var record = Assert.Single(LogFile.Read(EveryJsonFormat.File(folder, format), (_, error) => Assert.Fail(error.ToString())));
                var read = Assert.IsType<LoggedException>(record.Exception);
                tree.Check(read, format.ToString());
                loguStyleText ??= read.ToString();
                Assert.Equal(loguStyleText, read.ToString());
            }
        });

    [Fact]
    public void Clef_InnerException_IsAnExceptionOfItsOwn()
    {
        using var folder = new TempFolder();
        EveryJsonFormat.Log(folder, enqueued: false, "Read.Back", logger =>
            logger.LogError(new InvalidOperationException("outer", new ArgumentException("inner")), "failed"));

        foreach (var format in EveryJsonFormat.Formats)
        {
            var read = Assert.Single(LogFile.Read(EveryJsonFormat.File(folder, format))).Exception!;
            var inner = Assert.IsType<LoggedException>(read.InnerException);
            Assert.Equal(("System.ArgumentException", "inner"), (inner.TypeName, inner.Message));
        }
    }

    // An aggregate inside another's child reads back from CLEF, ECS and OpenTelemetry as one exception with its whole
    // text as its stack (the remarks below): its message still comes back whole, however many lines (CLEF's cut it at
    // the first line break, an outside re-check found).
    [Theory]
    [InlineData("x\ny")]
    [InlineData("x\r\ny")]
    public void EveryFormat_AggregateInsideAnAggregatesChild_MessageOfSeveralLines_ReadsBackWhole(string text)
    {
        var logged = new AggregateException("top " + text, new AggregateException("mid", new ArgumentException(text)), new FormatException("z"));
        using var folder = new TempFolder();
        EveryJsonFormat.Log(folder, enqueued: false, "Read.Back", logger => logger.LogError(logged, "failed"));

        foreach (var format in EveryJsonFormat.Formats)
        {
            var read = Assert.Single(LogFile.Read(EveryJsonFormat.File(folder, format))).Exception!;
            Assert.True(logged.Message == read.Message, $"{format}: '{read.Message}', logged '{logged.Message}'");
        }
    }

    // No aggregate inside an aggregate's child: the text does not say where the inner aggregate's children end, so a
    // child numbered as the next of both reads as the inner one's (the reader's remarks and docs/json.md say so).
    private static Gen<Tree> Trees(int depth, bool aggregates = true)
    {
        // A message line that began with " ---> " would read as an inner exception's, and one that began with the indent
        // of a stack frame as the stack's first line (the reader's remarks say so), which no generated message does. Messages
        // of several lines (LF, CR LF, a last empty line) came back cut at their first line break from CLEF, ECS and
        // OpenTelemetry (an outside API review).
        var messages = Gen.Elements("boom", "ünïcode 😀", "a: b", "tab\there", "(Inner Exception #0) not one", string.Empty, "two\nlines", "cr\r\nlf", "ends\n", "x\n\ny: z");
        var types = Gen.Elements(typeof(InvalidOperationException), typeof(ArgumentException), typeof(TimeoutException), typeof(FormatException));
        var leaf = from type in types from message in messages from thrown in Gen.Elements(false, true) select new Tree(type, message, thrown, null, []);
        if (depth == 0)
        {
            return leaf;
        }

        var chain = from type in types
                    from message in messages
                    from thrown in Gen.Elements(false, true)
                    from inner in Trees(depth - 1, aggregates)
                    select new Tree(type, message, thrown, inner, []);
        var aggregate = from message in messages
                        from thrown in Gen.Elements(false, true)
                        from children in Gen.Choose(1, 3).SelectMany(n => Gen.ArrayOf(Trees(depth - 1, aggregates: false), n))
                        select new Tree(typeof(AggregateException), message, thrown, null, children);
        return aggregates ? Gen.Frequency((2, leaf), (2, chain), (1, aggregate)) : Gen.Frequency((2, leaf), (2, chain));
    }

    /// <summary>An exception to log: its type, message, whether it is thrown (so it has a stack), and what is inside.</summary>
    public sealed record Tree(Type Type, string Message, bool Thrown, Tree? Inner, Tree[] Children)
    {
        public Exception Build()
        {
            var exception = Type == typeof(AggregateException)
                ? new AggregateException(Message, Children.Select(c => c.Build()))
                : Of(Type, Message, Inner?.Build());
            if (!Thrown)
            {
                return exception;
            }

            try
            {
                throw exception;
            }
            catch (Exception caught)
            {
                return caught;
            }
        }

        private static Exception Of(Type type, string message, Exception? inner) => type.Name switch
        {
            nameof(InvalidOperationException) => new InvalidOperationException(message, inner),
            nameof(ArgumentException) => new ArgumentException(message, inner),
            nameof(TimeoutException) => new TimeoutException(message, inner),
            _ => new FormatException(message, inner),
        };

        public void Check(Exception read, string format)
        {
            var logged = (LoggedException)read;
            Assert.True(Type.FullName == logged.TypeName, $"{format}: type {logged.TypeName}, logged {Type.FullName}");
            var message = Type == typeof(AggregateException) ? new AggregateException(Message, Children.Select(c => c.Build())).Message : Message;
            Assert.True(message == logged.Message, $"{format}: message '{logged.Message}', logged '{message}'");
            Assert.True(Thrown == logged.StackTrace is not null, $"{format}: stack '{logged.StackTrace}', thrown {Thrown}");
            // Through the public surface: an aggregate's children are its InnerExceptions, as AggregateException's are.
            if (Children.Length > 0)
            {
                Assert.True(logged.InnerExceptions.Count == Children.Length, $"{format}: {logged.InnerExceptions.Count} children, logged {Children.Length}");
                for (var i = 0; i < Children.Length; i++)
                {
                    Children[i].Check(logged.InnerExceptions[i], format);
                }

                Assert.Same(logged.InnerExceptions[0], logged.InnerException);
            }
            else if (Inner is not null)
            {
                Assert.True(logged.InnerException is not null, $"{format}: no inner exception, logged {Inner.Type.Name}");
                Assert.Same(logged.InnerException, Assert.Single(logged.InnerExceptions));
                Inner.Check(logged.InnerException!, format);
            }
            else
            {
                Assert.True(logged.InnerException is null, $"{format}: inner {logged.InnerException}, logged none");
                Assert.Empty(logged.InnerExceptions);
            }
        }

        public override string ToString() => Children.Length > 0
            ? $"{Type.Name}('{Message}', thrown {Thrown}) [{string.Join(", ", Children.Select(c => c.ToString()))}]"
            : $"{Type.Name}('{Message}', thrown {Thrown}){(Inner is null ? string.Empty : " -> " + Inner)}";
    }
}
