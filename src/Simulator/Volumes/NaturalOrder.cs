using System.Text;

namespace Simulator.Volumes;

/// <summary>
/// docker/cli's name order for <c>docker volume ls</c>: <c>sortorder.NaturalLess</c> from
/// github.com/fvbommel/sortorder (natsort.go), used by cli/command/volume/list.go.
/// </summary>
/// <remarks>Digits sort before other characters; runs of digits compare by value (leading zeros
/// ignored, fewer zeros first on a tie); other bytes compare as UTF-8 bytes.</remarks>
internal sealed class NaturalOrder : IComparer<string>
{
    public static readonly NaturalOrder Instance = new();

    public int Compare(string? x, string? y)
    {
        if (ReferenceEquals(x, y))
        {
            return 0;
        }

        if (x is null)
        {
            return -1;
        }

        if (y is null)
        {
            return 1;
        }

        return Less(x, y) ? -1 : Less(y, x) ? 1 : 0;
    }

    public static bool Less(string a, string b)
    {
        var s1 = Encoding.UTF8.GetBytes(a);
        var s2 = Encoding.UTF8.GetBytes(b);
        int i1 = 0, i2 = 0;
        while (i1 < s1.Length && i2 < s2.Length)
        {
            byte c1 = s1[i1], c2 = s2[i2];
            bool d1 = IsDigit(c1), d2 = IsDigit(c2);
            if (d1 != d2)
            {
                return d1;
            }

            if (!d1)
            {
                if (c1 != c2)
                {
                    return c1 < c2;
                }

                i1++;
                i2++;
                continue;
            }

            while (i1 < s1.Length && s1[i1] == '0')
            {
                i1++;
            }

            while (i2 < s2.Length && s2[i2] == '0')
            {
                i2++;
            }

            int nz1 = i1, nz2 = i2;
            while (i1 < s1.Length && IsDigit(s1[i1]))
            {
                i1++;
            }

            while (i2 < s2.Length && IsDigit(s2[i2]))
            {
                i2++;
            }

            int len1 = i1 - nz1, len2 = i2 - nz2;
            if (len1 != len2)
            {
                return len1 < len2;
            }

            var cmp = s1.AsSpan(nz1, len1).SequenceCompareTo(s2.AsSpan(nz2, len2));
            if (cmp != 0)
            {
                return cmp < 0;
            }

            if (nz1 != nz2)
            {
                return nz1 < nz2;
            }
        }

        return s1.Length < s2.Length;
    }

    private static bool IsDigit(byte b) => b is >= (byte)'0' and <= (byte)'9';
}
