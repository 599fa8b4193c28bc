using System.Globalization;
using System.Text;
using Simulator.FileSystem;
using Simulator.Images;
using Simulator.Processes;

namespace Simulator.Build;

/// <summary>Instruction dispatch (dockerfile2llb convert.go dispatch*).</summary>
internal sealed partial class BuildRun
{
    private async Task<StageState> DispatchStageAsync(StageDef stage)
    {
        StageState state;
        if (stage.BaseStage is { } baseStage)
        {
            var b = baseStage.Result!;
            state = new StageState { Layers = [.. b.Layers], Config = b.Config, Key = b.Key, MetaKey = Builder.Hash("stage", b.MetaKey), LastCreated = b.LastCreated };
            state.RunEnv.AddRange(EnvPairs(b.Config.Config.Env));
        }
        else if (stage.BaseImage is { } image)
        {
            state = new StageState
            {
                Layers = [.. image.Layers],
                Config = image.Config with { Config = image.Config.Config with { OnBuild = [] } },
                Key = Builder.Hash("image", image.Id.ToString()),
                MetaKey = Builder.Hash("image", image.Id.ToString()),
                LastCreated = image.Created ?? _start,
            };
            state.RunEnv.AddRange(EnvPairs(image.Config.Config.Env));
        }
        else
        {
            state = new StageState
            {
                Layers = [],
                Config = new ImageConfig { Architecture = "amd64", Os = "linux" },
                Key = Builder.Hash("scratch"),
                MetaKey = Builder.Hash("scratch", _start.UtcTicks.ToString(CultureInfo.InvariantCulture)),
                LastCreated = _start,
            };
        }

        var commands = new List<(DockerfileNode Node, bool OnBuild)>();
        if (stage.BaseImage is { Config.Config.OnBuild.Count: > 0 } withTriggers)
        {
            foreach (var trigger in withTriggers.Config.Config.OnBuild)
            {
                var parsed = DockerfileParser.Parse(trigger);
                foreach (var child in parsed.Ast.Children)
                {
                    child.StartLine = stage.Node.StartLine;
                    child.EndLine = stage.Node.EndLine;
                    Validate(child);
                    commands.Add((child, true));
                }
            }
        }

        commands.AddRange(stage.Commands.Select(c => (c, false)));
        int total = (stage.BaseStage is null && stage.ExpandedBase != "scratch" ? 1 : 0) +
            commands.Count(c => c.Node.Value.ToLowerInvariant() is "run" or "copy" or "add" or "workdir");
        var step = new StepCounter(_stages.Count > 1 ? stage.DisplayName : null, total);
        if (stage.BaseImage is { } img)
        {
            var canonical = CanonicalName(stage.ExpandedBase);
            var name = References.ImageReference.Parse(canonical).Name;
            var digested = _builder.Images.References(img.Id).FirstOrDefault(r => r.Digest is not null && r.Name == name);
            var shown = digested is null || canonical.Contains('@', StringComparison.Ordinal) ? canonical : canonical + "@" + digested.Digest;
            _out.From(step.Next(false) + "FROM " + shown, shown, !_pulled.Contains(img.Id), stage.Node);
            _out.ClassicFromId(img.Id.ToString());
        }
        else if (_request.Progress == BuildProgressFormat.Classic)
        {
            _out.ClassicStep(stage.Node.Original);
            _out.ClassicFromId(ImageIdOf(state));
        }

        if (_context is not null && commands.Any(c => c.Node.Value.ToLowerInvariant() is "copy" or "add" && !c.Node.Flags.Any(f => f.StartsWith("--from=", StringComparison.Ordinal))))
        {
            EnsureContextVertex(); // BuildKit transfers the context while the base resolves
        }

        foreach (var (node, onBuild) in commands)
        {
            _ct.ThrowIfCancellationRequested();
            await DispatchAsync(stage, state, node, step, onBuild).ConfigureAwait(false);
        }

        stage.Result = state;
        return state;
    }

    private static string CanonicalName(string reference)
    {
        var r = References.ImageReference.Parse(reference);
        return (r.Tag is null && r.Digest is null ? References.ImageReference.Parse(reference + ":latest") : r).ToString();
    }

    private static IEnumerable<KeyValuePair<string, string>> EnvPairs(IReadOnlyList<string> env) =>
        env.Select(e =>
        {
            var eq = e.IndexOf('=', StringComparison.Ordinal);
            return eq < 0 ? new KeyValuePair<string, string>(e, "") : new KeyValuePair<string, string>(e[..eq], e[(eq + 1)..]);
        });

