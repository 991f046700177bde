using System.Buffers;

namespace LoguStyle.Sinks.Syslog;

/// <summary>
/// The SD-NAMEs already written into one message, as (start, length) in its buffer, so a repeated name is found by
/// comparing bytes: no set and no name strings per record (the writer's hot path). A record has a few names, so a
/// linear look is cheaper than hashing; past the stack's room the ranges move to a pooled array.
/// </summary>
internal ref struct SdNameRanges
{
    private Span<int> _ranges;
    private int[]? _rented;
    private int _count;

    public SdNameRanges(Span<int> initial) => _ranges = initial;

    /// <summary>True when <paramref name="name"/> equals a name already written in <paramref name="written"/>.</summary>
    public readonly bool Contains(ReadOnlySpan<byte> written, ReadOnlySpan<byte> name)
    {
        for (var i = 0; i < _count; i += 2)
        {
            if (written.Slice(_ranges[i], _ranges[i + 1]).SequenceEqual(name))
            {
                return true;
            }
        }

        return false;
    }

    public void Add(int start, int length)
    {
        if (_count + 2 > _ranges.Length)
        {
            var larger = ArrayPool<int>.Shared.Rent(_ranges.Length * 2);
            _ranges[.._count].CopyTo(larger);
            Return();
            _rented = larger;
            _ranges = larger;
        }

        _ranges[_count++] = start;
        _ranges[_count++] = length;
    }

    public void Return()
    {
        if (_rented is not null)
        {
            ArrayPool<int>.Shared.Return(_rented);
            _rented = null;
        }
    }
}
