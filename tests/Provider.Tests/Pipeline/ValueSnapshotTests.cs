using LoguStyle.Pipeline;

namespace LoguStyle.Tests.Pipeline;

public class ValueSnapshotTests
{
    public static TheoryData<object> ImmutableValues() =>
    [
        true, (byte)1, (sbyte)-1, (short)-2, (ushort)2, 3, 3u, 4L, 4UL, 'c', 1.5f, 2.5d, (nint)5, (nuint)6,
        "text", 29.97m, DateTime.UnixEpoch, DateTimeOffset.UnixEpoch, TimeSpan.FromSeconds(1), Guid.Empty,
        DateOnly.MinValue, TimeOnly.MinValue, new Uri("https://example.org/"), new Version(1, 2), (Half)1.5f,
        (Int128)7, (UInt128)8, DayOfWeek.Monday, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries,
    ];

    public static TheoryData<object> MutableValues() =>
    [
        new List<int> { 1 }, new[] { 1, 2 }, new byte[] { 1 }, new Dictionary<string, int> { ["a"] = 1 }, new object(),
        new System.Text.StringBuilder("x"), (1, 2), new KeyValuePair<string, int>("a", 1),
    ];

    /// <summary>
    /// The type tests that answer before Type.IsPrimitive and Type.IsEnum (the queued record path asks this for every
    /// value) keep the same set: every primitive, every enum and the named immutable types are kept by reference.
    /// </summary>
    [Theory]
    [MemberData(nameof(ImmutableValues))]
    public void IsImmutable_PrimitiveEnumOrNamedImmutableType_True(object value)
    {
        Assert.True(ValueSnapshot.IsImmutable(value));
        Assert.Same(value, ValueSnapshot.Of(value));
    }

    [Theory]
    [MemberData(nameof(MutableValues))]
    public void IsImmutable_CollectionOrOtherType_False_AndOfCopies(object value)
    {
        Assert.False(ValueSnapshot.IsImmutable(value));
        Assert.NotSame(value, ValueSnapshot.Of(value));
    }
}
