using System.Globalization;

namespace Simulator.Cli.CommandLine;

/// <summary>A flag error, printed as pflag words it, then the usage line (exit 125, docker/cli <c>FlagErrorFunc</c>).</summary>
internal sealed class FlagException(string message) : Exception(message);

/// <summary>The flags and positional arguments of one command line, parsed as spf13/pflag does.</summary>
internal sealed class ParsedFlags
{
    private readonly Dictionary<string, List<string>> _values = new(StringComparer.Ordinal);

    /// <summary>The positional arguments (for run/create/exec: the image or container, then the command).</summary>
    public List<string> Args { get; } = [];

    /// <summary>Whether <c>-h</c>/<c>--help</c> was given.</summary>
    public bool Help { get; set; }

    /// <summary>pflag's notices for deprecated flags used, in order (<c>Flag --time has been deprecated, use --timeout instead</c>).</summary>
    public List<string> Deprecations { get; } = [];

    /// <summary>Records a value of a flag (repeatable flags keep all).</summary>
    public void Add(string name, string value)
    {
        if (!_values.TryGetValue(name, out var list))
        {
            _values[name] = list = [];
        }

        list.Add(value);
    }

    /// <summary>Whether the flag was given.</summary>
    public bool Has(string name) => _values.ContainsKey(name);

    /// <summary>The last value of a bool flag (false when absent).</summary>
    public bool Bool(string name) => _values.TryGetValue(name, out var v) && FlagParser.ParseBool(v[^1]) == true;

    /// <summary>The last value of a string flag, or <paramref name="fallback"/>.</summary>
    public string? String(string name, string? fallback = null) => _values.TryGetValue(name, out var v) ? v[^1] : fallback;

    /// <summary>The last value of an int flag, or <paramref name="fallback"/> (values were checked at parse).</summary>
    public int? Int(string name, int? fallback = null) =>
        _values.TryGetValue(name, out var v) ? int.Parse(v[^1], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture) : fallback;

    /// <summary>Every value of a repeatable flag (a <c>list</c> or <c>filter</c>), in order.</summary>
    public IReadOnlyList<string> List(string name) => _values.TryGetValue(name, out var v) ? v : [];

    /// <summary>A repeated <c>key=value</c> flag as a map (docker/cli opts.ConvertKVStringsToMap: a bare key maps to "", the last value wins).</summary>
    public Dictionary<string, string> KeyValues(string name)
    {
        var d = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var item in List(name))
        {
            int eq = item.IndexOf('=', StringComparison.Ordinal);
            d[eq < 0 ? item : item[..eq]] = eq < 0 ? "" : item[(eq + 1)..];
        }

        return d;
    }
}

/// <summary>spf13/pflag's parsing (flag.go <c>parseArgs</c>, <c>parseLongArg</c>, <c>parseShortArg</c>) and its error texts.</summary>
internal static class FlagParser
{
    /// <summary>Parses <paramref name="args"/>.</summary>
    /// <param name="args">The arguments after the command's name.</param>
    /// <param name="flags">The command's flags.</param>
    /// <param name="interspersed">False for run/create/exec: flags end at the first positional argument.</param>
    /// <exception cref="FlagException">An unknown flag, a missing value or a bad value; pflag's text.</exception>
    public static ParsedFlags Parse(IReadOnlyList<string> args, IReadOnlyList<FlagSpec> flags, bool interspersed)
    {
        var result = new ParsedFlags();
        for (int i = 0; i < args.Count; i++)
        {
            var a = args[i];
            if (a == "--")
            {
                result.Args.AddRange(args.Skip(i + 1));
                break;
            }

            if (a.Length < 2 || a[0] != '-')
            {
                if (!interspersed)
                {
                    result.Args.AddRange(args.Skip(i));
                    break;
                }

                result.Args.Add(a);
                continue;
            }

            if (a[1] == '-')
            {
                i = ParseLong(args, i, flags, result);
            }
            else
            {
                i = ParseShort(args, i, flags, result);
            }
        }

        return result;
    }

