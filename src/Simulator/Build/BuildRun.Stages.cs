using System.Text.RegularExpressions;
using Simulator.FileSystem;
using Simulator.Images;
using Simulator.References;

namespace Simulator.Build;

/// <summary>Stages: instruction validation (BuildKit instructions/parse.go), meta ARGs, target and base images.</summary>
internal sealed partial class BuildRun
{
    internal static readonly string[] InstructionNames =
    [
        "add", "arg", "cmd", "copy", "entrypoint", "env", "expose", "from", "healthcheck", "label", "maintainer",
        "onbuild", "run", "shell", "stopsignal", "user", "volume", "workdir",
    ];

    private static readonly Dictionary<string, string> PredefinedArgs = new(StringComparer.Ordinal)
    {
        ["TARGETPLATFORM"] = "linux/amd64",
        ["TARGETOS"] = "linux",
        ["TARGETARCH"] = "amd64",
        ["TARGETVARIANT"] = "",
        ["BUILDPLATFORM"] = "linux/amd64",
        ["BUILDOS"] = "linux",
        ["BUILDARCH"] = "amd64",
        ["BUILDVARIANT"] = "",
    };

    private void ParseStages(DockerfileParseResult parsed)
    {
        _escape = parsed.EscapeToken;
        StageDef? current = null;
        var metaNodes = new List<DockerfileNode>();
        foreach (var node in parsed.Ast.Children)
        {
            var cmd = node.Value.ToLowerInvariant();
            Validate(node);
            if (cmd == "from")
            {
                var args = NodeArgs(node);
                if (args.Count != 1 && !(args.Count == 3 && args[1].Equals("as", StringComparison.OrdinalIgnoreCase)))
                {
                    throw LineError(node, "FROM requires either one or three arguments");
                }

                string? name = null;
                if (args.Count == 3)
                {
                    name = args[2].ToLowerInvariant();
                    if (!StageNameRegex().IsMatch(name))
                    {
                        throw LineError(node, $"invalid name for build stage: {DockerfileNode.GoQuote(args[2])}, name can't start with a number or contain symbols");
                    }
                }

                var flags = ParseFlags(node, "platform");
                current = new StageDef { Index = _stages.Count, Name = name, BaseName = args[0], Node = node, Platform = flags.GetValueOrDefault("platform") };
                _stages.Add(current);
                continue;
            }

            if (current is null)
            {
                if (cmd == "arg")
                {
                    metaNodes.Add(node);
                    continue;
                }

                throw LineError(node, "no build stage in current context");
            }

            current.Commands.Add(node);
        }

        if (_stages.Count == 0)
        {
            throw new DockerfileParseException("file with no instructions");
        }

        // Meta ARGs: build-arg values win, then defaults expanded with earlier meta args.
        foreach (var (k, v) in PredefinedArgs)
        {
            _metaArgs[k] = v;
        }

        foreach (var node in metaNodes)
        {
            foreach (var (key, value) in ParseArgWords(node))
            {
                if (TryBuildArg(key, out var given))
                {
                    _metaArgs[key] = given;
                }
                else
                {
                    _metaArgs[key] = value is null ? null : Expand(value, MetaLookup, node);
                }
            }
        }

        for (int i = 0; i < _stages.Count; i++)
        {
            var stage = _stages[i];
            stage.ExpandedBase = Expand(stage.BaseName, MetaLookup, stage.Node);
            if (stage.ExpandedBase.Length == 0)
            {
                throw new StepFailure(ErrorKind.InvalidArgument, "base name (" + stage.BaseName + ") should not be blank") { Node = stage.Node };
            }

            stage.BaseStage = _stages.Take(i).LastOrDefault(s => s.Name == stage.ExpandedBase.ToLowerInvariant());
            stage.DisplayName = stage.Name ?? "stage-" + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
    }

    private string? MetaLookup(string name) => _metaArgs.TryGetValue(name, out var v) ? v : null;

    private bool TryBuildArg(string key, out string value)
    {
        if (_request.BuildArgs.TryGetValue(key, out var v) && v is not null)
        {
            value = v;
            return true;
        }

        value = "";
        return false;
    }

    private StageDef ResolveTarget()
    {
        if (string.IsNullOrEmpty(_request.Target))
        {
            return _stages[^1];
        }

        var target = _stages.LastOrDefault(s => s.Name == _request.Target.ToLowerInvariant());
        return target ?? throw new StepFailure(ErrorKind.InvalidArgument, $"target stage \"{_request.Target}\" could not be found");
    }

    /// <summary>
    /// The stages the target needs, in the order to build them (each after the stages it copies or mounts from, else by
    /// index). First, as BuildKit's dockerfile2llb does for every stage (toCommand, hasCircularDependency), each
    /// <c>--from</c> is resolved (a stage of any position by name or index, <c>invalid stage index N</c> past the last)
    /// and a stage that depends on itself through them fails with <c>circular dependency detected on stage: NAME</c>.
    /// </summary>
    private List<StageDef> NeededStages(StageDef target)
    {
        var deps = _stages.ToDictionary(s => s.Index, s => new List<(StageDef Stage, DockerfileNode Node)>());
        foreach (var s in _stages)
        {
            foreach (var cmd in s.Commands)
            {
                foreach (var from in FromFlags(cmd))
                {
                    if (FindFromStage(from) is { } dep && !deps[s.Index].Any(d => d.Stage == dep))
                    {
                        deps[s.Index].Add((dep, cmd));
                    }
                }
            }
        }

        // hasCircularDependency: depth-first from each stage in order; the stage the walk started from is named.
        var visited = new HashSet<int>();
        foreach (var s in _stages)
        {
            var path = new HashSet<int>();
            if (Cycle(s) is { } node)
            {
                throw new DockerfileParseException($"circular dependency detected on stage: {s.Name ?? "stage-" + s.Index}", node.StartLine, node.EndLine);
            }

            DockerfileNode? Cycle(StageDef state)
            {
                if (!visited.Add(state.Index))
                {
                    return null;
                }

                path.Add(state.Index);
                foreach (var (dep, cmd) in deps[state.Index])
                {
                    if (path.Contains(dep.Index) || Cycle(dep) is not null)
                    {
                        return cmd;
                    }
                }

                path.Remove(state.Index);
                return null;
            }
        }

        var needed = new HashSet<int>();
        var stack = new Stack<StageDef>();
        stack.Push(target);
        while (stack.Count > 0)
        {
            var s = stack.Pop();
            if (!needed.Add(s.Index))
            {
                continue;
            }

            if (s.BaseStage is { } b)
            {
                stack.Push(b);
            }

            foreach (var (dep, _) in deps[s.Index])
            {
                stack.Push(dep);
            }
        }

        // Build order: the lowest-index stage whose dependencies are built.
        var order = new List<StageDef>();
        var done = new HashSet<int>();
        while (order.Count < needed.Count)
        {
            var next = _stages.First(s => needed.Contains(s.Index) && !done.Contains(s.Index) &&
                (s.BaseStage is null || done.Contains(s.BaseStage.Index)) && deps[s.Index].All(d => done.Contains(d.Stage.Index)));
            order.Add(next);
            done.Add(next.Index);
        }

        return order;
    }

    /// <summary>The stage names or indexes a COPY/ADD <c>--from</c> or a RUN <c>--mount from=</c> names, as written.</summary>
    private static IEnumerable<string> FromFlags(DockerfileNode cmd)
    {
        var lower = cmd.Value.ToLowerInvariant();
        if (lower is not ("copy" or "add" or "run"))
        {
            yield break;
        }

        foreach (var flag in cmd.Flags)
        {
            if (flag.StartsWith("--from=", StringComparison.Ordinal) && lower != "run")
            {
                yield return flag[7..];
            }
            else if (flag.StartsWith("--mount=", StringComparison.Ordinal) && flag[8..].Split(',').Select(p => p.Split('=', 2)).Where(p => p.Length == 2 && p[0] == "from").Select(p => p[1]).FirstOrDefault() is { } from)
            {
                yield return from;
            }
        }
    }

    /// <summary>
    /// BuildKit's findStateByIndex / findStateByName for <c>--from</c>: an index names any stage (past the last:
    /// <c>invalid stage index N</c>); a name any stage of that name (the last, as the by-name map keeps it);
    /// <see langword="null"/> when it names an image.
    /// </summary>
    private StageDef? FindFromStage(string nameOrIndex)
    {
        if (int.TryParse(nameOrIndex, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var index))
        {
            if (index >= _stages.Count)
            {
                throw new DockerfileParseException($"invalid stage index {index}");
            }

            return _stages[index];
        }

        return _stages.LastOrDefault(s => s.Name == nameOrIndex.ToLowerInvariant());
    }

    private async Task ResolveBaseAsync(StageDef stage)
    {
        if (stage.BaseStage is not null || stage.ExpandedBase == "scratch")
        {
            return;
        }

        stage.BaseImage = await GetImageAsync(stage.ExpandedBase, stage.Node).ConfigureAwait(false);
    }

    private readonly Dictionary<string, Image> _resolvedImages = new(StringComparer.Ordinal);

    private async Task<Image> GetImageAsync(string reference, DockerfileNode node)
    {
        if (_resolvedImages.TryGetValue(reference, out var known))
        {
            return known;
        }

        ImageReference parsed;
        try
        {
            parsed = ImageReference.Parse(reference);
        }
        catch (DockerSimulatorException ex)
        {
            throw new StepFailure(ErrorKind.InvalidArgument, $"failed to parse stage name \"{reference}\": {ex.Message}") { Node = node };
        }

        var canonical = parsed.Tag is null && parsed.Digest is null ? ImageReference.Parse(reference + ":latest") : parsed;
        _out.LoadMetadata(canonical.ToString());
        Image? image = null;
        bool pulled = false;
        if (!_request.Pull)
        {
            _builder.Images.TryGet(reference, out image);
        }

        if (image is null)
        {
            if (_builder.RegistryClient is null)
            {
                throw new StepFailure(ErrorKind.NotFound, $"{reference}: failed to resolve source metadata for {canonical}: No such image: {canonical.FamiliarString}") { Node = node };
            }

            try
            {
                await _builder.RegistryClient.PullAsync(canonical.ToString(), null, _ct).ConfigureAwait(false);
            }
            catch (DockerSimulatorException ex)
            {
                throw new StepFailure(ex.Kind, $"{reference}: failed to resolve source metadata for {canonical}: {ex.Message}") { Node = node };
            }

            image = _builder.Images.Get(canonical.ToString());
            pulled = true;
        }

        _resolvedImages[reference] = image;
        if (pulled)
        {
            _pulled.Add(image.Id);
        }

        return image;
    }

    private readonly HashSet<Digest> _pulled = [];

    private static void Validate(DockerfileNode node)
    {
        var cmd = node.Value.ToLowerInvariant();
        if (!InstructionNames.Contains(cmd))
        {
            var message = "unknown instruction: " + node.Value;
            var suggestion = Suggest(node.Value);
            throw LineError(node, suggestion is null ? message : message + " (did you mean " + suggestion + "?)");
        }

        var args = NodeArgs(node);
        switch (cmd)
        {
            case "env" or "label":
                if (args.Count == 0)
                {
                    throw LineError(node, $"{cmd.ToUpperInvariant()} requires at least one argument");
                }

                for (int i = 0; i + 2 < args.Count + 2 && i < args.Count; i += 3)
                {
                    if (args[i].Length == 0)
                    {
                        throw LineError(node, $"{cmd.ToUpperInvariant()} names can not be blank");
                    }
                }

                break;
            case "maintainer" or "workdir" or "user" or "stopsignal":
                if (args.Count != 1)
                {
                    throw LineError(node, $"{cmd.ToUpperInvariant()} requires exactly one argument");
                }

                break;
            case "add" or "copy":
                if (args.Count < 2 && node.Heredocs.Count == 0)
                {
                    throw LineError(node, $"{cmd.ToUpperInvariant()} requires at least two arguments, but only one was provided. Destination could not be determined");
                }

                break;
            case "expose" or "volume" or "arg" or "shell" or "onbuild" or "healthcheck":
                if (args.Count == 0)
                {
                    throw LineError(node, $"{cmd.ToUpperInvariant()} requires at least one argument");
                }

                break;
            case "run" or "cmd" or "entrypoint":
                break;
        }

        if (cmd == "onbuild")
        {
            var trigger = node.Next!.Children[0].Value.ToUpperInvariant();
            if (trigger == "ONBUILD")
            {
                throw LineError(node, "Chaining ONBUILD via `ONBUILD ONBUILD` isn't allowed");
            }

            if (trigger is "MAINTAINER" or "FROM")
            {
                throw LineError(node, $"{trigger} isn't allowed as an ONBUILD trigger");
            }
        }
    }

    private static string? Suggest(string value)
    {
        var val = value.ToLowerInvariant();
        string? match = null;
        int min = 3;
        foreach (var opt in InstructionNames)
        {
            if (val == opt)
            {
                return null;
            }

            int d = Levenshtein(val, opt);
            if (d < min)
            {
                min = d;
                match = value == value.ToLowerInvariant() ? opt : value == value.ToUpperInvariant() ? opt.ToUpperInvariant() : opt;
            }
        }

        return match;
    }

    private static int Levenshtein(string a, string b)
    {
        var prev = new int[b.Length + 1];
        var cur = new int[b.Length + 1];
        for (int j = 0; j <= b.Length; j++)
        {
            prev[j] = j;
        }

        for (int i = 1; i <= a.Length; i++)
        {
            cur[0] = i;
            for (int j = 1; j <= b.Length; j++)
            {
                cur[j] = Math.Min(Math.Min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            }

            (prev, cur) = (cur, prev);
        }

        return prev[b.Length];
    }

    /// <summary>BuildKit's <c>nodeArgs</c>: the argument values (an ONBUILD's trigger keyword and its arguments).</summary>
    internal static List<string> NodeArgs(DockerfileNode node)
    {
        var result = new List<string>();
        for (var n = node; n.Next is not null; n = n.Next)
        {
            var arg = n.Next;
            if (arg.Children.Count == 0)
            {
                result.Add(arg.Value);
            }
            else if (arg.Children.Count == 1)
            {
                result.Add(arg.Children[0].Value);
                result.AddRange(NodeArgs(arg.Children[0]));
            }
        }

        return result;
    }

    private static DockerfileParseException LineError(DockerfileNode node, string message) =>
        new($"dockerfile parse error on line {node.StartLine}: {message}", node.StartLine, node.EndLine);

    private static Dictionary<string, string> ParseFlags(DockerfileNode node, params string[] allowed)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var flag in node.Flags)
        {
            var text = flag[2..];
            var eq = text.IndexOf('=', StringComparison.Ordinal);
            var name = eq < 0 ? text : text[..eq];
            var value = eq < 0 ? "" : text[(eq + 1)..];
            if (!allowed.Contains(name))
            {
                throw LineError(node, "Unknown flag: " + name);
            }

            if (name is "link" or "parents" && eq < 0)
            {
                value = "true";
            }
            else if (eq < 0 && name is not ("link" or "parents"))
            {
                throw LineError(node, $"Missing a value on flag: --{name}");
            }

            if (name == "exclude" || name == "mount")
            {
                result[name] = result.TryGetValue(name, out var prev) ? prev + "\n" + value : value;
            }
            else
            {
                result[name] = value;
            }
        }

        return result;
    }

    private List<(string Key, string? Value)> ParseArgWords(DockerfileNode node)
    {
        var list = new List<(string, string?)>();
        foreach (var word in NodeArgs(node))
        {
            var eq = word.IndexOf('=', StringComparison.Ordinal);
            var key = eq < 0 ? word : word[..eq];
            if (key.Length == 0)
            {
                throw LineError(node, "ARG names can not be blank");
            }

            list.Add((key, eq < 0 ? null : word[(eq + 1)..]));
        }

        return list;
    }

    private char _escape = '\\';

    private string Expand(string word, Func<string, string?> env, DockerfileNode node)
    {
        try
        {
            return new ShellLex(_escape).ProcessWord(word, env);
        }
        catch (ShellLexException ex)
        {
            throw LineError(node, ex.Message);
        }
    }

    private List<string> ExpandWords(string word, Func<string, string?> env, DockerfileNode node)
    {
        try
        {
            return new ShellLex(_escape).ProcessWords(word, env);
        }
        catch (ShellLexException ex)
        {
            throw LineError(node, ex.Message);
        }
    }

    [GeneratedRegex("^[a-z][a-z0-9-_.]*$")]
    private static partial Regex StageNameRegex();
}
