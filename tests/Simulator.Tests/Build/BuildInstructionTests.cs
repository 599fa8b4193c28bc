using System.Formats.Tar;
using System.IO.Compression;
using Simulator.Build;
using Simulator.FileSystem;
using Simulator.Images;

namespace Simulator.Tests.Build;

/// <summary>
/// Every instruction's effect on the image (config, files, history), as BuildKit's dockerfile2llb dispatch* functions
/// (moby/buildkit frontend/dockerfile/dockerfile2llb/convert.go, convert_copy.go, convert_expose.go).
/// </summary>
public sealed class BuildInstructionTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<(DockerSimulator Engine, BuildResult Result)> BuildAsync(string dockerfile, Action<System.IO.Abstractions.IFileSystem>? context = null, BuildRequest? request = null)
    {
        var engine = BuilderTests.NewEngine(out _);
        var req = (request ?? new BuildRequest()) with { Dockerfile = dockerfile };
        if (context is not null)
        {
            engine.HostFileSystem.Directory.CreateDirectory("/src");
            context(engine.HostFileSystem);
            req = req with { ContextDirectory = "/src" };
        }

        var result = await engine.Builds.BuildAsync(req, null, Ct);
        return (engine, result);
    }

    private static UnionFileSystem RootOf(Image image) => UnionFileSystem.CreateReadOnly(LayerStack.Create(image.Layers));

    private static IEnumerable<string> NewHistory(Image image, int count) => image.Config.History.TakeLast(count).Select(h => h.CreatedBy);

    [Fact]
    public async Task Env_and_label_expand_and_record_key_value_history()
    {
        var (_, r) = await BuildAsync("FROM scratch\nENV A=1 B=\"two words\"\nENV C ${A}-$B\nLABEL version=\"$A\" org.x=y\n");
        var config = r.Image.Config.Config;
        Assert.Equal(["A=1", "B=two words", "C=1-two words"], config.Env);
        Assert.Equal("1", config.Labels["version"]);
        Assert.Equal("y", config.Labels["org.x"]);
        Assert.Equal(["ENV A=1 B=two words", "ENV C=1-two words", "LABEL version=1 org.x=y"], NewHistory(r.Image, 3));
        Assert.All(r.Image.Config.History, h => Assert.True(h.EmptyLayer));
    }

    [Fact]
    public async Task Env_pairs_on_one_line_expand_with_the_environment_from_before_the_line()
    {
        // Dockerfile reference, "Environment replacement": ENV abc=hello, then ENV abc=bye def=$abc gives def=hello.
        var (_, r) = await BuildAsync("FROM scratch\nENV abc=hello\nENV abc=bye def=$abc\nENV ghi=$abc\n");
        Assert.Equal(["abc=bye", "def=hello", "ghi=bye"], r.Image.Config.Config.Env);
    }

    [Fact]
    public async Task Cmd_entrypoint_shell_forms_and_entrypoint_clears_an_inherited_cmd()
    {
        var (_, r) = await BuildAsync("FROM alpine\nENTRYPOINT [\"/bin/echo\"]\n");
        Assert.Empty(r.Image.Config.Config.Cmd); // alpine's CMD ["/bin/sh"] is dropped (dispatchEntrypoint)
        Assert.Equal(["/bin/echo"], r.Image.Config.Config.Entrypoint);

        var (_, r2) = await BuildAsync("FROM alpine\nCMD echo hi\nENTRYPOINT [\"/bin/sh\", \"-c\"]\nSHELL [\"/bin/ash\", \"-eo\", \"pipefail\", \"-c\"]\nCMD echo two\n");
        var c = r2.Image.Config.Config;
        Assert.Equal(["/bin/ash", "-eo", "pipefail", "-c", "echo two"], c.Cmd);
        Assert.Equal(["/bin/ash", "-eo", "pipefail", "-c"], c.Shell);
        Assert.Equal(
            ["CMD [\"/bin/sh\" \"-c\" \"echo hi\"]", "ENTRYPOINT [\"/bin/sh\" \"-c\"]", "SHELL [/bin/ash -eo pipefail -c]", "CMD [\"/bin/ash\" \"-eo\" \"pipefail\" \"-c\" \"echo two\"]"],
            NewHistory(r2.Image, 4));
    }

    [Fact]
    public async Task Expose_volume_user_stopsignal_workdir_and_their_history()
    {
        var (_, r) = await BuildAsync("FROM alpine\nEXPOSE 80 53/udp 8000-8001\nVOLUME /data [\"/logs\"]\nVOLUME [\"/a\", \"/b\"]\nUSER nobody\nSTOPSIGNAL SIGQUIT\nWORKDIR /app\nWORKDIR sub\n");
        var c = r.Image.Config.Config;
        Assert.Equal(["53/udp", "80/tcp", "8000/tcp", "8001/tcp"], c.ExposedPorts);
        Assert.Equal(["/a", "/b", "/data", "[/logs]"], c.Volumes); // shell-form words are expanded: quotes go
        Assert.Equal("nobody", c.User);
        Assert.Equal("SIGQUIT", c.StopSignal);
        Assert.Equal("/app/sub", c.WorkingDir);
        var root = RootOf(r.Image);
        Assert.True(root.Stat("/app/sub").IsDirectory);
        Assert.Equal(65534, root.Stat("/app/sub").Uid); // WORKDIR creates it as the USER (llb.WithUser)
        Assert.Equal(
            ["EXPOSE map[53/udp:{} 80/tcp:{} 8000/tcp:{} 8001/tcp:{}]", "VOLUME [/data [/logs]]", "VOLUME [/a /b]", "USER nobody", "STOPSIGNAL SIGQUIT", "WORKDIR /app", "WORKDIR /app/sub"],
            NewHistory(r.Image, 7));
        Assert.Equal([true, true, true, true, true, false, false], r.Image.Config.History.TakeLast(7).Select(h => h.EmptyLayer));
    }

    [Fact]
    public async Task Workdir_on_an_existing_directory_adds_no_layer()
    {
        var (_, r) = await BuildAsync("FROM alpine\nWORKDIR /etc\nWORKDIR /\n");
        var alpine = r.Image.Layers.Count;
        Assert.Equal(["WORKDIR /etc", "WORKDIR /"], NewHistory(r.Image, 2));
        Assert.All(r.Image.Config.History.TakeLast(2), h => Assert.True(h.EmptyLayer));
        Assert.Equal(1, alpine);
    }

    [Fact]
    public async Task Healthcheck_records_the_config_and_gos_struct_history()
    {
        var (_, r) = await BuildAsync("FROM alpine\nHEALTHCHECK --interval=30s --timeout=5s --retries=3 CMD wget -q localhost || exit 1\n");
        var hc = r.Image.Config.Config.Healthcheck!;
        Assert.Equal(["CMD-SHELL", "wget -q localhost || exit 1"], hc.Test);
        Assert.Equal((TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(5), 3), (hc.Interval, hc.Timeout, hc.Retries));
        // BuildKit: fmt.Sprintf("HEALTHCHECK %q", config) on *dockerspec.HealthcheckConfig; Retries 3 quotes as the rune '\x03'.
        Assert.Equal("HEALTHCHECK &{[\"CMD-SHELL\" \"wget -q localhost || exit 1\"] \"30s\" \"5s\" \"0s\" \"0s\" '\\x03'}", NewHistory(r.Image, 1).Single());

        var (_, none) = await BuildAsync("FROM alpine\nHEALTHCHECK NONE\n");
        Assert.Equal(["NONE"], none.Image.Config.Config.Healthcheck!.Test);
    }

    [Fact]
    public async Task Run_commits_a_layer_with_the_commands_changes_and_sees_env_args_workdir()
    {
        var (_, r) = await BuildAsync("FROM alpine\nARG GREETING=hello\nENV TARGET=world\nWORKDIR /out\nRUN echo \"$GREETING $TARGET\" > msg && pwd > where\n");
        var root = RootOf(r.Image);
        Assert.Equal("hello world\n", root.ReadAllText("/out/msg"));
        Assert.Equal("/out\n", root.ReadAllText("/out/where"));
        Assert.DoesNotContain(r.Image.Config.Config.Env, e => e.StartsWith("GREETING", StringComparison.Ordinal)); // ARG is not ENV
        // runCommandString: "|1 GREETING=hello /bin/sh -c ..."
        Assert.Equal("RUN |1 GREETING=hello /bin/sh -c echo \"$GREETING $TARGET\" > msg && pwd > where # buildkit", NewHistory(r.Image, 1).Single());
    }

    [Fact]
    public async Task Run_exec_form_and_heredoc()
    {
        var (_, r) = await BuildAsync("FROM alpine\nRUN [\"/bin/sh\", \"-c\", \"echo exec > /e\"]\nRUN <<EOF\necho one > /h\necho two >> /h\nEOF\n");
        var root = RootOf(r.Image);
        Assert.Equal("exec\n", root.ReadAllText("/e"));
        Assert.Equal("one\ntwo\n", root.ReadAllText("/h"));
    }

    [Fact]
    public async Task Run_that_changes_nothing_adds_an_empty_layer_history_entry()
    {
        var (_, r) = await BuildAsync("FROM alpine\nRUN true\n");
        Assert.Single(r.Image.Layers);
        Assert.True(r.Image.Config.History[^1].EmptyLayer);
    }

    [Fact]
    public async Task Copy_files_directories_wildcards_with_chown_chmod_and_workdir_relative_dest()
    {
        var (_, r) = await BuildAsync(
            "FROM alpine\nWORKDIR /app\nCOPY a.txt .\nCOPY dir/ ./d/\nCOPY *.md docs/\nCOPY --chown=nobody:nogroup --chmod=600 a.txt /secret\nCOPY a.txt renamed.txt\n",
            fs =>
            {
                fs.File.WriteAllText("/src/a.txt", "A");
                fs.File.WriteAllText("/src/x.md", "X");
                fs.File.WriteAllText("/src/y.md", "Y");
                fs.Directory.CreateDirectory("/src/dir/sub");
                fs.File.WriteAllText("/src/dir/sub/f", "F");
            });
        var root = RootOf(r.Image);
        Assert.Equal("A", root.ReadAllText("/app/a.txt"));
        Assert.Equal("F", root.ReadAllText("/app/d/sub/f")); // a directory's contents, not the directory
        Assert.Equal("X", root.ReadAllText("/app/docs/x.md"));
        Assert.Equal("Y", root.ReadAllText("/app/docs/y.md"));
        Assert.Equal("A", root.ReadAllText("/app/renamed.txt"));
        var secret = root.Stat("/secret");
        Assert.Equal((65534, 65533, (UnixFileMode)0x180), (secret.Uid, secret.Gid, secret.Mode));
        Assert.Equal(0, root.Stat("/app/a.txt").Uid);
        Assert.Equal(
            ["COPY a.txt . # buildkit", "COPY dir/ ./d/ # buildkit", "COPY *.md docs/ # buildkit", "COPY --chown=nobody:nogroup --chmod=600 a.txt /secret # buildkit", "COPY a.txt renamed.txt # buildkit"],
            NewHistory(r.Image, 5));
    }

    [Fact]
    public async Task Copy_heredoc_writes_an_inline_file()
    {
        var (_, r) = await BuildAsync("FROM alpine\nARG NAME=sim\nCOPY <<EOF /etc/greeting\nhello $NAME\nEOF\n");
        Assert.Equal("hello sim\n", RootOf(r.Image).ReadAllText("/etc/greeting"));
        Assert.Equal("COPY <<EOF /etc/greeting # buildkit", NewHistory(r.Image, 1).Single());
    }

    [Fact]
    public async Task Add_extracts_a_local_tar_gz_and_copies_other_files()
    {
        var (_, r) = await BuildAsync("FROM scratch\nADD rootfs.tar.gz /\nADD plain.txt /plain.txt\n", fs =>
        {
            using var buffer = new MemoryStream();
            using (var gz = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
            using (var tar = new TarWriter(gz, TarEntryFormat.Pax, leaveOpen: true))
            {
                tar.WriteEntry(new PaxTarEntry(TarEntryType.Directory, "etc/") { Mode = (UnixFileMode)0x1ED });
                var file = new PaxTarEntry(TarEntryType.RegularFile, "etc/os-release") { Mode = (UnixFileMode)0x1A4, DataStream = new MemoryStream("ID=sim\n"u8.ToArray()) };
                tar.WriteEntry(file);
            }

            fs.File.WriteAllBytes("/src/rootfs.tar.gz", buffer.ToArray());
            fs.File.WriteAllText("/src/plain.txt", "p");
        });
        var root = RootOf(r.Image);
        Assert.Equal("ID=sim\n", root.ReadAllText("/etc/os-release"));
        Assert.Equal("p", root.ReadAllText("/plain.txt"));
        Assert.Equal("ADD rootfs.tar.gz / # buildkit", NewHistory(r.Image, 2).First());
    }

    [Fact]
    public async Task Maintainer_sets_the_author()
    {
        var (_, r) = await BuildAsync("FROM scratch\nMAINTAINER Jane <j@x>\n");
        Assert.Equal("Jane <j@x>", r.Image.Config.Author);
        Assert.Equal("MAINTAINER Jane <j@x>", NewHistory(r.Image, 1).Single());
    }

    [Fact]
    public async Task Request_labels_are_applied_after_the_dockerfiles()
    {
        var (_, r) = await BuildAsync("FROM scratch\nLABEL a=1 b=2\n", request: new BuildRequest { Labels = new Dictionary<string, string> { ["b"] = "override" } });
        Assert.Equal("1", r.Image.Config.Config.Labels["a"]);
        Assert.Equal("override", r.Image.Config.Config.Labels["b"]);
    }
}