    private sealed class StepCounter(string? stageName, int total)
    {
        private int _index;

        public string Next(bool onBuild)
        {
            if (total == 0)
            {
                return "";
            }

            _index++;
            int width = 1 + (int)Math.Log10(total);
            var sb = new StringBuilder("[");
            if (stageName is not null)
            {
                sb.Append(stageName).Append(' ');
            }

            sb.Append(_index.ToString(CultureInfo.InvariantCulture).PadLeft(width)).Append('/').Append(total.ToString(CultureInfo.InvariantCulture)).Append("] ");
            if (onBuild)
            {
                sb.Append("ONBUILD ");
            }

            return sb.ToString();
        }
    }

    private void Commit(StageState state, string createdBy)
    {
        state.MetaKey = Builder.Hash(state.MetaKey, createdBy, state.LastCreated.UtcTicks.ToString(CultureInfo.InvariantCulture));
        state.Config = state.Config.WithEmptyLayerHistory(new HistoryEntry
        {
            Created = state.LastCreated,
            CreatedBy = createdBy,
            Comment = Builder.HistoryComment,
        });
        var id = ImageIdOf(state);
        _out.ClassicMetadataStep(id, id.Length > 0 && !_builder.RecordClassicImage(id));
    }

    private string ImageIdOf(StageState state) =>
        _request.Progress == BuildProgressFormat.Classic ? Image.Create(state.Config with { Created = state.LastCreated }, state.Layers).Id.ToString() : "";

