using System.Text;
using Simulator.FileSystem;
using Simulator.Images;
using Simulator.World;

namespace Simulator.Tests.World;

public sealed class StockImageTests
{
    private const string Marker = "#!simulator "; // Simulator.Processes.ProgramRegistry.MarkerPrefix on the userland branch

    private static UnionFileSystem Root(StockImage stock) => UnionFileSystem.CreateReadOnly(LayerStack.Create(stock.Image.Layers));

    private static string Head(UnionFileSystem fs, string path, int length = 64)
    {
        var buffer = new byte[length];
        int n = fs.Read(path, 0, buffer);
        var text = Encoding.UTF8.GetString(buffer, 0, n);
        int newline = text.IndexOf('\n', StringComparison.Ordinal);
        return newline < 0 ? text : text[..(newline + 1)];
    }

    private static string Mode(FileEntry entry) => Convert.ToString((int)entry.Mode, 8);

    [Fact]
    public void Alpine_has_busybox_applets_as_symlinks_musl_apk_and_the_release_files()
    {
        var fs = Root(StockImages.Alpine);

        Assert.Equal("#!simulator busybox\n", Head(fs, "/bin/busybox"));
        Assert.Equal(808_712, fs.Stat("/bin/busybox").Size);
        foreach (var applet in new[]
        {
            "/bin/sh", "/bin/ls", "/bin/cat", "/bin/echo", "/bin/mkdir", "/bin/rm", "/bin/cp", "/bin/mv", "/bin/ln", "/bin/touch",
            "/usr/bin/find", "/bin/grep", "/bin/sed", "/usr/bin/head", "/usr/bin/tail", "/usr/bin/wc", "/usr/bin/sort",
            "/usr/bin/env", "/bin/sleep", "/usr/bin/test", "/bin/true", "/bin/false", "/usr/bin/which", "/usr/bin/id",
            "/usr/bin/whoami", "/bin/hostname", "/bin/chmod", "/bin/chown", "/usr/bin/[",
        })
        {
            Assert.Equal(EntryType.Symlink, fs.LStat(applet).Type);
            Assert.Equal("/bin/busybox", fs.ReadLink(applet));
            Assert.Equal("#!simulator busybox\n", Head(fs, applet));
        }

        Assert.Equal("#!simulator apk\n", Head(fs, "/sbin/apk"));
        Assert.Equal("755", Mode(fs.Stat("/sbin/apk")));
        Assert.Equal(EntryType.RegularFile, fs.Stat("/lib/ld-musl-x86_64.so.1").Type);
        Assert.Equal("ld-musl-x86_64.so.1", fs.ReadLink("/lib/libc.musl-x86_64.so.1"));
        Assert.Equal("3.20.3\n", fs.ReadAllText("/etc/alpine-release"));
        Assert.Contains("PRETTY_NAME=\"Alpine Linux v3.20\"\n", fs.ReadAllText("/etc/os-release"), StringComparison.Ordinal);
        Assert.StartsWith("root:x:0:0:root:/root:/bin/sh\n", fs.ReadAllText("/etc/passwd"), StringComparison.Ordinal);
        Assert.Contains("nobody:x:65534:65534:nobody:/:/sbin/nologin\n", fs.ReadAllText("/etc/passwd"), StringComparison.Ordinal);
        Assert.StartsWith("root:x:0:root\n", fs.ReadAllText("/etc/group"), StringComparison.Ordinal);
        Assert.StartsWith("root:*::0:::::\n", fs.ReadAllText("/etc/shadow"), StringComparison.Ordinal);
        Assert.Equal("640", Mode(fs.Stat("/etc/shadow")));
        Assert.Equal(42, fs.Stat("/etc/shadow").Gid);
        Assert.Equal("https://dl-cdn.alpinelinux.org/alpine/v3.20/main\nhttps://dl-cdn.alpinelinux.org/alpine/v3.20/community\n", fs.ReadAllText("/etc/apk/repositories"));
        Assert.Contains("busybox\n", fs.ReadAllText("/etc/apk/world"), StringComparison.Ordinal);
        var installed = fs.ReadAllText("/lib/apk/db/installed");
        foreach (var package in new[] { "alpine-baselayout", "alpine-keys", "apk-tools", "busybox", "musl", "zlib", "ca-certificates-bundle" })
        {
            Assert.Contains("\nP:" + package + "\n", "\n" + installed, StringComparison.Ordinal);
        }

        Assert.Contains("P:busybox\nV:1.36.1-r29\nA:x86_64\n", installed, StringComparison.Ordinal);
        Assert.Contains("F:bin\nR:busybox\na:0:0:755\nZ:Q1", installed, StringComparison.Ordinal);
        Assert.EndsWith("\n\n", installed, StringComparison.Ordinal);

        foreach (var dir in new[] { "/dev", "/proc", "/sys", "/home", "/var", "/usr/bin", "/usr/sbin", "/usr/local/bin", "/usr/share", "/run", "/mnt", "/media", "/opt", "/srv" })
        {
            Assert.True(fs.Stat(dir).IsDirectory, dir);
        }

        Assert.Equal("1777", Mode(fs.Stat("/tmp")));
        Assert.Equal("700", Mode(fs.Stat("/root")));

        var config = StockImages.Alpine.Image.Config;
        Assert.Equal(["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"], config.Config.Env);
        Assert.Equal(["/bin/sh"], config.Config.Cmd);
        Assert.Empty(config.Config.Entrypoint);
        Assert.Equal(new DateTimeOffset(2024, 9, 6, 22, 20, 7, TimeSpan.Zero), config.Created);
        Assert.Equal("amd64", config.Architecture);
        Assert.Single(StockImages.Alpine.Image.Layers);
    }

