namespace Simulator.Testing.Rendering;

/// <summary>Orders absolute paths segment by segment, ordinally, so a directory's children follow it directly
/// (<c>/a</c>, <c>/a/b</c>, <c>/a-b</c>), whatever the culture or the source's enumeration order.</summary>
internal sealed class PathOrder : IComparer<string>
{
    public static PathOrder Instance { get; } = new();

    public int Compare(string? x, string? y)
    {
        if (ReferenceEquals(x, y))
        {
            return 0;
        }

        if (x is null || y is null)
        {
            return x is null ? -1 : 1;
        }

        var a = x.AsSpan();
        var b = y.AsSpan();
        while (true)
        {
            if (a.IsEmpty || b.IsEmpty)
            {
                return a.Length.CompareTo(b.Length);
            }

            var sa = Segment(ref a);
            var sb = Segment(ref b);
            int c = sa.SequenceCompareTo(sb);
            if (c != 0)
            {
                return c;
            }
        }
    }

    private static ReadOnlySpan<char> Segment(ref ReadOnlySpan<char> rest)
    {
        rest = rest.TrimStart('/');
        int slash = rest.IndexOf('/');
        var segment = slash < 0 ? rest : rest[..slash];
        rest = slash < 0 ? [] : rest[slash..];
        return segment;
    }
}