    private static int ParseLong(IReadOnlyList<string> args, int i, IReadOnlyList<FlagSpec> flags, ParsedFlags result)
    {
        var body = args[i][2..];
        int eq = body.IndexOf('=', StringComparison.Ordinal);
        var name = eq >= 0 ? body[..eq] : body;
        var flag = flags.FirstOrDefault(f => f.Name == name);
        if (flag is null)
        {
            if (name == "help")
            {
                result.Help = true;
                return i;
            }

            throw new FlagException("unknown flag: --" + name);
        }

        string value;
        if (eq >= 0)
        {
            value = body[(eq + 1)..];
        }
        else if (flag.IsBool)
        {
            value = "true";
        }
        else if (i + 1 < args.Count)
        {
            value = args[++i];
        }
        else
        {
            throw new FlagException("flag needs an argument: --" + name);
        }

        Set(flag, value, result);
        return i;
    }

    private static int ParseShort(IReadOnlyList<string> args, int i, IReadOnlyList<FlagSpec> flags, ParsedFlags result)
    {
        var shorthands = args[i][1..];
        for (int k = 0; k < shorthands.Length; k++)
        {
            char c = shorthands[k];
            var flag = flags.FirstOrDefault(f => f.Shorthand == c);
            if (flag is null)
            {
                if (c == 'h')
                {
                    result.Help = true;
                    continue;
                }

                throw new FlagException($"unknown shorthand flag: '{c}' in -{shorthands}");
            }

            string value;
            if (k + 1 < shorthands.Length && shorthands[k + 1] == '=')
            {
                value = shorthands[(k + 2)..];
                Set(flag, value, result);
                return i;
            }

            if (flag.IsBool)
            {
                Set(flag, "true", result);
                continue;
            }

            if (k + 1 < shorthands.Length)
            {
                Set(flag, shorthands[(k + 1)..], result);
                return i;
            }

            if (i + 1 < args.Count)
            {
                Set(flag, args[i + 1], result);
                return i + 1;
            }

            throw new FlagException($"flag needs an argument: '{c}' in -{shorthands}");
        }

        return i;
    }

