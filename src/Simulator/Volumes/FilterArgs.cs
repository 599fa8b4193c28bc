using System.Text.RegularExpressions;
using Simulator.Internal;

namespace Simulator.Volumes;

/// <summary>moby's <c>api/types/filters.Args</c> for the volume commands: <c>--filter key=value</c> values by key.</summary>
internal sealed class FilterArgs
{
    private readonly Dictionary<string, List<string>> _fields = new(StringComparer.Ordinal);

    /// <summary><c>filters.ParseFlag</c> for each argument: key lower-cased and trimmed, value trimmed.</summary>
    /// <exception cref="DockerSimulatorException"><see cref="ErrorKind.InvalidArgument"/>: an argument without <c>=</c>.</exception>
    public static FilterArgs Parse(IEnumerable<string>? filters)
    {
        var args = new FilterArgs();
        foreach (var filter in filters ?? [])
        {
            ArgumentNullException.ThrowIfNull(filter, nameof(filters));
            var eq = filter.IndexOf('=', StringComparison.Ordinal);
            if (eq < 0)
            {
                throw Errors.InvalidArgument(Errors.BadFilterFormat);
            }

            args.Add(filter[..eq].Trim().ToLowerInvariant(), filter[(eq + 1)..].Trim());
        }

        return args;
    }

    public void Add(string key, string value)
    {
        if (!_fields.TryGetValue(key, out var values))
        {
            _fields[key] = values = [];
        }

        if (!values.Contains(value, StringComparer.Ordinal))
        {
            values.Add(value);
        }
    }

    public bool Contains(string key) => _fields.ContainsKey(key);

    public IReadOnlyList<string> Get(string key) => _fields.TryGetValue(key, out var values) ? values : [];

    /// <exception cref="DockerSimulatorException"><see cref="ErrorKind.InvalidArgument"/>: <c>invalid filter '&lt;key&gt;'</c>.</exception>
    public void Validate(params string[] accepted)
    {
        foreach (var key in _fields.Keys)
        {
            if (!accepted.Contains(key, StringComparer.Ordinal))
            {
                throw Errors.InvalidArgument(Errors.InvalidFilter(key));
            }
        }
    }

    /// <summary><c>Args.Match</c>: an exact value, or a value that is a regular expression found in <paramref name="source"/>.</summary>
    public bool Match(string key, string source)
    {
        foreach (var value in Get(key))
        {
            if (value == source)
            {
                return true;
            }

            try
            {
                if (Regex.IsMatch(source, value, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1)))
                {
                    return true;
                }
            }
            catch (ArgumentException)
            {
                // Go skips values that are not valid expressions.
            }
        }

        return false;
    }

    /// <summary><c>Args.MatchKVList</c>: every <c>key</c> or <c>key=value</c> given matches the labels (true when none given).</summary>
    public bool MatchKeyValueList(string key, IReadOnlyDictionary<string, string> labels)
    {
        var values = Get(key);
        if (values.Count == 0)
        {
            return true;
        }

        if (labels.Count == 0)
        {
            return false;
        }

        foreach (var value in values)
        {
            var eq = value.IndexOf('=', StringComparison.Ordinal);
            var testKey = eq < 0 ? value : value[..eq];
            if (!labels.TryGetValue(testKey, out var actual))
            {
                return false;
            }

            if (eq >= 0 && value[(eq + 1)..] != actual)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary><c>Args.GetBoolOrDefault</c>.</summary>
    /// <exception cref="DockerSimulatorException"><see cref="ErrorKind.InvalidArgument"/>: <c>invalid filter 'key=values'</c>.</exception>
    public bool GetBool(string key, bool defaultValue)
    {
        if (!_fields.TryGetValue(key, out var values))
        {
            return defaultValue;
        }

        var isFalse = values.Contains("0") || values.Contains("false");
        var isTrue = values.Contains("1") || values.Contains("true");
        if (isFalse == isTrue)
        {
            throw Errors.InvalidArgument(Errors.InvalidFilter(key, values));
        }

        return isTrue;
    }

    /// <summary>Go's <c>strconv.ParseBool</c>.</summary>
    public static bool? ParseGoBool(string s) => s switch
    {
        "1" or "t" or "T" or "TRUE" or "true" or "True" => true,
        "0" or "f" or "F" or "FALSE" or "false" or "False" => false,
        _ => null,
    };
}
