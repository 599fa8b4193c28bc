using System.Formats.Tar;
using System.IO.Abstractions.TestingHelpers;
using Simulator.Build;
using Simulator.FileSystem;

namespace Simulator.Tests.Build;

/// <summary>Where the context and Dockerfile come from: a directory (in-memory host or any IFileSystem), a tar stream, none (<c>docker build -</c>).</summary>
public sealed class BuildContextTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static UnionFileSystem Root(BuildResult r) => UnionFileSystem.CreateReadOnly(LayerStack.Create(r.Image.Layers));

    [Fact]
    public async Task Tar_stream_context_with_its_dockerfile()
    {
        var engine = BuilderTests.NewEngine(out _);
        using var tar = new MemoryStream();
        using (var writer = new TarWriter(tar, TarEntryFormat.Pax, leaveOpen: true))
        {
            writer.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, "Dockerfile") { DataStream = new MemoryStream("FROM scratch\nCOPY hello.txt /\n"u8.ToArray()) });
            writer.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, "hello.txt") { DataStream = new MemoryStream("hi"u8.ToArray()) });
        }

        tar.Position = 0;
        var r = await engine.Builds.BuildAsync(new BuildRequest { ContextTar = tar }, null, Ct);
        Assert.Equal("hi", Root(r).ReadAllText("/hello.txt"));
    }

    [Fact]
    public async Task Dockerfile_path_in_a_subdirectory_and_ignored_dockerfile_is_still_read()
    {
        var engine = BuilderTests.NewEngine(out _);
        var fs = engine.HostFileSystem;
        fs.Directory.CreateDirectory("/p/build");
        fs.File.WriteAllText("/p/build/app.Dockerfile", "FROM scratch\nCOPY . /all/\n");
        fs.File.WriteAllText("/p/data.txt", "d");
        fs.File.WriteAllText("/p/.dockerignore", "build\n");
        var r = await engine.Builds.BuildAsync(new BuildRequest { ContextDirectory = "/p", DockerfilePath = "build/app.Dockerfile" }, null, Ct);
        var root = Root(r);
        Assert.Equal("d", root.ReadAllText("/all/data.txt"));
        Assert.False(root.Exists("/all/build"));
    }

    [Fact]
    public async Task Missing_dockerfile_in_the_context()
    {
        var engine = BuilderTests.NewEngine(out _);
        engine.HostFileSystem.Directory.CreateDirectory("/empty");
        var ex = await Assert.ThrowsAsync<BuildFailedException>(() => engine.Builds.BuildAsync(new BuildRequest { ContextDirectory = "/empty" }, null, Ct));
        // BuildKit dockerui: failed to read dockerfile: open Dockerfile: no such file or directory
        Assert.Equal("failed to read dockerfile: open Dockerfile: no such file or directory", ex.Message);
    }

    [Fact]
    public async Task Any_IFileSystem_can_hold_the_context()
    {
        var engine = BuilderTests.NewEngine(out _);
        var mock = new MockFileSystem(new Dictionary<string, MockFileData>
        {
            ["/work/Dockerfile"] = new("FROM scratch\nCOPY conf/ /etc/app/\n"),
            ["/work/conf/a.conf"] = new("a=1"),
        });
        var r = await engine.Builds.BuildAsync(new BuildRequest { ContextDirectory = "/work", ContextFileSystem = mock }, null, Ct);
        Assert.Equal("a=1", Root(r).ReadAllText("/etc/app/a.conf"));
    }

    [Fact]
    public async Task Stdin_dockerfile_has_no_context_so_copy_fails()
    {
        var engine = BuilderTests.NewEngine(out _);
        var ex = await Assert.ThrowsAsync<BuildFailedException>(() => engine.Builds.BuildAsync(new BuildRequest { Dockerfile = "FROM scratch\nCOPY x /x\n" }, null, Ct));
        Assert.EndsWith(": \"/x\": not found", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Predefined_platform_args_are_declared_with_their_values()
    {
        var engine = BuilderTests.NewEngine(out _);
        // BuildKit: TARGETPLATFORM etc. exist in the global scope; a stage sees them after `ARG NAME`.
        var r = await engine.Builds.BuildAsync(new BuildRequest { Dockerfile = "FROM alpine\nARG TARGETPLATFORM\nARG TARGETARCH\nRUN echo \"$TARGETPLATFORM $TARGETARCH\" > /p\n" }, null, Ct);
        Assert.Equal("linux/amd64 amd64\n", Root(r).ReadAllText("/p"));
    }

    [Fact]
    public async Task Blank_base_name_fails_like_buildkit()
    {
        var engine = BuilderTests.NewEngine(out _);
        var ex = await Assert.ThrowsAsync<BuildFailedException>(() => engine.Builds.BuildAsync(new BuildRequest { Dockerfile = "ARG BASE\nFROM ${BASE}\n" }, null, Ct));
        Assert.Equal("base name (${BASE}) should not be blank", ex.Message); // dockerfile2llb toDispatchState
    }
}
