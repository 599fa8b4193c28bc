using System.Text;

namespace Simulator.References;

/// <summary>Go's <c>strings.ToLower</c>, rune by rune with Unicode simple case mappings, as reference validation uses it.</summary>
internal static class GoCase
{
    private static readonly Rune CapitalIWithDot = new(0x0130);

    /// <summary>Whether <c>strings.ToLower(s) == s</c> in Go.</summary>
    public static bool IsLower(string s)
    {
        foreach (char c in s)
        {
            if (c >= 0x80)
            {
                return ToLower(s) == s;
            }

            if (char.IsAsciiLetterUpper(c))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Go's <c>strings.ToLower(s)</c>; ill-formed UTF-16 is kept as it is.</summary>
    public static string ToLower(string s)
    {
        var builder = new StringBuilder(s.Length);
        for (int i = 0; i < s.Length;)
        {
            if (Rune.TryGetRuneAt(s, i, out var rune))
            {
                // .NET's invariant casing leaves U+0130 alone; Unicode's simple mapping (and Go's) is 'i'.
                var lower = rune == CapitalIWithDot ? new Rune('i') : Rune.ToLowerInvariant(rune);
                builder.Append(lower.ToString());
                i += rune.Utf16SequenceLength;
            }
            else
            {
                builder.Append(s[i]);
                i++;
            }
        }

        return builder.ToString();
    }
}