    [Fact]
    public void Busybox_has_hard_links_to_bin_busybox_and_cmd_sh()
    {
        var image = StockImages.Busybox.Image;
        var layer = Assert.Single(image.Layers);
        var fs = Root(StockImages.Busybox);

        Assert.Equal("#!simulator busybox\n", Head(fs, "/bin/busybox"));
        foreach (var applet in new[] { "sh", "ls", "cat", "echo", "mkdir", "rm", "sleep", "env", "wc", "which", "whoami", "id", "[" })
        {
            var entry = layer.Entries["/bin/" + applet];
            Assert.Equal(EntryType.HardLink, entry.Type);
            Assert.Equal("/bin/busybox", entry.LinkTarget);
            Assert.Equal("#!simulator busybox\n", Head(fs, "/bin/" + applet));
        }

        Assert.StartsWith("root:x:0:0:root:/root:/bin/sh\n", fs.ReadAllText("/etc/passwd"), StringComparison.Ordinal);
        Assert.StartsWith("root:x:0:\n", fs.ReadAllText("/etc/group"), StringComparison.Ordinal);
        Assert.Equal(["sh"], image.Config.Config.Cmd);
        Assert.Equal(["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"], image.Config.Config.Env);
        Assert.Equal("700", Mode(fs.Stat("/root")));
        Assert.Equal("1777", Mode(fs.Stat("/tmp")));
    }

    [Fact]
    public void Nginx_has_its_program_config_pages_log_links_and_config()
    {
        var fs = Root(StockImages.Nginx);
        var image = StockImages.Nginx.Image;

        Assert.Equal("#!simulator nginx\n", Head(fs, "/usr/sbin/nginx"));
        Assert.Contains("include /etc/nginx/conf.d/*.conf;", fs.ReadAllText("/etc/nginx/nginx.conf"), StringComparison.Ordinal);
        Assert.StartsWith("\nuser  nginx;\nworker_processes  auto;\n", fs.ReadAllText("/etc/nginx/nginx.conf"), StringComparison.Ordinal);
        Assert.Contains("root   /usr/share/nginx/html;", fs.ReadAllText("/etc/nginx/conf.d/default.conf"), StringComparison.Ordinal);
        Assert.Contains("<h1>Welcome to nginx!</h1>", fs.ReadAllText("/usr/share/nginx/html/index.html"), StringComparison.Ordinal);
        Assert.Contains("<h1>An error occurred.</h1>", fs.ReadAllText("/usr/share/nginx/html/50x.html"), StringComparison.Ordinal);
        Assert.StartsWith("#!/bin/sh\n# vim:sw=4:ts=4:et\n", fs.ReadAllText("/docker-entrypoint.sh"), StringComparison.Ordinal);
        Assert.EndsWith("exec \"$@\"\n", fs.ReadAllText("/docker-entrypoint.sh"), StringComparison.Ordinal);
        Assert.Equal("775", Mode(fs.Stat("/docker-entrypoint.sh")));
        Assert.Equal("/dev/stdout", fs.ReadLink("/var/log/nginx/access.log"));
        Assert.Equal("/dev/stderr", fs.ReadLink("/var/log/nginx/error.log"));
        Assert.Equal("dash", fs.ReadLink("/bin/sh"));
        Assert.Equal("#!simulator sh\n", Head(fs, "/bin/sh"));
        Assert.Contains("nginx:x:101:101:nginx user:/nonexistent:/bin/false\n", fs.ReadAllText("/etc/passwd"), StringComparison.Ordinal);
        Assert.Contains("VERSION_CODENAME=bookworm\n", fs.ReadAllText("/etc/os-release"), StringComparison.Ordinal);

        var config = image.Config.Config;
        Assert.Equal(["80/tcp"], config.ExposedPorts);
        Assert.Equal(
        [
            "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "NGINX_VERSION=1.27.3", "NJS_VERSION=0.8.7",
            "NJS_RELEASE=1~bookworm", "PKG_RELEASE=1~bookworm", "DYNPKG_RELEASE=1~bookworm",
        ], config.Env);
        Assert.Equal(["/docker-entrypoint.sh"], config.Entrypoint);
        Assert.Equal(["nginx", "-g", "daemon off;"], config.Cmd);
        Assert.Equal("SIGQUIT", config.StopSignal);
        Assert.Equal("NGINX Docker Maintainers <docker-maint@nginx.com>", config.Labels["maintainer"]);
        Assert.Equal(7, image.Layers.Count);
    }

