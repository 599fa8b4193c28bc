using System.Globalization;
using System.Text;
using Simulator.References;

namespace Simulator.Build;

/// <summary>
/// Writes build progress: BuildKit's plain format (buildx util/progress printer: <c>#N name</c>, log lines with their
/// elapsed seconds, <c>#N CACHED</c>, <c>#N DONE 0.0s</c>, a blank line after each vertex) or the legacy builder's
/// (moby builder/dockerfile: <c>Step i/n : ...</c>, <c> ---&gt; id</c>).
/// </summary>
internal sealed class BuildProgressWriter(TextWriter output, BuildProgressFormat format, TimeProvider time)
{
    private int _vertex;
    private int _current;
    private DateTimeOffset _startedAt;
    private string? _currentName;
    private readonly ClassicState _classic = new();

    public ClassicState Classic => _classic;

    private bool Plain => format == BuildProgressFormat.Plain;

    public void LoadDefinition(string path, int size)
    {
        if (!Plain)
        {
            return;
        }

        if (_vertex == 0)
        {
            output.Write("#0 building with \"default\" instance using docker driver\n\n");
        }

        var n = ++_vertex;
        output.Write($"#{n} [internal] load build definition from {Path.GetFileName(path)}\n#{n} transferring dockerfile: {size}B done\n#{n} DONE 0.0s\n\n");
    }

    public void LoadMetadata(string canonical)
    {
        if (!Plain)
        {
            return;
        }

        var n = ++_vertex;
        output.Write($"#{n} [internal] load metadata for {canonical}\n#{n} DONE 0.0s\n\n");
    }

    public void LoadIgnore()
    {
        if (!Plain)
        {
            return;
        }

        var n = ++_vertex;
        output.Write($"#{n} [internal] load .dockerignore\n#{n} transferring context: 2B done\n#{n} DONE 0.0s\n\n");
    }

    public void LoadContext(long size)
    {
        if (!Plain)
        {
            return;
        }

        var n = ++_vertex;
        output.Write($"#{n} [internal] load build context\n#{n} transferring context: {size}B done\n#{n} DONE 0.0s\n\n");
    }

    public void From(string name, string reference, bool cached, DockerfileNode node)
    {
        if (!Plain)
        {
            ClassicStep(node.Original);
            return;
        }

        var n = ++_vertex;
        var resolve = reference.Contains('@', StringComparison.Ordinal) ? $"#{n} resolve {reference} done\n" : "";
        output.Write($"#{n} {name}\n{resolve}" + (cached ? $"#{n} CACHED\n\n" : $"#{n} DONE 0.0s\n\n"));
    }

    public void ClassicFromId(string id)
    {
        if (!Plain)
        {
            output.Write($" ---> {Short(id)}\n");
        }
    }

    public void Cached(string vertex, DockerfileNode node)
    {
        if (Plain)
        {
            var n = ++_vertex;
            output.Write($"#{n} {vertex}\n#{n} CACHED\n\n");
        }
        else
        {
            output.Write(" ---> Using cache\n");
            _classic.LastWasCache = true;
        }
    }

    public void Start(string vertex, DockerfileNode node, bool runsContainer)
    {
        _startedAt = time.GetUtcNow();
        if (Plain)
        {
            _current = ++_vertex;
            _currentName = vertex;
            output.Write($"#{_current} {vertex}\n");
        }
        else if (runsContainer)
        {
            _classic.Container = Builder.Hash("container", _classic.Step.ToString(CultureInfo.InvariantCulture), vertex, _startedAt.UtcTicks.ToString(CultureInfo.InvariantCulture));
            output.Write($" ---> Running in {_classic.Container[..12]}\n");
            _classic.LastWasCache = false;
        }
    }

    public void Logs(IReadOnlyList<string> lines)
    {
        var elapsed = (time.GetUtcNow() - _startedAt).TotalSeconds.ToString("0.000", CultureInfo.InvariantCulture);
        foreach (var line in lines)
        {
            output.Write(Plain ? $"#{_current} {elapsed} {line}\n" : line + "\n");
        }
    }

    public void Done()
    {
        if (Plain)
        {
            output.Write($"#{_current} DONE {Seconds(time.GetUtcNow() - _startedAt)}\n\n");
        }
    }