    private static void Set(FlagSpec flag, string value, ParsedFlags result)
    {
        string? error = flag.Type switch
        {
            "bool" => ParseBool(value) is null ? $"strconv.ParseBool: parsing {Quote(value)}: invalid syntax" : null,
            "int" or "int64" => long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _) ? null : $"strconv.ParseInt: parsing {Quote(value)}: invalid syntax",
            "uint" or "uint16" or "uint64" => ulong.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out _) ? null : $"strconv.ParseUint: parsing {Quote(value)}: invalid syntax",
            "bytes" => flag.Name == "memory-swap" && value == "-1" ? null : SizeError(value),
            "decimal" => RationalError(value),
            "duration" => DurationError(value),
            "filter" => value.Contains('=', StringComparison.Ordinal) ? null : "bad format of filter (expected name=value)",
            _ => flag.Name == "mount" ? MountSyntaxError(value) : null,
        };
        if (error is not null)
        {
            throw new FlagException($"invalid argument {Quote(value)} for {Quote(flag.Display)} flag: {error}");
        }

        if (flag.Deprecated is { } why)
        {
            result.Deprecations.Add($"Flag --{flag.Name} has been deprecated, {why}");
        }

        result.Add(flag.Name, value);
    }

    /// <summary>
    /// docker/cli parses <c>--mount</c> when the flag is set (opts/mount.go <c>MountOpt.Set</c>), so its syntax errors are flag errors;
    /// the daemon's own checks (<c>invalid mount config for type ...</c>, moby volume/mounts/validate.go) stay daemon errors.
    /// </summary>
    private static string? MountSyntaxError(string value)
    {
        try
        {
            Simulator.Volumes.MountSpecParser.ParseMount(value);
            return null;
        }
        catch (DockerSimulatorException e) when (!e.Message.StartsWith("invalid mount config", StringComparison.Ordinal))
        {
            return e.Message;
        }
        catch (DockerSimulatorException)
        {
            return null;
        }
    }

    /// <summary>go-units <c>RAMInBytes</c>'s errors (size.go parseSize), as docker/cli's <c>MemBytes.Set</c> reports them.</summary>
    private static string? SizeError(string value)
    {
        int sep = value.LastIndexOfAny("01234567890. ".ToCharArray());
        if (sep < 0)
        {
            return $"invalid size: '{value}'";
        }

        var num = value[sep] != ' ' ? value[..(sep + 1)] : value[..sep];
        var sfx = value[(sep + 1)..];
        if (!GoParseFloat(num, out var size))
        {
            return $"strconv.ParseFloat: parsing {Quote(num)}: invalid syntax";
        }

        if (size < 0)
        {
            return $"invalid size: '{value}'";
        }

        if (sfx.Length == 0)
        {
            return null;
        }

        if (sfx.Length > 3)
        {
            return $"invalid suffix: '{sfx}'";
        }

        sfx = sfx.ToLowerInvariant();
        bool ok = sfx[0] == 'b' ? sfx.Length == 1 : "kmgtp".Contains(sfx[0], StringComparison.Ordinal) && sfx.Length switch
        {
            2 => sfx[1] == 'b',
            3 => sfx[1..] == "ib",
            _ => true,
        };
        return ok ? null : $"invalid suffix: '{sfx}'";
    }

    /// <summary>strconv.ParseFloat's syntax for plain decimals (digits, one point, an exponent).</summary>
    private static bool GoParseFloat(string s, out double value) =>
        double.TryParse(s, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out value);

    /// <summary>docker/cli opts.NanoCPUs.Set: big.Rat's SetString, then the value in nano-CPUs must be whole.</summary>
    private static string? RationalError(string value)
    {
        decimal cpus;
        int slash = value.IndexOf('/', StringComparison.Ordinal);
        if (slash > 0
            && decimal.TryParse(value[..slash], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n)
            && decimal.TryParse(value[(slash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var d) && d != 0)
        {
            cpus = n / d;
        }
        else if (!decimal.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out cpus))
        {
            return $"failed to parse {value} as a rational number";
        }

        var nano = cpus * 1_000_000_000m;
        return nano == decimal.Truncate(nano) ? null : "value is too precise";
    }

    /// <summary>Go's time.ParseDuration errors (pflag's duration flags): invalid, missing unit, unknown unit.</summary>
    private static string? DurationError(string value)
    {
        var s = value;
        if (s.Length > 0 && s[0] is '-' or '+')
        {
            s = s[1..];
        }

        if (s == "0")
        {
            return null;
        }

        if (s.Length == 0)
        {
            return $"time: invalid duration {Quote(value)}";
        }

        while (s.Length > 0)
        {
            int i = 0;
            while (i < s.Length && (char.IsAsciiDigit(s[i]) || s[i] == '.'))
            {
                i++;
            }

            var number = s[..i];
            if (number.Length == 0 || number == "." || number.Count(c => c == '.') > 1)
            {
                return $"time: invalid duration {Quote(value)}";
            }

            int j = i;
            while (j < s.Length && !char.IsAsciiDigit(s[j]) && s[j] != '.')
            {
                j++;
            }

            var unit = s[i..j];
            if (unit.Length == 0)
            {
                return $"time: missing unit in duration {Quote(value)}";
            }

            if (unit is not ("ns" or "us" or "µs" or "μs" or "ms" or "s" or "m" or "h"))
            {
                return $"time: unknown unit {Quote(unit)} in duration {Quote(value)}";
            }

            s = s[j..];
        }

        return null;
    }

    /// <summary>Go's strconv.ParseBool: <see langword="null"/> when not a bool.</summary>
    public static bool? ParseBool(string s) => s switch
    {
        "1" or "t" or "T" or "TRUE" or "true" or "True" => true,
        "0" or "f" or "F" or "FALSE" or "false" or "False" => false,
        _ => null,
    };

    /// <summary>Go's %q of a string (ASCII printable kept; quotes and backslashes escaped).</summary>
    public static string Quote(string s) => "\"" + s.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
}
