using System.Diagnostics.CodeAnalysis;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace LoguStyle.Hosting.Tests.Telemetry;

/// <summary>
/// The search for "does this type hold a data object" (issue 18, review of fix18h) reflected into every non-System type
/// reachable from a bound value's type: a library's (ASP.NET Core's <see cref="DefaultHttpContext"/>: 21 types, its
/// members' classifications read for each) and, for a generic type whose member is a bigger instance of itself, without
/// end, so the logging call never returned. A type of .NET or of a Microsoft package now counts by its type arguments
/// only, and one search looks at <see cref="HolderSearch.MaxTypes"/> types at most.
/// </summary>
public sealed class LibraryHolderTests : IDisposable
{
    private const string Marker = "<redacted: Sensitive>";
    private const string Secret = "SECRET18I";
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void HolderSearch_OfALibraryTypeOrAUserTypeHoldingOnlyOne_ReadsNoLibraryTypesMembers()
    {
        Assert.False(HolderSearch.HoldsDataObject(typeof(DefaultHttpContext), out var library));
        Assert.False(HolderSearch.HoldsDataObject(typeof(RequestNote), out var holder));
        Assert.True(HolderSearch.HoldsDataObject(typeof(AuditEntry), out var audit));

        // The type itself; the user's holder and nothing of ASP.NET Core; the audit entry and the Pin it holds.
        Assert.Equal((1, 1, 2), (library, holder, audit));
    }

    [Fact]
    public async Task HolderSearch_OfATypeWhoseMembersTypesNeverEnd_StopsAtTheCap_AndSaysItHoldsNone()
    {
        // A deadline, not a hang: before the cap the search never ended.
        var search = await Task.Run(() => (HolderSearch.HoldsDataObject(typeof(Expanding<int>), out var visited), visited)).WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal((false, HolderSearch.MaxTypes), search);
    }

    /// <summary>
    /// Through the public API: a real <see cref="DefaultHttpContext"/> bound by itself and in holders of the user's, bound
    /// and contextualized six ways: the context and a holder of it print their own text, the never-ending type its own
    /// text too (the call returns), and a user's entry holding a card with a classified field beside the context is
    /// walked, its field the marker in every sink kind.
    /// </summary>
    [Fact]
    public async Task ALibraryTypeInABoundValue_PrintsItsOwnText_AndAClassifiedFieldBesideIt_IsItsMarker_InEverySinkKind()
    {
        var context = new DefaultHttpContext { TraceIdentifier = "trace-18i" };
        var audit = new AuditEntry { Context = context, Card = new TransitiveHolderRedactionTests.Pin { Value = Secret } };
        var values = new { Http = context, Note = new RequestNote { Context = context }, Audit = audit, Deep = new Expanding<int>() };
        var outputs = await EverySinkKind.LogAsync(_folder, "{extra[Http]} {extra[Note]} {extra[Deep]} {extra[Audit]}", 6, logger =>
            Task.Run(() => EverySinkKind.LogBoundSixWays(logger, values, "Audit", audit)).WaitAsync(TimeSpan.FromSeconds(60)));

        foreach (var (sink, output) in outputs)
        {
            Assert.False(output.Contains(Secret, StringComparison.Ordinal), $"{sink} wrote the secret: {output}");
            Assert.True(Thrown.Occurrences(output, Marker) >= 6, $"{sink} lacks a marker per record: {output}");
            foreach (var text in new[] { typeof(DefaultHttpContext).FullName!, "RequestNote trace-18i", "Expanding of Int32" })
            {
                Assert.True(Thrown.Occurrences(output, text) >= 4, $"{sink} lacks {text} in the four records that bind it: {output}");
            }
        }
    }

    /// <summary>A user's type holding only a library type: printed by its own text.</summary>
    public sealed class RequestNote
    {
        public DefaultHttpContext? Context { get; set; }

        public override string ToString() => $"RequestNote {Context?.TraceIdentifier}";
    }

    /// <summary>A user's type holding a library type and a card with a classified field: walked, its text never used.</summary>
    [SuppressMessage("Design", "CA1051", Justification = "A public field is the shape under test.")]
    public sealed class AuditEntry
    {
        // A struct with a classified field, printed by its own text.
        public TransitiveHolderRedactionTests.Pin Card;

        public HttpContext? Context { get; set; }

        public override string ToString() => $"AuditEntry {Card}";
    }

    /// <summary>A type whose member's type is a bigger instance of itself: its member types never end.</summary>
    [SuppressMessage("Design", "CA1000", Justification = "The shape under test.")]
    public sealed class Expanding<T>
    {
        public Expanding<Expanding<T>>? Next { get; set; }

        public override string ToString() => "Expanding of " + typeof(T).Name;
    }
}
