using System.Globalization;
using System.IO.Abstractions;
using System.Text;
using Simulator.FileSystem;
using Simulator.Images;
using Simulator.Processes;
using Simulator.References;

namespace Simulator.Build;

/// <summary>One build: context, Dockerfile, stages, dispatch, export (dockerfile2llb's Dockerfile2LLB + dispatch).</summary>
internal sealed partial class BuildRun
{
    private static readonly string[] DefaultShell = ["/bin/sh", "-c"];

    private readonly Builder _builder;
    private readonly BuildRequest _request;
    private readonly CancellationToken _ct;
    private readonly BuildProgressWriter _out;
    private readonly DateTimeOffset _start;
    private readonly TextWriter _output;
    private readonly List<(string Key, Builder.CacheRecord Record)> _hits = [];
    private readonly List<(string Key, string Name, Func<long> Size)> _localSources = [];
    private bool _contextDirect;
    private (string Path, FileEntry Entry)[]? _contextTree;
    private long? _contextStamp;
    private string _dockerfileText = "";
    private UnionFileSystem? _context;
    private long _contextSize;
    private string _contextRoot = "/";
    private string? _dockerfileFromContext;
    private bool _contextLoaded;
    private int _cached;
    private int _executed;
    private List<StageDef> _stages = [];
    private Dictionary<string, string?> _metaArgs = new(StringComparer.Ordinal);

    public BuildRun(Builder builder, BuildRequest request, TextWriter output, CancellationToken ct)
    {
        _builder = builder;
        _request = request;
        _ct = ct;
        _start = builder.TimeProvider.GetUtcNow();
        _output = output;
        _out = new BuildProgressWriter(output, request.Progress, builder.TimeProvider);
    }

    /// <summary>The whole-build memo key of the request, or <see langword="null"/> when it is never memoised.</summary>
    public string? MemoKey { get; init; }

    public async Task<BuildResult> ExecuteAsync()
    {
        try
        {
            return await ExecuteCoreAsync().ConfigureAwait(false);
        }
        catch (StepFailure failure)
        {
            _out.Fail(failure, _dockerfileText, _request.DockerfilePath);
            throw new BuildFailedException(failure.Kind, failure.Message, failure.ExitCode);
        }
        catch (DockerfileParseException ex)
        {
            var message = ex.Message;
            _out.FailDefinition(ex, _dockerfileText, _request.DockerfilePath);
            throw new BuildFailedException(ErrorKind.InvalidArgument, message, null, ex);
        }
    }

    private async Task<BuildResult> ExecuteCoreAsync()
    {
        LoadDockerfile();
        _out.LoadDefinition(_request.DockerfilePath, Encoding.UTF8.GetByteCount(_dockerfileText));
        if (_request.Progress == BuildProgressFormat.Plain)
        {
            // buildx sends the Dockerfile's directory as the "dockerfile" local (a new temporary one for stdin).
            var size = (long)Encoding.UTF8.GetByteCount(_dockerfileText);
            TouchLocalSource("dockerfile:" + (_request.ContextDirectory ?? "-" + _builder.NextSequence()), "dockerfile", () => size);
        }
        if (_dockerfileText.Length == 0)
        {
            // BuildKit dockerfile2llb toDispatchState: an empty file is refused before parsing.
            throw new DockerfileParseException("the Dockerfile cannot be empty");
        }

        var parsed = _builder.Parse(_dockerfileText);
        ParseStages(parsed);
        var target = ResolveTarget();
        var needed = NeededStages(target);
        var tags = ParseTags();

        _out.Classic.Total = parsed.Ast.Children.Count;
        foreach (var stage in needed.OrderBy(s => s.Index))
        {
            await ResolveBaseAsync(stage).ConfigureAwait(false);
        }

        _out.LoadIgnore();
        StageState? final = null;
        foreach (var stage in needed)
        {
            _ct.ThrowIfCancellationRequested();
            final = await DispatchStageAsync(stage).ConfigureAwait(false);
        }

        var result = Export(final!, tags);
        Memoise(result);
        return result;
    }

    private void TouchLocalSource(string sharedKey, string name, Func<long> size)
    {
        _builder.TouchLocalSource(sharedKey, name, size);
        _localSources.Add((sharedKey, name, size));
    }

    /// <summary>Keeps a fully cached build for <see cref="Builder.TryReplay"/>: only when no step ran, nothing was pulled,
    /// the context was read in place (no <c>.dockerignore</c>) and the build took no measurable time (so its
    /// <c>DONE 0.0s</c> lines are what a replay would print).</summary>
    private void Memoise(BuildResult result)
    {
        if (MemoKey is null || _executed > 0 || _pulled.Count > 0 || !_contextDirect || _context is null || _contextTree is null
            || _output is not CapturingWriter capture
            || _builder.TimeProvider.GetUtcNow() - _start >= TimeSpan.FromMilliseconds(50))
        {
            return;
        }

        // The steps read the context after its snapshot: a change in between (the stamp moved) means the build may have
        // read another tree than the one the memo would compare later. Without a stamp, the tree is compared again.
        var stamp = _context.ChangeStamp;
        if (stamp is null ? !Builder.SameTree(_context, _contextRoot, _contextTree) : stamp != _contextStamp)
        {
            return;
        }

        _builder.AddMemo(MemoKey, new Builder.BuildMemo
        {
            Context = new Builder.ContextRoot(_context, _contextRoot),
            Tree = _contextTree,
            TreeStamp = _contextStamp,
            BaseImages = [.. _resolvedImages.Select(r => (r.Key, r.Value.Id))],
            CacheKeys = [.. _hits],
            Records = [.. _hits.Select(h => h.Record)],
            Cached = _cached,
            LocalSources = [.. _localSources],
            Output = capture.Text,
            Image = result.Image,
            Tags = result.Tags,
        });
    }

