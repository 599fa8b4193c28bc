using System.Globalization;
using System.Text.RegularExpressions;
using Simulator.Internal;

namespace Simulator.Volumes;

/// <summary>The parts of github.com/docker/go-units (size.go) the volume commands need.</summary>
internal static partial class GoUnits
{
    private static readonly string[] DecimalUnits = ["B", "kB", "MB", "GB", "TB", "PB", "EB", "ZB", "YB"];

    /// <summary><c>units.HumanSize</c>: decimal units with <c>%.4g</c>, e.g. <c>1.024kB</c>, <c>0B</c>.</summary>
    public static string HumanSize(double size) => HumanSizeWithPrecision(size, 4);

    /// <summary><c>units.HumanSizeWithPrecision</c>: <c>fmt.Sprintf("%.*g%s", precision, size, unit)</c>.</summary>
    public static string HumanSizeWithPrecision(double size, int precision)
    {
        var i = 0;
        while (size >= 1000.0 && i < DecimalUnits.Length - 1)
        {
            size /= 1000.0;
            i++;
        }

        return FormatG(size, precision) + DecimalUnits[i];
    }

    /// <summary>Go's <c>%.{p}g</c> (no flags) for a finite, non-negative value.</summary>
    public static string FormatG(double value, int precision)
    {
        if (value == 0)
        {
            return "0";
        }

        // Round to `precision` significant digits in exponent form, then choose %e or %f as Go does.
        var e = value.ToString("E" + (precision - 1).ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        var parts = e.Split('E');
        var exponent = int.Parse(parts[1], CultureInfo.InvariantCulture);
        var digits = parts[0].Replace(".", "", StringComparison.Ordinal).TrimStart('-');
        if (exponent < -4 || exponent >= precision)
        {
            var mantissa = digits.Length > 1 ? digits[0] + "." + digits[1..] : digits;
            mantissa = TrimZeros(mantissa);
            return mantissa + "e" + (exponent < 0 ? "-" : "+") + Math.Abs(exponent).ToString("00", CultureInfo.InvariantCulture);
        }

        string text;
        if (exponent >= 0)
        {
            var intPart = digits[..(exponent + 1)];
            var frac = digits[(exponent + 1)..];
            text = frac.Length == 0 ? intPart : intPart + "." + frac;
        }
        else
        {
            text = "0." + new string('0', -exponent - 1) + digits;
        }

        return TrimZeros(text);
    }

    /// <summary>
    /// <c>units.RAMInBytes</c>: <c>64m</c>, <c>1.5g</c>, <c>1024</c>, <c>10kb</c>, <c>2GiB</c> in binary units.
    /// </summary>
    /// <exception cref="DockerSimulatorException"><see cref="ErrorKind.InvalidArgument"/>: <c>invalid size: '&lt;s&gt;'</c>.</exception>
    public static long RamInBytes(string size)
    {
        var m = RamPattern().Match(size);
        if (!m.Success)
        {
            throw Errors.InvalidArgument($"invalid size: '{size}'");
        }

        var number = double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
        var unit = m.Groups[3].Success ? char.ToLowerInvariant(m.Groups[3].Value[0]) : 'b';
        var multiplier = unit switch
        {
            'k' => 1L << 10,
            'm' => 1L << 20,
            'g' => 1L << 30,
            't' => 1L << 40,
            'p' => 1L << 50,
            _ => 1L,
        };
        return (long)(number * multiplier);
    }

    private static string TrimZeros(string s)
    {
        if (!s.Contains('.', StringComparison.Ordinal))
        {
            return s;
        }

        s = s.TrimEnd('0');
        return s.EndsWith('.') ? s[..^1] : s;
    }

    [GeneratedRegex(@"^(\d+(\.\d+)*) ?([kKmMgGtTpP])?[iI]?[bB]?$")]
    private static partial Regex RamPattern();
}