    public void ClassicStep(string original)
    {
        if (Plain)
        {
            return;
        }

        _classic.Step++;
        output.Write($"Step {_classic.Step}/{_classic.Total} : {original.Trim()}\n");
    }

    public void ClassicMetadataStep(string imageId, bool cached)
    {
        if (Plain || imageId.Length == 0)
        {
            return;
        }

        if (cached)
        {
            output.Write($" ---> Using cache\n ---> {Short(imageId)}\n");
            return;
        }

        var container = Builder.Hash("container", _classic.Step.ToString(CultureInfo.InvariantCulture), imageId);
        output.Write($" ---> Running in {container[..12]}\n ---> Removed intermediate container {container[..12]}\n ---> {Short(imageId)}\n");
    }

    public void ClassicLayerStep(string imageId, bool hit)
    {
        if (Plain || imageId.Length == 0)
        {
            return;
        }

        if (!hit && _classic.Container is { } c)
        {
            output.Write($" ---> Removed intermediate container {c[..12]}\n");
        }

        output.Write($" ---> {Short(imageId)}\n");
        _classic.Container = null;
    }

    public void Export(Digest id, IReadOnlyList<ImageReference> tags)
    {
        if (Plain)
        {
            var n = ++_vertex;
            var sb = new StringBuilder();
            sb.Append($"#{n} exporting to image\n#{n} exporting layers done\n#{n} writing image {id} done\n");
            foreach (var tag in tags)
            {
                sb.Append($"#{n} naming to {tag} done\n");
            }

            sb.Append($"#{n} DONE 0.0s\n");
            output.Write(sb.ToString());
        }
        else
        {
            output.Write($"Successfully built {Short(id.ToString())}\n");
            foreach (var tag in tags)
            {
                output.Write($"Successfully tagged {tag.FamiliarString}\n");
            }
        }
    }

    public void FailDefinition(DockerfileParseException error, string dockerfile, string path)
    {
        if (Plain && error.StartLine > 0)
        {
            WriteSource(error.StartLine, error.EndLine, dockerfile, Path.GetFileName(path));
        }
    }

    public void Fail(BuildRun.StepFailure failure, string dockerfile, string path)
    {
        if (!Plain)
        {
            return;
        }

        if (failure.VertexName is { } vertex)
        {
            if (_currentName != vertex)
            {
                _current = ++_vertex;
                _currentName = vertex;
                output.Write($"#{_current} {vertex}\n");
            }

            output.Write($"#{_current} ERROR: {failure.Message}\n");
            output.Write("------\n > " + vertex + ":\n");
            var elapsed = "0.000";
            foreach (var line in failure.Logs.TakeLast(10))
            {
                output.Write($"{elapsed} {line}\n");
            }

            output.Write("------\n");
        }

        if (failure.Node is { } node && node.StartLine > 0)
        {
            WriteSource(node.StartLine, node.EndLine, dockerfile, Path.GetFileName(path));
        }
    }

    // buildx: the error's lines with context, ">>>" marking them.
    private void WriteSource(int start, int end, string dockerfile, string name)
    {
        var lines = dockerfile.Split('\n');
        output.Write($"{name}:{start}\n--------------------\n");
        int from = start, to = end;
        int pad = from == to ? 4 : 2;
        int p = 0;
        while (p < pad)
        {
            if (from > 1)
            {
                from--;
                p++;
            }

            if (to < lines.Length)
            {
                to++;
                p++;
            }

            p++;
        }

        for (int i = from; i <= to && i <= lines.Length; i++)
        {
            var marker = i >= start && i <= end ? ">>> " : "    ";
            output.Write($"{i,4} | {marker}{lines[i - 1].TrimEnd('\r')}\n");
        }

        output.Write("--------------------\n");
    }

    private static string Seconds(TimeSpan t) => t.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) + "s";

    private static string Short(string id) => (id.StartsWith("sha256:", StringComparison.Ordinal) ? id[7..] : id)[..12];

    internal sealed class ClassicState
    {
        public int Total { get; set; }

        public int Step { get; set; }

        public string? Container { get; set; }

        public bool LastWasCache { get; set; }
    }
}