    private void LoadDockerfile()
    {
        LoadContext();
        if (_request.Dockerfile is { } text)
        {
            _dockerfileText = text;
            return;
        }

        if (_dockerfileFromContext is not null)
        {
            _dockerfileText = _dockerfileFromContext;
            return;
        }

        var path = "/" + FsPath.Clean("/" + _request.DockerfilePath).TrimStart('/');
        if (_context is null || !_context.Exists(InContext(path)))
        {
            throw new StepFailure(ErrorKind.InvalidArgument, $"failed to read dockerfile: open {_request.DockerfilePath}: no such file or directory");
        }

        _dockerfileText = _context.ReadAllText(InContext(path));
    }

    private List<ImageReference> ParseTags()
    {
        var list = new List<ImageReference>();
        foreach (var tag in _request.Tags)
        {
            if (!ImageReference.TryParse(tag, out var reference))
            {
                throw new StepFailure(ErrorKind.InvalidArgument, $"invalid tag \"{tag}\": invalid reference format");
            }

            list.Add(reference.Tag is null && reference.Digest is null ? ImageReference.Parse(tag + ":latest") : reference);
        }

        return list;
    }

    private BuildResult Export(StageState state, List<ImageReference> tags)
    {
        var config = state.Config;
        if (_request.Labels.Count > 0)
        {
            var labels = new Dictionary<string, string>(config.Config.Labels, StringComparer.Ordinal);
            foreach (var (k, v) in _request.Labels)
            {
                labels[k] = v;
            }

            config = config with { Config = config.Config with { Labels = labels } };
        }

        var exportKey = Builder.Hash([state.MetaKey, .. _request.Labels.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => l.Key + "=" + l.Value)]);
        var image = _builder.ExportedImage(exportKey);
        if (image is null)
        {
            var created = config.History.Count > 0 ? config.History[^1].Created ?? _start : _start;
            image = Image.Create(config with { Created = created }, state.Layers);
            _builder.AddExported(exportKey, image);
        }

        var stored = _builder.Images.Add(image);
        foreach (var tag in tags)
        {
            _builder.Images.Tag(stored.Id.ToString(), tag.ToString());
        }

        _out.Export(stored.Id, tags);
        return new BuildResult(stored, tags, _cached, _executed);
    }

    internal sealed class StepFailure(ErrorKind kind, string message, int? exitCode = null) : Exception(message)
    {
        public ErrorKind Kind { get; } = kind;

        public int? ExitCode { get; } = exitCode;

        public DockerfileNode? Node { get; init; }

        public string? VertexName { get; init; }

        public IReadOnlyList<string> Logs { get; init; } = [];
    }

    internal sealed class StageDef
    {
        public required int Index { get; init; }

        public required string? Name { get; init; }

        public required string BaseName { get; init; }

        public required DockerfileNode Node { get; init; }

        public List<DockerfileNode> Commands { get; } = [];

        public string? Platform { get; init; }

        public string ExpandedBase { get; set; } = "";

        public StageDef? BaseStage { get; set; }

        public Image? BaseImage { get; set; }

        public bool Pulled { get; set; }

        public StageState? Result { get; set; }

        public string DisplayName { get; set; } = "";
    }

    internal sealed class StageState
    {
        public required List<Layer> Layers { get; set; }

        public required ImageConfig Config { get; set; }

        public required string Key { get; set; }

        // Identifies the whole state (layers, config, times): the export cache's key.
        public required string MetaKey { get; set; }

        public required DateTimeOffset LastCreated { get; set; }

        // The llb state's env: the image env plus ARG values, in definition order.
        public List<KeyValuePair<string, string>> RunEnv { get; } = [];

        public List<(string Key, string? Value)> BuildArgs { get; } = [];

        public Dictionary<string, string?> DeclaredArgs { get; } = new(StringComparer.Ordinal);

        public bool CmdSet { get; set; }

        public string? Lookup(string name)
        {
            for (int i = RunEnv.Count - 1; i >= 0; i--)
            {
                if (RunEnv[i].Key == name)
                {
                    return RunEnv[i].Value;
                }
            }

            return null;
        }

        public void SetEnv(string key, string value)
        {
            int index = RunEnv.FindIndex(e => e.Key == key);
            if (index >= 0)
            {
                RunEnv[index] = new(key, value);
            }
            else
            {
                RunEnv.Add(new(key, value));
            }
        }
    }
}
