using System.Collections;
using System.Diagnostics.CodeAnalysis;
using Pin = LoguStyle.Hosting.Tests.Telemetry.TransitiveHolderRedactionTests.Pin;

namespace LoguStyle.Hosting.Tests.Telemetry;

/// <summary>
/// A holder whose member is declared as a collection type of the user's own (outside18c D1): <c>class People :
/// List&lt;Person&gt;</c>, an <c>IEnumerable&lt;Person&gt;</c> that keeps its items private, an enumerable of pairs
/// (a dictionary's shape). The holder search looked at such a type's public members only, found no data object, and the
/// holder was written by its own ToString, the classified value raw. It now follows the T of every
/// <c>IEnumerable&lt;T&gt;</c> a user's type implements, and the walk reads the items.
/// </summary>
public sealed class CollectionHolderTests : IDisposable
{
    private const string Marker = "<redacted: Sensitive>";
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void HolderSearch_FollowsTheItemTypesOfAUsersCollection()
    {
        Assert.True(HolderSearch.HoldsDataObject(typeof(Team), out _));
        Assert.True(HolderSearch.HoldsDataObject(typeof(Club), out _));
        Assert.True(HolderSearch.HoldsDataObject(typeof(Registry), out _));
    }

    [Fact]
    public async Task AHolderOfAUsersCollectionOfDataObjects_IsWalked_ItsItemsClassifiedValuesMarkers_InEverySinkKind()
    {
        var team = new Team { Members = [new Pin { Value = "SECRET18J-LIST" }] };
        var club = new Club(new Pin { Value = "SECRET18J-ENUM" });
        var registry = new Registry("pin", new Pin { Value = "SECRET18J-DICT" });
        var values = new { Team = team, Club = club, Registry = registry };
        var outputs = await EverySinkKind.LogAsync(_folder, "{extra[Team]} {extra[Club]} {extra[Registry]}", 6, logger =>
        {
            EverySinkKind.LogBoundSixWays(logger, values, "Team", new Team[] { team });
            return Task.CompletedTask;
        });

        foreach (var (sink, output) in outputs)
        {
            foreach (var secret in new[] { "SECRET18J-LIST", "SECRET18J-ENUM", "SECRET18J-DICT" })
            {
                Assert.False(output.Contains(secret, StringComparison.Ordinal), $"{sink} wrote {secret} raw: {output}");
            }

            Assert.True(Thrown.Occurrences(output, Marker) >= 4 * 3 + 2, $"{sink} lacks a marker per collection and record: {output}");
        }
    }

    /// <summary>A subclass of a list: its public members (Capacity, Count) name no item type.</summary>
    public sealed class People : List<Pin>
    {
        public override string ToString() => string.Join(", ", this);
    }

    /// <summary>An enumerable that keeps its items private.</summary>
    public sealed class Crowd(params Pin[] pins) : IEnumerable<Pin>
    {
        private readonly Pin[] _pins = pins;

        public IEnumerator<Pin> GetEnumerator() => ((IEnumerable<Pin>)_pins).GetEnumerator();

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

        public override string ToString() => string.Join(", ", _pins);
    }

    /// <summary>An enumerable of pairs, a dictionary's shape, keeping them private.</summary>
    public sealed class Directory(string key, Pin pin) : IEnumerable<KeyValuePair<string, Pin>>
    {
        private readonly KeyValuePair<string, Pin>[] _pairs = [new(key, pin)];

        public IEnumerator<KeyValuePair<string, Pin>> GetEnumerator() => ((IEnumerable<KeyValuePair<string, Pin>>)_pairs).GetEnumerator();

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

        public override string ToString() => string.Join(", ", _pairs);
    }

    // The holders: no classified member, a member declared as the user's collection; each one's text prints it.
    public sealed class Team
    {
        [SuppressMessage("Usage", "CA2227", Justification = "Set in the test's initializer.")]
        public People Members { get; set; } = [];

        public override string ToString() => "Team " + Members;
    }

    public sealed class Club(params Pin[] pins)
    {
        public Crowd Members { get; } = new(pins);

        public override string ToString() => "Club " + Members;
    }

    public sealed class Registry(string key, Pin pin)
    {
        public Directory Entries { get; } = new(key, pin);

        public override string ToString() => "Registry " + Entries;
    }
}