    private async Task DispatchAsync(StageDef stage, StageState state, DockerfileNode node, StepCounter step, bool onBuild)
    {
        var cmd = node.Value.ToLowerInvariant();
        _out.ClassicStep(node.Original);
        var env = (Func<string, string?>)state.Lookup;
        switch (cmd)
        {
            case "env":
            case "label":
            {
                ParseFlags(node);
                var args = NodeArgs(node);
                var sb = new StringBuilder(cmd.ToUpperInvariant());
                var labels = cmd == "label" ? new Dictionary<string, string>(state.Config.Config.Labels, StringComparer.Ordinal) : null;
                var imageEnv = cmd == "env" ? state.Config.Config.Env.ToList() : null;

                // Every pair expands with the environment from before the instruction (ENV abc=bye def=$abc gives def the old abc),
                // as BuildKit expands the whole instruction before dispatching it (docs: "Environment replacement").
                var pairs = new List<(string Key, string Value)>();
                for (int i = 0; i + 2 < args.Count + 0 || i + 1 < args.Count; i += 3)
                {
                    pairs.Add((Expand(args[i], env, node), Expand(args[i + 1], env, node)));
                }

                foreach (var (key, value) in pairs)
                {
                    sb.Append(' ').Append(key).Append('=').Append(value);
                    if (cmd == "env")
                    {
                        state.SetEnv(key, value);
                        var index = imageEnv!.FindIndex(e => e.StartsWith(key + "=", StringComparison.Ordinal) || e == key);
                        if (index >= 0)
                        {
                            imageEnv[index] = key + "=" + value;
                        }
                        else
                        {
                            imageEnv.Add(key + "=" + value);
                        }
                    }
                    else
                    {
                        labels![key] = value;
                    }
                }

                state.Config = state.Config with
                {
                    Config = cmd == "env" ? state.Config.Config with { Env = imageEnv! } : state.Config.Config with { Labels = labels! },
                };
                Commit(state, sb.ToString());
                break;
            }

            case "maintainer":
            {
                var value = NodeArgs(node)[0];
                state.Config = state.Config with { Author = value };
                Commit(state, "MAINTAINER " + value);
                break;
            }

            case "arg":
            {
                ParseFlags(node);
                var parts = new List<string>();
                foreach (var (key, rawValue) in ParseArgWords(node))
                {
                    string? value;
                    if (TryBuildArg(key, out var given))
                    {
                        value = given;
                    }
                    else if (rawValue is null)
                    {
                        value = _metaArgs.TryGetValue(key, out var meta) ? meta : null;
                    }
                    else
                    {
                        value = Expand(rawValue, env, node);
                    }

                    if (value is not null && !PredefinedArgs.ContainsKey(key))
                    {
                        state.SetEnv(key, value);
                    }
                    else if (value is not null)
                    {
                        state.SetEnv(key, value);
                    }

                    state.BuildArgs.RemoveAll(a => a.Key == key);
                    state.BuildArgs.Add((key, value));
                    parts.Add(value is null ? key : key + "=" + value);
                }

                Commit(state, "ARG " + string.Join(' ', parts));
                break;
            }

            case "cmd":
            case "entrypoint":
            {
                ParseFlags(node);
                var args = NodeArgs(node);
                List<string> argv = node.IsJson ? args : args.Count == 0 ? [] : [.. ShellOf(state), args[0]];
                if (cmd == "cmd")
                {
                    state.Config = state.Config with { Config = state.Config.Config with { Cmd = argv } };
                    state.CmdSet = true;
                    Commit(state, "CMD " + GoQuoteList(argv));
                }
                else
                {
                    var config = state.Config.Config with { Entrypoint = argv };
                    if (!state.CmdSet)
                    {
                        config = config with { Cmd = [] };
                    }

                    state.Config = state.Config with { Config = config };
                    Commit(state, "ENTRYPOINT " + GoQuoteList(argv));
                }

                break;
            }

            case "expose":
            {
                ParseFlags(node);
                var ports = new SortedSet<string>(StringComparer.Ordinal);
                foreach (var raw in NodeArgs(node))
                {
                    foreach (var word in ExpandWords(raw, env, node))
                    {
                        foreach (var p in ExpandPorts(word, node))
                        {
                            ports.Add(p);
                        }
                    }
                }

                var set = state.Config.Config.ExposedPorts.Union(ports, StringComparer.Ordinal).ToList();
                set.Sort(StringComparer.Ordinal);
                state.Config = state.Config with { Config = state.Config.Config with { ExposedPorts = set } };
                Commit(state, "EXPOSE map[" + string.Join(" ", ports.Select(p => p + ":{}")) + "]");
                break;
            }

            case "user":
            {
                ParseFlags(node);
                var user = Expand(NodeArgs(node)[0], env, node);
                state.Config = state.Config with { Config = state.Config.Config with { User = user } };
                Commit(state, "USER " + user);
                break;
            }

            case "stopsignal":
            {
                ParseFlags(node);
                var signal = Expand(NodeArgs(node)[0], env, node);
                state.Config = state.Config with { Config = state.Config.Config with { StopSignal = signal } };
                Commit(state, "STOPSIGNAL " + signal);
                break;
            }

            case "volume":
            {
                ParseFlags(node);
                var volumes = new List<string>();
                foreach (var raw in NodeArgs(node))
                {
                    var v = Expand(raw, env, node);
                    if (v.Trim().Length == 0)
                    {
                        throw LineError(node, "VOLUME specified can not be an empty string");
                    }

                    volumes.Add(v);
                }

                var set = state.Config.Config.Volumes.Union(volumes, StringComparer.Ordinal).ToList();
                set.Sort(StringComparer.Ordinal);
                state.Config = state.Config with { Config = state.Config.Config with { Volumes = set } };
                Commit(state, "VOLUME [" + string.Join(' ', volumes) + "]");
                break;
            }

            case "shell":
            {
                ParseFlags(node);
                if (!node.IsJson)
                {
                    throw LineError(node, "SHELL requires the arguments to be in JSON form");
                }

                var shell = NodeArgs(node);
                state.Config = state.Config with { Config = state.Config.Config with { Shell = shell } };
                Commit(state, "SHELL [" + string.Join(' ', shell) + "]");
                break;
            }

            case "onbuild":
            {
                ParseFlags(node);
                var expression = OnBuildExpression(node);
                state.Config = state.Config with { Config = state.Config.Config with { OnBuild = [.. state.Config.Config.OnBuild, expression] } };
                state.MetaKey = Builder.Hash(state.MetaKey, "ONBUILD", expression);
                var onBuildId = ImageIdOf(state);
                _out.ClassicMetadataStep(onBuildId, onBuildId.Length > 0 && !_builder.RecordClassicImage(onBuildId));
                break;
            }

            case "healthcheck":
                DispatchHealthcheck(state, node);
                break;

            case "workdir":
                await DispatchWorkdirAsync(state, node, step, onBuild).ConfigureAwait(false);
                break;

            case "run":
                await DispatchRunAsync(stage, state, node, step, onBuild).ConfigureAwait(false);
                break;

            case "copy":
            case "add":
                await DispatchCopyAsync(stage, state, node, step, onBuild, cmd == "add").ConfigureAwait(false);
                break;
        }
    }

