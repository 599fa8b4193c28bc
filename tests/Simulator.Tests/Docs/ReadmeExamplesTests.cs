using System.IO.Abstractions;
using System.IO.Abstractions.TestingHelpers;
using System.Text;
using Simulator;
using Simulator.Cli;
using Simulator.Containers;
using Simulator.Content;
using Simulator.FileSystem;
using Simulator.Images;
using Simulator.Processes;
using Simulator.References;
using Simulator.Registries;
using Simulator.Userland;
using Simulator.World;
using Simulator.Testing.Assertions;
using Simulator.Testing.Fixtures;
using Simulator.Testing.Rendering;
using Simulator.Tests.Support;
using Regex = System.Text.RegularExpressions.Regex;
using RegexOptions = System.Text.RegularExpressions.RegexOptions;

namespace Simulator.Tests.Docs;

/// <summary>
/// The README's C# examples compile and print what their comments say: each <c>```csharp</c> block
/// must appear verbatim (line by line, indentation aside) in one of the example methods below, and
/// each <c>Console.WriteLine(...); // text</c> line must print <c>text</c>.
/// </summary>
[Collection(nameof(ConsoleCapture))]
public sealed partial class ReadmeExamplesTests
{
    private static readonly string ReadmePath = Path.Combine(SharedCorpus.RepositoryRoot, "README.md");
    private static readonly string SourcePath = Path.Combine(SharedCorpus.RepositoryRoot, "tests", "Simulator.Tests", "Docs", "ReadmeExamplesTests.cs");

    [Fact]
    public void Every_readme_block_is_in_an_example_here()
    {
        var source = Lines(File.ReadAllText(SourcePath));
        var blocks = Blocks();
        Assert.NotEmpty(blocks);
        foreach (var block in blocks)
        {
            var lines = Lines(block);
            bool found = Enumerable.Range(0, source.Count - lines.Count + 1)
                .Any(start => source.Skip(start).Take(lines.Count).SequenceEqual(lines));
            Assert.True(found, "README block not found verbatim in ReadmeExamplesTests.cs:\n" + block);
        }
    }

    [Fact]
    public void Example_references() => AssertPrints(Block(1), () =>
    {
        var alpine = ImageReference.Parse("alpine");
        Console.WriteLine(alpine);                 // docker.io/library/alpine
        Console.WriteLine(alpine.WithDefaultTag()); // docker.io/library/alpine:latest
        Console.WriteLine(ImageReference.Parse("localhost:5000/myadmin").FamiliarString); // localhost:5000/myadmin

        if (!ImageReference.TryParse("UPPER", out _, out var error))
        {
            Console.WriteLine(error); // invalid reference format: repository name (library/UPPER) must be lowercase
        }
    });

    [Fact]
    public void Example_digests() => AssertPrints(Block(2), () =>
    {
        var digest = Digest.Compute("hello"u8);
        Console.WriteLine(digest.ShortId); // 2cf24dba5fb0
        var parsed = Digest.Parse("sha256:2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824");
        Console.WriteLine(parsed == digest); // True
    });

    [Fact]
    public void Example_content_store() => AssertPrints(Block(3), () =>
    {
        var store = new InMemoryContentStore(TimeProvider.System);
        var layer = store.Write("layer bytes"u8);
        var config = store.Write("{}"u8, children: [layer]);
        store.AddRoot(config);
        var collected = store.CollectGarbage(); // nothing: the layer is reachable from the rooted config
        store.RemoveRoot(config);
        collected = store.CollectGarbage();     // both blobs
        Console.WriteLine(collected.Removed.Count); // 2
    });

    [Fact]
    public void Example_union_filesystem() => AssertPrints(Block(4), () =>
    {
        var baseLayer = Layer.Create([
            new("/etc", FileEntry.Directory()),
            new("/etc/hostname", FileEntry.File("base\n")),
            new("/tmp", FileEntry.Directory()),
        ]);
        var root = UnionFileSystem.CreateWritable(LayerStack.Create([baseLayer]));
        root.CreateDirectory("/foo");
        root.WriteAllText("/foo/bar", "xyzzy\n");
        root.Unlink("/etc/hostname");
        foreach (var change in root.GetChanges())
        {
            Console.WriteLine(change); // C /etc, D /etc/hostname, A /foo, A /foo/bar (one per line)
        }

        var committed = root.CommitLayer();          // /etc (its new mtime), whiteout /etc/.wh.hostname, /foo, /foo/bar
        Console.WriteLine(Layer.Empty.DiffId);       // sha256:5f70bf18a086007016e948b04aed3b82103a36bea41755b6cddfaf10ace3c6ef
        var image2 = LayerStack.Create([baseLayer, committed]);
        Console.WriteLine(image2.Contains("/etc/hostname")); // False

        try
        {
            root.ReadAllText("/etc/hostname");
        }
        catch (FileSystemException e)
        {
            Console.WriteLine($"{e.Errno}: {e.Message}"); // ENOENT: No such file or directory
        }
    });

