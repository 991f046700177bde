using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using LoguStyle.Formatting;
using LoguStyle.Tests.Support;
using Microsoft.Extensions.Logging;

namespace LoguStyle.Tests.Formatting;

/// <summary>
/// Generated exceptions (thrown, so they have stacks; with inner exceptions, chains deeper than the written bound,
/// aggregates, <c>Data</c> and CR LF in messages) logged through real file sinks of all four <see cref="JsonFormat"/>s
/// and read back by <see cref="LogFile.Read(string)"/>: the exception read back renders as exactly the text a text
/// sink wrote for the one logged (tool.md: each JSON format prints what a text sink with the default layout printed),
/// and its <c>ToString()</c> is that text uncoloured and unescaped, as CLEF's <c>@x</c> carries it.
/// </summary>
public class JsonFormatExceptionRoundTripTests
{
    private static readonly JsonFormat[] Formats = EveryJsonFormat.Formats;

    [Property(MaxTest = 30)]
    public Property EveryFormat_GeneratedExceptions_ReadBackRendersAsTheTextSinkWrote() =>
        Prop.ForAll(Arb.From(Batches()), batch =>
        {
            var (exceptions, enqueued) = batch;
            using var folder = new TempFolder();
            EveryJsonFormat.Log(folder, enqueued, "Exception.Round.Trip", logger =>
            {
                foreach (var exception in exceptions)
                {
                    logger.LogError(exception, "failed");
                }
            });

            foreach (var format in Formats)
            {
                var read = LogFile.Read(EveryJsonFormat.File(folder, format), (_, error) => Assert.Fail(error.ToString())).ToList();
                Assert.Equal(exceptions.Length, read.Count);
                foreach (var (logged, back) in exceptions.Zip(read))
                {
                    // LoguStyle JSON nests the chain within its own bound (json.md); the text formats carry the token's text.
                    var tree = () => format == JsonFormat.LoguStyle ? ExceptionTree.ForLoguStyleJson() : new ExceptionTree();
                    Assert.Equal(format + ": " + ExceptionText.Render(logged, colored: false, tree()), format + ": " + ExceptionText.Render(back.Exception!, colored: false));
                    Assert.Equal(format + ": " + ExceptionText.Plain(logged, tree()), format + ": " + back.Exception!.ToString());
                }
            }
        });

    private static Gen<string> Messages() =>
        Gen.Elements("", "plain", "colon: inside", "ünïcødé ✓ 😀", "{braces} {{x}}", "two\nlines", "cr\r\nlf", "blank\n\nline", "System.Exception: looks like a header", "   --- End of stack trace from previous location ---");

    // Data as the text sink writes it and JSON carries it alike: text, whole numbers and flags.
    private static Gen<Exception> WithData(Gen<Exception> exceptions) =>
        from exception in exceptions
        from count in Gen.Frequency((2, Gen.Constant(0)), (1, Gen.Choose(1, 3)))
        from values in Gen.OneOf(Gen.Elements<object>("v\"q", "two\nlines", "", 42, -7L, true)).ArrayOf(count)
        select AddData(exception, values);

    // A thrown exception of the given shape: a leaf, one with an inner exception, or an aggregate of 1-3.
    private static Gen<Exception> Exceptions(int depth) =>
        WithData(depth == 0
            ? Messages().Select(m => Thrown(new InvalidOperationException(m)))
            : Gen.Frequency(
                (2, Exceptions(0)),
                (1, from m in Messages() from inner in Exceptions(depth - 1) select Thrown(new ArgumentException(m, inner))),
                (1, from m in Messages() from n in Gen.Choose(1, 3) from inners in Exceptions(depth - 1).ArrayOf(n) select Thrown(new AggregateException(m, inners))),
                (1, from length in Gen.Choose(2, 130) from leaf in Exceptions(depth - 1) select Chain(length, leaf))));

    private static Gen<(Exception[] Exceptions, bool Enqueued)> Batches() =>
        from count in Gen.Choose(1, 5)
        from exceptions in Exceptions(2).ArrayOf(count)
        from enqueued in Gen.Elements(true, false)
        select (exceptions, enqueued);

    // A chain of `length` exceptions above `leaf`, deeper than the bound now and then.
    private static Exception Chain(int length, Exception leaf)
    {
        var exception = leaf;
        for (var i = length; i > 0; i--)
        {
            exception = Thrown(new InvalidOperationException($"level {i}", exception));
        }

        return exception;
    }

    private static Exception AddData(Exception exception, object[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            exception.Data["Key" + i] = values[i];
        }

        return exception;
    }

    private static Exception Thrown(Exception exception)
    {
        try
        {
            throw exception;
        }
        catch (Exception caught)
        {
            return caught;
        }
    }
}