    private static string OnBuildExpression(DockerfileNode node)
    {
        var original = node.Original.TrimStart();
        var idx = original.IndexOf(' ', StringComparison.Ordinal);
        var rest = idx < 0 ? "" : original[idx..].Trim();
        return rest;
    }

    private static List<string> ShellOf(StageState state) =>
        state.Config.Config.Shell.Count > 0 ? [.. state.Config.Config.Shell] : [.. DefaultShell];

    internal static string GoQuoteList(IEnumerable<string> args) =>
        "[" + string.Join(' ', args.Select(DockerfileNode.GoQuote)) + "]";

    private static List<string> ExpandPorts(string spec, DockerfileNode node)
    {
        var slash = spec.IndexOf('/', StringComparison.Ordinal);
        var proto = slash < 0 ? "tcp" : spec[(slash + 1)..].ToLowerInvariant();
        var range = slash < 0 ? spec : spec[..slash];
        var colon = range.LastIndexOf(':');
        if (colon >= 0)
        {
            range = range[(colon + 1)..];
        }

        if (proto is not ("tcp" or "udp" or "sctp"))
        {
            throw LineError(node, "invalid proto: " + proto);
        }

        var dash = range.IndexOf('-', StringComparison.Ordinal);
        var startText = dash < 0 ? range : range[..dash];
        var endText = dash < 0 ? range : range[(dash + 1)..];
        if (!ushort.TryParse(startText, NumberStyles.None, CultureInfo.InvariantCulture, out var start) ||
            !ushort.TryParse(endText, NumberStyles.None, CultureInfo.InvariantCulture, out var end) || end < start)
        {
            throw LineError(node, "invalid containerPort: " + range);
        }

        var ports = new List<string>();
        for (int p = start; p <= end; p++)
        {
            ports.Add(p.ToString(CultureInfo.InvariantCulture) + "/" + proto);
        }

        return ports;
    }

    private void DispatchHealthcheck(StageState state, DockerfileNode node)
    {
        var flags = ParseFlags(node, "interval", "timeout", "start-period", "start-interval", "retries");
        var args = NodeArgs(node);
        var type = args[0].ToUpperInvariant();
        HealthcheckConfig hc;
        if (type == "NONE")
        {
            if (args.Count > 1 || flags.Count > 0)
            {
                throw LineError(node, "HEALTHCHECK NONE takes no arguments");
            }

            hc = new HealthcheckConfig { Test = ["NONE"] };
        }
        else if (type == "CMD")
        {
            var rest = args.Skip(1).ToList();
            if (rest.Count == 0)
            {
                throw LineError(node, "Missing command after HEALTHCHECK CMD");
            }

            var test = node.IsJson ? ["CMD", .. rest] : new List<string> { "CMD-SHELL", rest[0] };
            int retries = 0;
            if (flags.TryGetValue("retries", out var r))
            {
                if (!int.TryParse(r, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out retries))
                {
                    throw LineError(node, $"strconv.ParseInt: parsing {DockerfileNode.GoQuote(r)}: invalid syntax");
                }

                if (retries < 0)
                {
                    throw LineError(node, $"--retries cannot be negative ({retries})");
                }
            }

            hc = new HealthcheckConfig
            {
                Test = test,
                Interval = Duration(flags, "interval", node),
                Timeout = Duration(flags, "timeout", node),
                StartPeriod = Duration(flags, "start-period", node),
                StartInterval = Duration(flags, "start-interval", node),
                Retries = retries,
            };
        }
        else
        {
            throw LineError(node, $"Unknown type {DockerfileNode.GoQuote(args[0])} in HEALTHCHECK (try CMD)");
        }

        state.Config = state.Config with { Config = state.Config.Config with { Healthcheck = hc } };
        // BuildKit dispatchHealthcheck: fmt.Sprintf("HEALTHCHECK %q", *dockerspec.HealthcheckConfig): strings and durations quoted,
        // the Retries int as a quoted rune.
        Commit(state, "HEALTHCHECK &{[" + string.Join(' ', hc.Test.Select(GoQuote)) + "] " + GoQuote(GoDuration(hc.Interval)) + " " +
            GoQuote(GoDuration(hc.Timeout)) + " " + GoQuote(GoDuration(hc.StartPeriod)) + " " + GoQuote(GoDuration(hc.StartInterval)) + " " +
            GoQuoteRune(hc.Retries) + "}");
    }