    [Fact]
    public void Example_file_system_adapter() => AssertPrints(Block(5), () =>
    {
        var view = UnionFileSystem.CreateWritable(LayerStack.Create([Layer.Create([new("/etc", FileEntry.Directory())])]));
        IFileSystem fs = view.AsFileSystem();
        fs.File.WriteAllText("/etc/app.conf", "port=80\n");
        Console.WriteLine(fs.Path.Combine("/etc", "app.conf")); // /etc/app.conf
        Console.WriteLine(string.Join(" ", view.GetChanges())); // C /etc A /etc/app.conf
        try
        {
            fs.File.ReadAllText("/missing");
        }
        catch (FileNotFoundException e)
        {
            Console.WriteLine(e.Message); // Could not find file '/missing'.
        }
    });

    [Fact]
    public Task Example_pull_and_run() => AssertPrintsAsync(Block(6), async () =>
    {
        var content = new InMemoryContentStore();
        var images = new InMemoryImageStore(content);
        var client = new RegistryClient(DefaultWorld.Create(content), images, new MockFileSystem());
        var pull = await client.PullAsync("alpine");
        Console.WriteLine(pull.Output[0]);  // Using default tag: latest
        Console.WriteLine(pull.Output[^1]); // docker.io/library/alpine:latest

        var rootfs = UnionFileSystem.CreateWritable(LayerStack.Create(images.Get("alpine").Layers));
        var processes = new ProcessNamespace(rootfs, Busybox.Register(new ProgramRegistry()));
        var stdout = new MemoryStream();
        var exitCode = await processes.RunAsync(
            new ProcessSpec(["/bin/sh", "-c", "mkdir /foo; echo xyzzy > /foo/bar; cat /etc/alpine-release"]) { Env = ["PATH=" + ProcessSpec.DefaultPath] },
            stdout: stdout);
        Console.WriteLine(exitCode);                                  // 0
        Console.WriteLine(Encoding.UTF8.GetString(stdout.ToArray()).Trim()); // 3.20.3
        Console.WriteLine(string.Join(" ", rootfs.GetChanges()));     // A /foo A /foo/bar
    });

    [Fact]
    public Task Example_containers() => AssertPrintsAsync(Block(7), async () =>
    {
        var store = new InMemoryContentStore();
        var containers = ContainerStore.CreateWithImageStore(store, StockPrograms.Register(new ProgramRegistry()), TimeProvider.System, seed: 1);
        await new RegistryClient(DefaultWorld.Create(store), containers.Images, new MockFileSystem()).PullAsync("alpine");

        var run = await containers.RunAsync(new ContainerConfig("alpine") { Cmd = ["sh", "-c", "mkdir /foo; echo xyzzy > /foo/bar; cat /foo/bar"] });
        Console.WriteLine(run.ExitCode);                             // 0
        Console.WriteLine(run.Stdout.Trim());                        // xyzzy
        Console.WriteLine(string.Join(" ", containers.Diff(run.Id))); // A /foo A /foo/bar

        var hello = await containers.RunAsync(new ContainerConfig("alpine") { Cmd = ["sh", "-c", "apk add --no-cache bash >/dev/null && bash -c 'echo $((6 * 7))'"] });
        Console.WriteLine(hello.Stdout.Trim());                      // 42
    });

    [Fact]
    public Task Example_docker_cli_and_build() => AssertPrintsAsync(Block(8), async () =>
    {
        var engine = new DockerSimulator(new DockerSimulatorOptions { Seed = 1 });
        var docker = new DockerCli(engine);
        var hello = await docker.RunAsync("run", "--rm", "alpine", "echo", "hello world");
        Console.WriteLine(hello.Stdout);                     // hello world
        var bad = await docker.RunAsync("pull", "your_registry:5000/app");
        Console.WriteLine($"{bad.ExitCode} {bad.Stderr.Trim()}"); // 1 invalid reference format

        engine.HostFileSystem.Directory.CreateDirectory("/app");
        engine.HostFileSystem.File.WriteAllText("/app/Dockerfile", "FROM alpine\nRUN echo built > /stamp\nCMD [\"cat\", \"/stamp\"]\n");
        await docker.RunAsync("build", "-q", "-t", "stamp", "/app");
        var run = await docker.RunAsync("run", "--rm", "stamp");
        Console.WriteLine(run.Stdout);                       // built
        Console.WriteLine((await docker.RunAsync("images", "--format", "{{.Repository}}")).Stdout); // stamp, alpine (one per line)
    });

