using CsCheck;
using Simulator.Containers;
using Simulator.FileSystem;
using Simulator.Testing.Builders;
using Simulator.Testing.Fixtures;
using Simulator.Testing.Rendering;
using Simulator.World;

namespace Simulator.Testing.Tests.Builders;

public sealed class FsChangeTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly Layer Base = TestLayers.FromFiles(new Dictionary<string, string>
    {
        ["/etc/motd"] = "hello\n",
        ["/etc/issue"] = "Alpine\n",
        ["/var/cache/apk/a"] = "a",
        ["/var/cache/apk/b"] = "b",
    });

    [Fact]
    public void From_files_adds_parents_and_is_reproducible()
    {
        Assert.Equal(
            """
            drwxr-xr-x  0:0  -  /etc
            -rw-r--r--  0:0  7  /etc/issue  "Alpine\n"
            -rw-r--r--  0:0  6  /etc/motd  "hello\n"
            drwxr-xr-x  0:0  -  /var
            drwxr-xr-x  0:0  -  /var/cache
            drwxr-xr-x  0:0  -  /var/cache/apk
            -rw-r--r--  0:0  1  /var/cache/apk/a  "a"
            -rw-r--r--  0:0  1  /var/cache/apk/b  "b"

            """.ReplaceLineEndings("\n"),
            FileTreeRenderer.Render(Base));
        var again = TestLayers.FromFiles(Base.Entries.Where(e => !e.Value.IsDirectory).Reverse()
            .Select(e => new KeyValuePair<string, string>(e.Key, System.Text.Encoding.UTF8.GetString(e.Value.Content.ReadAllBytes().Span))));
        Assert.Equal(Base.DiffId, again.DiffId);
    }

    [Fact]
    public void Changes_on_lower_layers_commit_as_whiteouts_and_opaque_directories()
    {
        // Whiteouts and the opaque marker: OCI image-spec layer.md; rmdir + mkdir of a lower directory gives an opaque one (overlayfs).
        // The engine's commit also writes a whiteout per deleted lower child (go-archive ExportChanges, SEMANTICS.md 3.31).
        var layer = TestLayers.FromChanges(LayerStack.Create([Base]), FsScript.Parse(
            """
            rm /etc/motd
            rm /var/cache/apk
            mkdir /var/cache/apk
            file /var/cache/apk/c "c"
            chmod 0600 /etc/issue
            chown 1000:1000 /etc/issue
            ln -s /etc/issue /etc/issue.net
            """));
        Assert.Equal(
            """
            drwxr-xr-x  0:0        -  /etc
            whiteout                  /etc/.wh.motd
            -rw-------  1000:1000  7  /etc/issue  "Alpine\n"
            lrwxrwxrwx  0:0        -  /etc/issue.net -> /etc/issue
            drwxr-xr-x  0:0        -  /var
            drwxr-xr-x  0:0        -  /var/cache
            drwxr-xr-x  0:0        -  /var/cache/apk
            opaque                    /var/cache/apk/.wh..wh..opq
            whiteout                  /var/cache/apk/.wh.a
            whiteout                  /var/cache/apk/.wh.b
            -rw-r--r--  0:0        1  /var/cache/apk/c  "c"

            """.ReplaceLineEndings("\n"),
            FileTreeRenderer.Render(layer));
    }

    [Fact]
    public void A_failing_step_throws_the_errno_and_the_lower_layers_are_untouched()
    {
        var lower = LayerStack.Create([Base]);
        var before = FileTreeRenderer.Render(lower);
        var ex = Assert.Throws<FileSystemException>(() => TestLayers.FromChanges(lower, Fs.Remove("/etc/motd"), Fs.Remove("/nope")));
        Assert.Equal(Errno.ENOENT, ex.Errno);
        // Overlayfs without redirect_dir: renaming a lower directory is EXDEV (SEMANTICS.md 3.x, DESIGN.md section 3).
        Assert.Equal(Errno.EXDEV, Assert.Throws<FileSystemException>(() => TestLayers.FromChanges(lower, Fs.Rename("/var/cache", "/var/c"))).Errno);
        Assert.Equal(before, FileTreeRenderer.Render(lower));
    }

    [Fact]
    public void Script_errors_name_the_line()
    {
        Assert.Equal("line 2: unknown command \"copy\"", Assert.Throws<FormatException>(() => FsScript.Parse("mkdir /a\ncopy /a /b")).Message);
        Assert.Equal("line 1: invalid mode \"0999\" (want octal, e.g. 0644)", Assert.Throws<FormatException>(() => FsScript.Parse("chmod 0999 /a")).Message);
        Assert.Equal("line 1: wrong number of arguments for \"rm\"", Assert.Throws<FormatException>(() => FsScript.Parse("rm")).Message);
        Assert.Equal("line 1: unterminated quoted word", Assert.Throws<FormatException>(() => FsScript.Parse("file /a \"x")).Message);
        Assert.Equal("line 1: invalid owner \"x\" (want UID:GID)", Assert.Throws<FormatException>(() => FsScript.Parse("chown x /a")).Message);
        Assert.Empty(FsScript.Parse("# nothing\n\n   "));
    }

    [Fact]
    public void Relative_paths_are_refused_by_steps_and_scripts()
    {
        Assert.Equal("path", Assert.Throws<ArgumentException>(() => Fs.File("etc/app.conf", "x")).ParamName);
        Assert.StartsWith("path \"etc/app.conf\" must be absolute", Assert.Throws<ArgumentException>(() => Fs.File("etc/app.conf", "x")).Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => Fs.Dir(""));
        Assert.Throws<ArgumentException>(() => Fs.Rename("/a", "b"));
        Assert.Equal("line 2: path \"tmp/x\" must be absolute", Assert.Throws<FormatException>(() => FsScript.Parse("mkdir /tmp\nfile tmp/x \"y\"")).Message);
        Assert.Equal("line 1: path \"b\" must be absolute", Assert.Throws<FormatException>(() => FsScript.Parse("ln -s ../a b")).Message);
        Assert.Equal("ln -s ../a /b", Assert.Single(FsScript.Parse("ln -s ../a /b")).ToString());
    }

    [Fact]
    public void Touch_times_are_iso_8601_only()
    {
        Assert.Equal("line 1: invalid time \"1/2/2026\" (want ISO-8601, e.g. 2026-01-01T00:00:00Z)", Assert.Throws<FormatException>(() => FsScript.Parse("touch /a 1/2/2026")).Message);
        Assert.Equal("touch /a 2026-03-04T02:06:07Z", Assert.Single(FsScript.Parse("touch /a 2026-03-04T05:06:07+03:00")).ToString());
        Assert.Equal("touch /a 2026-03-04T00:00:00Z", Assert.Single(FsScript.Parse("touch /a 2026-03-04")).ToString());
    }

    [Fact]
    public void A_quoted_octal_word_is_content_not_a_mode()
    {
        var step = Assert.Single(FsScript.Parse("file /a \"0644\""));
        Assert.Equal("file /a \"0644\"", step.ToString());
        Assert.Equal("file /a 0644", Assert.Single(FsScript.Parse("file /a 0644")).ToString());
    }

    [Fact]
    public void Steps_print_as_script_lines_that_parse_back()
    {
        var gen = Gen.OneOf(
            from p in GenPath from t in Gen.String[Gen.Char.AlphaNumeric, 0, 8] from m in GenOptionalMode select Fs.File(p, t, m),
            from p in GenPath from m in GenOptionalMode select Fs.Dir(p, m),
            from a in GenPath from b in GenPath select Fs.Symlink(a, b),
            from a in GenPath from b in GenPath select Fs.Link(a, b),
            from p in GenPath select Fs.Remove(p),
            from p in GenPath from m in GenMode select Fs.Chmod(p, m),
            from p in GenPath from u in Gen.Int[0, 70000] from g in Gen.Int[0, 70000] select Fs.Chown(p, u, g),
            from a in GenPath from b in GenPath select Fs.Rename(a, b),
            from p in GenPath select Fs.Touch(p, new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero)));
        gen.Array[0, 6].Sample(steps =>
        {
            var script = FsScript.Format(steps);
            Assert.Equal(script, FsScript.Format(FsScript.Parse(script)));
        }, seed: "0N0XIzNsQ0O2");
    }

    private static readonly Gen<string> GenPath = Gen.String[Gen.Char["ab \"#\\é"], 1, 4].Select(s => "/" + s);

    private static readonly Gen<UnixFileMode> GenMode = Gen.Int[0, 0xFFF].Select(m => (UnixFileMode)m);

    private static readonly Gen<UnixFileMode?> GenOptionalMode = from none in Gen.Bool from m in GenMode select none ? (UnixFileMode?)null : m;

    [Fact]
    public async Task Changes_apply_to_a_container_and_show_in_docker_diff()
    {
        await using var docker = await SimulatorFixture.CreateAsync("alpine");
        var id = docker.Engine.Containers.Create(new ContainerConfig("alpine") { Cmd = ["true"] }, name: "web");
        docker.Engine.ApplyChanges("web", Fs.File("/srv/www/index.html", "<h1>hi</h1>\n"), Fs.Remove("/etc/motd"));
        // docker diff form: SEMANTICS.md 3.23-3.26 (new directory => A for it and each descendant; changed parents => C).
        Assert.Equal("C /etc\nD /etc/motd\nC /srv\nA /srv/www\nA /srv/www/index.html\n", docker.Engine.RenderChanges(id));
    }

    [Fact]
    public async Task Test_images_run_in_the_engine()
    {
        await using var docker = await SimulatorFixture.CreateAsync();
        var image = TestImages.With(StockImages.Alpine, "RUN /bin/sh -c echo hi > /hello # buildkit", Fs.File("/hello", "hi\n"));
        docker.Engine.AddImage(image, "hello:1");
        var run = await docker.Engine.Containers.RunAsync(new ContainerConfig("hello:1") { Cmd = ["cat", "/hello"] }, cancellationToken: Ct);
        Assert.Equal("hi\n", run.Stdout);
        Assert.Equal(StockImages.Alpine.Image.Layers.Count + 1, docker.Engine.Images.Get("hello:1").Layers.Count);

        var scratch = TestImages.FromScratch(new Dictionary<string, string> { ["/app/config.json"] = "{}" });
        Assert.Equal("/app\n/app/config.json\n", FileTreeRenderer.Render(scratch, new TreeRenderOptions { Columns = TreeColumns.None }));
        Assert.Equal(scratch.Id, TestImages.FromScratch(new Dictionary<string, string> { ["/app/config.json"] = "{}" }).Id);
    }

    [Fact]
    public async Task Add_image_with_a_bad_tag_stores_nothing()
    {
        await using var docker = await SimulatorFixture.CreateAsync();
        var image = TestImages.FromScratch(new Dictionary<string, string> { ["/a"] = "a" });
        // Message: distribution/reference ErrReferenceInvalidFormat, as `docker tag x UPPER` prints it.
        var ex = Assert.Throws<DockerSimulatorException>(() => docker.Engine.AddImage(image, "Bad:Tag"));
        Assert.StartsWith("invalid reference format", ex.Message, StringComparison.Ordinal);
        Assert.Equal(0, docker.Engine.Images.Count);
        var digest = Assert.Throws<DockerSimulatorException>(() => docker.Engine.AddImage(image, "a@sha256:" + new string('0', 64)));
        Assert.Equal("refusing to create a tag with a digest reference", digest.Message);
        Assert.Equal(0, docker.Engine.Images.Count);
    }
}