    [Fact]
    public void Nginx_alpine_and_registry_share_alpines_layer_and_nginx_and_postgres_share_debians()
    {
        var alpine = StockImages.Alpine.Image.Layers[0];
        Assert.Same(alpine, StockImages.NginxAlpine.Image.Layers[0]);
        Assert.Same(alpine, StockImages.Registry.Image.Layers[0]);
        Assert.Same(StockImages.Nginx.Image.Layers[0], StockImages.Postgres.Image.Layers[0]);

        var fs = Root(StockImages.NginxAlpine);
        Assert.Equal("#!simulator nginx\n", Head(fs, "/usr/sbin/nginx"));
        Assert.Equal("/bin/busybox", fs.ReadLink("/bin/sh"));
        Assert.Equal("3.20.3\n", fs.ReadAllText("/etc/alpine-release"));
        Assert.Contains("<h1>Welcome to nginx!</h1>", fs.ReadAllText("/usr/share/nginx/html/index.html"), StringComparison.Ordinal);
        Assert.Equal(["/docker-entrypoint.sh"], StockImages.NginxAlpine.Image.Config.Config.Entrypoint);
        Assert.Equal(["nginx", "-g", "daemon off;"], StockImages.NginxAlpine.Image.Config.Config.Cmd);
        Assert.Equal("SIGQUIT", StockImages.NginxAlpine.Image.Config.Config.StopSignal);
        Assert.Equal(["80/tcp"], StockImages.NginxAlpine.Image.Config.Config.ExposedPorts);
    }

    [Fact]
    public void Postgres_has_pgdata_its_entrypoint_and_config()
    {
        var fs = Root(StockImages.Postgres);
        var config = StockImages.Postgres.Image.Config.Config;

        Assert.Equal("#!simulator postgres\n", Head(fs, "/usr/lib/postgresql/16/bin/postgres"));
        Assert.Equal("#!simulator initdb\n", Head(fs, "/usr/lib/postgresql/16/bin/initdb"));
        Assert.Equal("1777", Mode(fs.Stat("/var/lib/postgresql/data")));
        Assert.Equal(999, fs.Stat("/var/lib/postgresql/data").Uid);
        Assert.StartsWith("#!/bin/sh\n", fs.ReadAllText("/usr/local/bin/docker-entrypoint.sh"), StringComparison.Ordinal);
        Assert.Contains("postgres:x:999:999::/var/lib/postgresql:/bin/bash\n", fs.ReadAllText("/etc/passwd"), StringComparison.Ordinal);
        Assert.Equal(["/var/lib/postgresql/data"], config.Volumes);
        Assert.Equal(["5432/tcp"], config.ExposedPorts);
        Assert.Contains("PGDATA=/var/lib/postgresql/data", config.Env);
        Assert.Contains("PG_MAJOR=16", config.Env);
        Assert.Contains("PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin:/usr/lib/postgresql/16/bin", config.Env);
        Assert.Equal(["docker-entrypoint.sh"], config.Entrypoint);
        Assert.Equal(["postgres"], config.Cmd);
        Assert.Equal("SIGINT", config.StopSignal);
    }