    private static List<string> Blocks() =>
        CodeBlock().Matches(File.ReadAllText(ReadmePath)).Select(m => m.Groups[1].Value).ToList();

    private static string Block(int index) => Blocks()[index];

    private static List<string> Lines(string text) =>
        text.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).ToList();

    private static async Task AssertPrintsAsync(string block, Func<Task> example)
    {
        var writer = new StringWriter();
        var original = Console.Out;
        Console.SetOut(writer);
        try
        {
            await example();
        }
        finally
        {
            Console.SetOut(original);
        }

        Assert.Equal(Expected(block), Printed(writer));
    }

    private static List<string> Expected(string block) =>
        Lines(block)
            .Select(l => PrintComment().Match(l))
            .Where(m => m.Success)
            .SelectMany(m => ExpectedLines(m.Groups[1].Value))
            .ToList();

    private static List<string> Printed(StringWriter writer) =>
        writer.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToList();

    private static void AssertPrints(string block, Action example)
    {
        var expected = Lines(block)
            .Select(l => PrintComment().Match(l))
            .Where(m => m.Success)
            .SelectMany(m => ExpectedLines(m.Groups[1].Value))
            .ToList();
        var writer = new StringWriter();
        var original = Console.Out;
        Console.SetOut(writer);
        try
        {
            example();
        }
        finally
        {
            Console.SetOut(original);
        }

        Assert.Equal(expected, writer.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToList());
    }

    // "a, b, c (one per line)" stands for three printed lines.
    private static IEnumerable<string> ExpectedLines(string comment) =>
        comment.EndsWith(" (one per line)", StringComparison.Ordinal)
            ? comment[..^" (one per line)".Length].Split(", ")
            : [comment];

    [System.Text.RegularExpressions.GeneratedRegex("```csharp\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex CodeBlock();

    [System.Text.RegularExpressions.GeneratedRegex(@"^Console\.WriteLine\(.*\);\s*// (.*)$")]
    private static partial Regex PrintComment();
}

/// <summary>Tests that redirect <see cref="Console.Out"/> run one at a time.</summary>
[CollectionDefinition(nameof(ConsoleCapture), DisableParallelization = true)]
public sealed class ConsoleCapture;

// The README's "Testing your own Docker-driving code" example, verbatim.
public sealed class WebDeployer(Func<string[], Task<(int ExitCode, string Stderr)>> docker)
{
    public async Task DeployAsync(string siteDir, int port)
    {
        await docker(["rm", "-f", "web"]);
        var (code, stderr) = await docker(["run", "-d", "--name", "web", "-p", $"{port}:80", "-v", siteDir + ":/usr/share/nginx/html:ro", "nginx:alpine"]);
        if (code != 0) throw new InvalidOperationException(stderr);
    }
}

public sealed class WebDeployerTests
{
    [Fact]
    public async Task Serves_the_site_from_the_host()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var docker = await SimulatorFixture.CreateAsync("nginx:alpine"); // an engine for this test, on a fake clock
        var cli = new DockerCli(docker.Engine);
        docker.Engine.HostFileSystem.Directory.CreateDirectory("/srv/site");
        docker.Engine.HostFileSystem.File.WriteAllText("/srv/site/index.html", "<h1>hi</h1>\n");

        await new WebDeployer(async args => { var r = await cli.RunAsync(args); return (r.ExitCode, r.Stderr); }).DeployAsync("/srv/site", 8080);

        SimulatorAssert.Status(docker.Engine, "web", ContainerStatus.Running);
        SimulatorAssert.FileText(docker.Engine, "web", "/usr/share/nginx/html/index.html", "<h1>hi</h1>\n");
        Assert.Equal("""
            -rw-r--r--  0:0  12  /usr/share/nginx/html/index.html  "<h1>hi</h1>\n"

            """, docker.Engine.RenderContainerTree("web", new TreeRenderOptions { Root = "/usr/share/nginx/html" }));

        await docker.Engine.WaitForPortAsync(8080, cancellationToken: ct); // docker run -d returns before nginx listens
        using var http = docker.Engine.Network.CreateHttpClient();
        Assert.Equal("<h1>hi</h1>\n", await http.GetStringAsync("http://localhost:8080/", ct));

        docker.Clock.Advance(TimeSpan.FromMinutes(5));
        await cli.RunAsync("stop", "web");
        var events = docker.Engine.Containers.Events.Buffered.Where(e => e.Type == "container").Select(e => $"{e.Time:HH:mm} {e.Action}");
        Assert.Equal(["00:00 create", "00:00 start", "00:05 kill", "00:05 die", "00:05 stop"], events);
    }
}