    /// <summary>Go's strconv.Quote for the ASCII range (what Dockerfile commands hold).</summary>
    private static string GoQuote(string text)
    {
        var sb = new StringBuilder("\"");
        foreach (var c in text)
        {
            sb.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\n' => "\\n",
                '\t' => "\\t",
                '\r' => "\\r",
                _ when c < ' ' || c == 0x7f => "\\x" + ((int)c).ToString("x2", CultureInfo.InvariantCulture),
                _ => c.ToString(),
            });
        }

        return sb.Append('"').ToString();
    }

    /// <summary>Go's %q of an int: strconv.QuoteRune.</summary>
    private static string GoQuoteRune(int value) => value switch
    {
        7 => "'\\a'",
        8 => "'\\b'",
        9 => "'\\t'",
        10 => "'\\n'",
        11 => "'\\v'",
        12 => "'\\f'",
        13 => "'\\r'",
        '\'' => "'\\''",
        '\\' => "'\\\\'",
        >= 0x20 and < 0x7f => "'" + (char)value + "'",
        >= 0 and < 0x80 => "'\\x" + value.ToString("x2", CultureInfo.InvariantCulture) + "'",
        _ => "'\\u" + value.ToString("x4", CultureInfo.InvariantCulture) + "'",
    };

    private static TimeSpan Duration(Dictionary<string, string> flags, string name, DockerfileNode node)
    {
        if (!flags.TryGetValue(name, out var text) || text.Length == 0)
        {
            return TimeSpan.Zero;
        }

        var d = ParseGoDuration(text) ?? throw LineError(node, $"time: invalid duration {DockerfileNode.GoQuote(text)}");
        if (d != TimeSpan.Zero && d < TimeSpan.FromMilliseconds(1))
        {
            throw LineError(node, $"Interval \"{name}\" cannot be less than 1ms");
        }

        return d;
    }

    private static TimeSpan? ParseGoDuration(string s)
    {
        if (s == "0")
        {
            return TimeSpan.Zero;
        }

        double total = 0;
        int i = 0;
        if (s.Length == 0)
        {
            return null;
        }

        while (i < s.Length)
        {
            int start = i;
            while (i < s.Length && (char.IsDigit(s[i]) || s[i] == '.'))
            {
                i++;
            }

            if (start == i || !double.TryParse(s[start..i], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var n))
            {
                return null;
            }

            int us = i;
            while (i < s.Length && !char.IsDigit(s[i]) && s[i] != '.')
            {
                i++;
            }

            double unit = s[us..i] switch
            {
                "ns" => 1e-9,
                "us" or "µs" => 1e-6,
                "ms" => 1e-3,
                "s" => 1,
                "m" => 60,
                "h" => 3600,
                _ => double.NaN,
            };
            if (double.IsNaN(unit))
            {
                return null;
            }

            total += n * unit;
        }

        return TimeSpan.FromTicks((long)Math.Round(total * TimeSpan.TicksPerSecond));
    }

    /// <summary>Go's <c>time.Duration.String</c> for whole-tick durations.</summary>
    internal static string GoDuration(TimeSpan d)
    {
        if (d == TimeSpan.Zero)
        {
            return "0s";
        }

        var sb = new StringBuilder();
        if (d.TotalSeconds < 1)
        {
            var ms = d.TotalMilliseconds;
            return ms >= 1 ? ms.ToString("0.######", CultureInfo.InvariantCulture) + "ms" : (d.Ticks / 10.0).ToString("0.###", CultureInfo.InvariantCulture) + "µs";
        }

        long hours = (long)d.TotalHours;
        if (hours > 0)
        {
            sb.Append(hours.ToString(CultureInfo.InvariantCulture)).Append('h');
        }

        if (hours > 0 || d.Minutes > 0)
        {
            sb.Append(d.Minutes.ToString(CultureInfo.InvariantCulture)).Append('m');
        }

        var seconds = d.Seconds + (d.Ticks % TimeSpan.TicksPerSecond) / (double)TimeSpan.TicksPerSecond;
        sb.Append(seconds.ToString("0.#########", CultureInfo.InvariantCulture)).Append('s');
        return sb.ToString();
    }
}