    [Fact]
    public void Registry_has_its_binary_config_and_entrypoint()
    {
        var fs = Root(StockImages.Registry);
        var config = StockImages.Registry.Image.Config.Config;

        Assert.Equal("#!simulator registry\n", Head(fs, "/bin/registry"));
        Assert.Contains("rootdirectory: /var/lib/registry", fs.ReadAllText("/etc/docker/registry/config.yml"), StringComparison.Ordinal);
        Assert.Contains("addr: :5000", fs.ReadAllText("/etc/docker/registry/config.yml"), StringComparison.Ordinal);
        Assert.Contains("set -- registry serve \"$@\"", fs.ReadAllText("/entrypoint.sh"), StringComparison.Ordinal);
        Assert.Equal(["/var/lib/registry"], config.Volumes);
        Assert.Equal(["5000/tcp"], config.ExposedPorts);
        Assert.Equal(["/entrypoint.sh"], config.Entrypoint);
        Assert.Equal(["/etc/docker/registry/config.yml"], config.Cmd);
    }

    [Fact]
    public void Hello_world_is_one_program()
    {
        var fs = Root(StockImages.HelloWorld);
        Assert.Equal("#!simulator hello-world\n", Head(fs, "/hello"));
        Assert.Equal(["/hello"], StockImages.HelloWorld.Image.Config.Config.Cmd);
    }

    // Real sizes: `docker images` (Docker 28, classic overlay2 store, linux/amd64) for alpine:3.20.3 7.8MB,
    // busybox:1.36.1 4.26MB, nginx:1.27.3 192MB, nginx:1.27.3-alpine 47.9MB, postgres:16.6 435MB, registry:2.8.3 25.4MB,
    // hello-world 13.3kB (StockImage.DocumentedSize).
    [Theory]
    [InlineData("alpine:latest", 7_800_000)]
    [InlineData("busybox:latest", 4_260_000)]
    [InlineData("nginx:latest", 192_000_000)]
    [InlineData("nginx:alpine", 47_900_000)]
    [InlineData("postgres:latest", 435_000_000)]
    [InlineData("registry:latest", 25_400_000)]
    [InlineData("hello-world:latest", 13_300)]
    public void Sizes_are_within_three_percent_of_the_real_images(string name, long real)
    {
        var stock = StockImages.All.Single(s => s.ToString() == name);
        Assert.InRange(stock.Image.Size, real * 0.97, real * 1.03);
        Assert.InRange(stock.DocumentedSize, real * 0.99, real * 1.01);
    }

    [Fact]
    public void Program_files_read_the_marker_then_synthetic_bytes_deterministically()
    {
        var content = PrefixedSyntheticContent.Program("busybox", 100_000, 7);
        Assert.Equal(100_000, content.Length);
        var all = content.ReadAllBytes().ToArray();
        Assert.Equal("#!simulator busybox\n"u8.ToArray(), all[..20]);
        Assert.Equal(all, PrefixedSyntheticContent.Program("busybox", 100_000, 7).ReadAllBytes().ToArray());
        var part = new byte[50];
        Assert.Equal(50, content.Read(10, part));
        Assert.Equal(all[10..60], part);
        Assert.Equal(all[99_990..], content.ReadAllBytes().ToArray()[99_990..]);
        Assert.Equal(10, content.Read(99_990, part));
        Assert.Equal(0, content.Read(100_000, part));
        using var stream = content.OpenRead();
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        Assert.Equal(all, copy.ToArray());
        Assert.Equal("#!simulator hello\n", Encoding.UTF8.GetString(PrefixedSyntheticContent.Program("hello").ReadAllBytes().Span));
        Assert.NotEqual(all, PrefixedSyntheticContent.Program("busybox", 100_000, 8).ReadAllBytes().ToArray());

        // With no prefix the bytes are FileContent.Synthetic's, at every alignment.
        var plain = PrefixedSyntheticContent.Create([], 1_003, 42);
        var reference = FileContent.Synthetic(1_003, 42);
        Assert.Equal(reference.ReadAllBytes().ToArray(), plain.ReadAllBytes().ToArray());
        var x = new byte[13];
        var y = new byte[13];
        for (int offset = 0; offset < 1_003; offset += 5)
        {
            Assert.Equal(reference.Read(offset, x), plain.Read(offset, y));
            Assert.Equal(x, y);
        }
    }
}
