namespace LoguStyle.Hosting.Tests.Telemetry;

/// <summary>
/// A holder's member declared as a base class (outside18c D2): the holder search goes by declared types, so a
/// <c>Kennel</c> whose <c>Animal</c> member holds a <c>Dog</c> with a classified member is judged by <c>Animal</c>, which
/// has none, and is written by its own ToString, as a member declared <c>object</c> or as an interface is (docs/api.md,
/// "Nested objects"). The Dog bound itself, or a member declared <c>Dog</c>, is walked.
/// </summary>
public sealed class DeclaredBaseTypeTests : IDisposable
{
    private const string Marker = "<redacted: Sensitive>";
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task AMemberDeclaredAsABaseClass_IsJudgedByThatType_TheHolderItsOwnText_TheDogBoundItselfWalked()
    {
        var dog = new Dog { Name = "Rex", Chip = "SECRET18J-CHIP" };
        var values = new { Kennel = new Kennel { Pet = dog }, Dog = dog };
        var outputs = await EverySinkKind.LogAsync(_folder, "{extra[Kennel]} {extra[Dog]}", 6, logger =>
        {
            EverySinkKind.LogBoundSixWays(logger, values, "Dog", dog);
            return Task.CompletedTask;
        });

        foreach (var (sink, output) in outputs)
        {
            // The holder's own text (which names the pet only) in the four records that bind it, the Dog walked in all six.
            Assert.True(Thrown.Occurrences(output, "Kennel of Rex") >= 4, $"{sink} lacks the kennel's own text: {output}");
            Assert.True(Thrown.Occurrences(output, Marker) >= 6, $"{sink} lacks the dog's marker per record: {output}");
            Assert.False(output.Contains("SECRET18J-CHIP", StringComparison.Ordinal), $"{sink} wrote the chip raw: {output}");
        }
    }

    /// <summary>The declared type: no classified member.</summary>
    public class Animal
    {
        public string Name { get; set; } = string.Empty;

        public override string ToString() => Name;
    }

    /// <summary>The runtime type: a classified member.</summary>
    public sealed class Dog : Animal
    {
        [Sensitive]
        public string Chip { get; set; } = string.Empty;
    }

    /// <summary>The holder, judged by its member's declared type.</summary>
    public sealed class Kennel
    {
        public Animal? Pet { get; set; }

        public override string ToString() => "Kennel of " + Pet;
    }
}
