using Simulator.Build;
using Simulator.Cli.CommandLine;

namespace Simulator.Cli.Commands;

/// <summary><c>docker build</c> as Docker 28 runs it with BuildKit (buildx): plain progress on stderr, <c>-q</c> prints the image ID,
/// failures print <c>ERROR: failed to solve: ...</c> and exit 1 (buildx commands/build.go).</summary>
internal static class BuildCommands
{
    public static async Task<int> BuildAsync(CliInvocation inv)
    {
        var f = inv.Flags;
        var context = inv.Args[0];
        string? dockerfileText = null;
        string? contextDirectory = null;
        if (context == "-")
        {
            dockerfileText = await inv.ReadStdinAsync().ConfigureAwait(false);
        }
        else
        {
            contextDirectory = inv.HostPath(context);
            if (!inv.Engine.HostFileSystem.Directory.Exists(contextDirectory))
            {
                throw new CliError($"ERROR: failed to build: unable to prepare context: path \"{context}\" not found");
            }
        }

        var dockerfilePath = f.String("file") ?? "Dockerfile";
        if (dockerfilePath == "-")
        {
            dockerfileText = await inv.ReadStdinAsync().ConfigureAwait(false);
        }
        else if (f.String("file") is { } given && contextDirectory is not null)
        {
            // -f is relative to the current directory, not the context (docker/cli build/context.go, buildx): inside the
            // context it names that file; outside it, the file is read from where it is.
            var full = inv.HostPath(given);
            var prefix = contextDirectory.TrimEnd('/') + "/";
            if (full.StartsWith(prefix, StringComparison.Ordinal))
            {
                dockerfilePath = full[prefix.Length..];
            }
            else if (inv.Engine.HostFileSystem.File.Exists(full))
            {
                dockerfileText = inv.Engine.HostFileSystem.File.ReadAllText(full);
                dockerfilePath = inv.Engine.HostFileSystem.Path.GetFileName(full);
            }
            else
            {
                throw new CliError($"ERROR: failed to build: failed to solve: failed to read dockerfile: open {given}: no such file or directory");
            }
        }

        var buildArgs = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var a in f.List("build-arg"))
        {
            int eq = a.IndexOf('=', StringComparison.Ordinal);
            if (eq < 0)
            {
                buildArgs[a] = inv.Streams.Environment.FirstOrDefault(x => x.StartsWith(a + "=", StringComparison.Ordinal)) is { } env ? env[(a.Length + 1)..] : null;
            }
            else
            {
                buildArgs[a[..eq]] = a[(eq + 1)..];
            }
        }

        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var l in f.List("label"))
        {
            int eq = l.IndexOf('=', StringComparison.Ordinal);
            labels[eq < 0 ? l : l[..eq]] = eq < 0 ? "" : l[(eq + 1)..];
        }

        var progressFlag = f.String("progress", "auto"); // buildx's modes; all but quiet print the plain format here (no TTY)

        bool quiet = f.Bool("quiet");
        var request = new BuildRequest
        {
            ContextDirectory = contextDirectory,
            ContextFileSystem = inv.Engine.HostFileSystem,
            Dockerfile = dockerfileText,
            DockerfilePath = dockerfilePath == "-" ? "Dockerfile" : dockerfilePath,
            Tags = f.List("tag").ToList(),
            BuildArgs = buildArgs,
            Target = f.String("target"),
            NoCache = f.Bool("no-cache"),
            Pull = f.Bool("pull"),
            Labels = labels,
            Quiet = quiet,
            Progress = BuildProgressFormat.Plain,
        };
        using var progress = new StringWriter();
        var writer = new ForwardingWriter(inv.Err);
        try
        {
            var result = await inv.Engine.Builds.BuildAsync(request, quiet || progressFlag == "quiet" ? null : writer, inv.CancellationToken).ConfigureAwait(false);
            if (quiet)
            {
                inv.Out.WriteLine(result.ImageId.ToString());
            }

            return 0;
        }
        catch (DockerSimulatorException ex)
        {
            throw new CliError("ERROR: failed to build: failed to solve: " + ex.Message);
        }
    }

    /// <summary>A text writer that writes through to the CLI's stream as it goes.</summary>
    private sealed class ForwardingWriter(CliWriter target) : TextWriter
    {
        public override System.Text.Encoding Encoding => System.Text.Encoding.UTF8;

        public override void Write(char value) => target.Write(value.ToString());

        public override void Write(string? value) => target.Write(value ?? "");

        public override void WriteLine(string? value) => target.Write((value ?? "") + "\n");
    }
}
