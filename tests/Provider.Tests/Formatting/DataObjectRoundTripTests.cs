using LoguStyle.Formatting;
using LoguStyle.Tests.Support;
using Microsoft.Extensions.Logging;

namespace LoguStyle.Tests.Formatting;

/// <summary>
/// An exception's <c>Data</c> holding data objects (outside18c D3): LoguStyle JSON's <c>data</c> was walked one level
/// below the dictionary, so it was cut one object shallower than the text sink's <c>Data:</c> line, and read back a
/// record lost its type name (<c>Person { Id = 7 }</c> came back <c>{ Id = 7 }</c>). Read back from every JSON format,
/// the exception now renders, and its <c>ToString()</c> reads, as the text sink wrote it (json.md).
/// </summary>
public class DataObjectRoundTripTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void DataHoldingDataObjects_ReadBackFromEveryFormat_AsTheTextSinkWroteIt(bool enqueued)
    {
        var person = new Person(7, "Ann", ["a", "b"]);
        var exception = new InvalidOperationException("failed");
        exception.Data["V"] = person;
        exception.Data["T"] = (5, ("nm", new Wrap(new Wrap(person)), 2));
        exception.Data["K"] = new KeyValuePair<string, Person>("k", person);
        exception.Data["A"] = new { Id = 3, P = person, Tuple = Tuple.Create(1, person) };
        exception.Data["L"] = new List<Person> { person, person };
        exception.Data[(1, person)] = "a walked key";
        using var folder = new TempFolder();
        EveryJsonFormat.Log(folder, enqueued, "Data.Round.Trip", logger => logger.LogError(exception, "failed"));

        var text = ExceptionText.Plain(exception, ExceptionTree.ForLoguStyleJson());
        Assert.Contains("T = (5, (nm, Wrap { Inner = Wrap { Inner = <Person nested deeper than 4> } }, 2))", text, StringComparison.Ordinal);
        foreach (var format in EveryJsonFormat.Formats)
        {
            var back = Assert.Single(LogFile.Read(EveryJsonFormat.File(folder, format), (_, error) => Assert.Fail(error.ToString()))).Exception!;
            Assert.Equal(format + ": " + ExceptionText.Render(exception, colored: false, ExceptionTree.ForLoguStyleJson()), format + ": " + ExceptionText.Render(back, colored: false));
            Assert.Equal(format + ": " + text, format + ": " + back.ToString());
        }
    }

    public sealed record Person(int Id, string Name, IReadOnlyList<string> Tags);

    public sealed record Wrap(object Inner);
}
