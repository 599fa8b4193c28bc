using Simulator.Containers;
using Simulator.Testing.Assertions;
using Simulator.Testing.Builders;
using Simulator.Testing.Fixtures;

namespace Simulator.Testing.Tests.Assertions;

public sealed class SimulatorAssertTests(SimulatorAssertTests.NginxEngine docker) : IClassFixture<SimulatorAssertTests.NginxEngine>
{
    [Fact]
    public void Missing_file_message_lists_the_nearest_directory()
    {
        Create("web");
        docker.Engine.ApplyChanges("web", Fs.Remove("/etc/nginx/nginx.conf"));
        var ex = Assert.Throws<SimulatorAssertException>(() => SimulatorAssert.FileExists(docker.Engine, "web", "/etc/nginx/nginx.conf"));
        Assert.Equal("expected /etc/nginx/nginx.conf in container web, found: /etc/nginx holds conf.d, fastcgi_params, mime.types, modules", ex.Message);
        Assert.Equal(
            "expected /etc/nginx/missing/deeper in container web, found: /etc/nginx holds conf.d, fastcgi_params, mime.types, modules",
            Assert.Throws<SimulatorAssertException>(() => SimulatorAssert.FileExists(docker.Engine, "web", "/etc/nginx/missing/deeper")).Message);
        SimulatorAssert.FileDoesNotExist(docker.Engine, "web", "/etc/nginx/nginx.conf");
    }

    [Fact]
    public void Text_and_link_checks_quote_what_they_found()
    {
        Create("texts");
        docker.Engine.ApplyChanges("texts", Fs.File("/srv/a.txt", "one\ntwo\n"), Fs.Symlink("/srv/a.txt", "/srv/link"));
        SimulatorAssert.FileText(docker.Engine, "texts", "/srv/a.txt", "one\ntwo\n");
        SimulatorAssert.FileContains(docker.Engine, "texts", "/srv/a.txt", "two");
        SimulatorAssert.SymlinkTarget(docker.Engine, "texts", "/srv/link", "/srv/a.txt");
        Assert.Equal(
            "expected /srv/a.txt in container texts to read \"one\\n\", found: \"one\\ntwo\\n\"",
            Assert.Throws<SimulatorAssertException>(() => SimulatorAssert.FileText(docker.Engine, "texts", "/srv/a.txt", "one\n")).Message);
        Assert.Equal(
            "expected /srv in container texts to contain \"x\", found: a directory",
            Assert.Throws<SimulatorAssertException>(() => SimulatorAssert.FileContains(docker.Engine, "texts", "/srv", "x")).Message);
        Assert.Equal(
            "expected no /srv/link in container texts, found: a symlink to /srv/a.txt",
            Assert.Throws<SimulatorAssertException>(() => SimulatorAssert.FileDoesNotExist(docker.Engine, "texts", "/srv/link")).Message);
        Assert.Equal(
            "expected /srv/a.txt in container texts to be a symlink to /x, found: a file of 8 bytes",
            Assert.Throws<SimulatorAssertException>(() => SimulatorAssert.SymlinkTarget(docker.Engine, "texts", "/srv/a.txt", "/x")).Message);
    }

    [Fact]
    public void Changes_message_lists_missing_and_unexpected_lines()
    {
        Create("diffs");
        docker.Engine.ApplyChanges("diffs", Fs.File("/tmp/x", "x"));
        SimulatorAssert.Changes(docker.Engine, "diffs", "C /tmp", "A /tmp/x");
        Assert.Equal(
            "expected the changes of container diffs to be [A /tmp/y], found: [C /tmp, A /tmp/x]; missing: A /tmp/y; unexpected: C /tmp, A /tmp/x",
            Assert.Throws<SimulatorAssertException>(() => SimulatorAssert.Changes(docker.Engine, "diffs", "A /tmp/y")).Message);
    }

    [Fact]
    public void Status_and_image_checks()
    {
        Create("created");
        SimulatorAssert.Status(docker.Engine, "created", ContainerStatus.Created);
        Assert.Equal("expected container created to be running, found: created",
            Assert.Throws<SimulatorAssertException>(() => SimulatorAssert.Status(docker.Engine, "created", ContainerStatus.Running)).Message);
        Assert.StartsWith("expected container ghost to be running, found: no such container (containers: ",
            Assert.Throws<SimulatorAssertException>(() => SimulatorAssert.Status(docker.Engine, "ghost", ContainerStatus.Running)).Message, StringComparison.Ordinal);
        SimulatorAssert.ImageHasFile(docker.Engine, "nginx", "/docker-entrypoint.sh");
        Assert.StartsWith("expected /usr/bin/apk in image nginx, found: /usr/bin holds ",
            Assert.Throws<SimulatorAssertException>(() => SimulatorAssert.ImageHasFile(docker.Engine, "nginx", "/usr/bin/apk")).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Volume_checks()
    {
        var volume = docker.Engine.Volumes.Create("site");
        volume.Apply(Fs.File("/index.html", "hi\n"));
        SimulatorAssert.VolumeHasFile(docker.Engine, "site", "/index.html", "hi\n");
        Assert.Equal("expected /404.html in volume site, found: / holds index.html",
            Assert.Throws<SimulatorAssertException>(() => SimulatorAssert.VolumeHasFile(docker.Engine, "site", "/404.html")).Message);
    }

    [Fact]
    public void A_symlink_that_does_not_resolve_is_named_with_the_reason()
    {
        Create("loops");
        docker.Engine.ApplyChanges("loops", Fs.Symlink("/loop2", "/loop1"), Fs.Symlink("/loop1", "/loop2"), Fs.Symlink("/nowhere", "/dangling"));
        // Reasons: glibc strerror(ELOOP) and strerror(ENOENT), as stat(2) fails on such links.
        Assert.Equal(
            "expected /loop1 in container loops, found: a symlink to /loop2 that does not resolve (Too many levels of symbolic links)",
            Assert.Throws<SimulatorAssertException>(() => SimulatorAssert.FileExists(docker.Engine, "loops", "/loop1")).Message);
        Assert.Equal(
            "expected /dangling in container loops to read \"x\", found: a symlink to /nowhere that does not resolve (No such file or directory)",
            Assert.Throws<SimulatorAssertException>(() => SimulatorAssert.FileText(docker.Engine, "loops", "/dangling", "x")).Message);
    }

    [Fact]
    public void A_binary_file_is_described_not_dumped()
    {
        Create("binary");
        docker.Engine.ApplyChanges("binary", Fs.File("/bin/blob", FileSystem.FileContent.FromBytes([0xff, 0xfe, 0x00, 0x41])));
        // Hash: python3 -c "import hashlib; print(hashlib.sha256(bytes([0xff,0xfe,0,0x41])).hexdigest()[:12])"
        Assert.Equal(
            "expected /bin/blob in container binary to read \"A\", found: a file of 4 bytes that is not UTF-8 text (sha256:" + Sha12([0xff, 0xfe, 0x00, 0x41]) + ")",
            Assert.Throws<SimulatorAssertException>(() => SimulatorAssert.FileText(docker.Engine, "binary", "/bin/blob", "A")).Message);
    }

    [Fact]
    public async Task A_missing_container_image_or_volume_is_an_assertion_failure_listing_what_there_is()
    {
        // An engine of its own, so the lists are exactly what this test made.
        await using var own = await SimulatorFixture.CreateAsync("alpine");
        own.Engine.Containers.Create(new ContainerConfig("alpine"), name: "real");
        own.Engine.Volumes.Create("data");
        Assert.Equal(
            "expected /etc/motd in container ghost, found: no such container (containers: real)",
            Assert.Throws<SimulatorAssertException>(() => SimulatorAssert.FileExists(own.Engine, "ghost", "/etc/motd")).Message);
        Assert.Equal(
            "expected /etc/motd in container ghost to read \"x\", found: no such container (containers: real)",
            Assert.Throws<SimulatorAssertException>(() => SimulatorAssert.FileText(own.Engine, "ghost", "/etc/motd", "x")).Message);
        Assert.Equal(
            "expected the changes of container ghost to be [A /x], found: no such container (containers: real)",
            Assert.Throws<SimulatorAssertException>(() => SimulatorAssert.Changes(own.Engine, "ghost", "A /x")).Message);
        // Docker's own text for the missing image (docker image inspect nginx: "No such image: nginx:latest").
        Assert.Equal(
            "expected /etc/nginx in image nginx, found: No such image: nginx:latest (images: alpine:latest)",
            Assert.Throws<SimulatorAssertException>(() => SimulatorAssert.ImageHasFile(own.Engine, "nginx", "/etc/nginx")).Message);
        Assert.Equal(
            "expected /x in volume cache to read \"y\", found: no such volume (volumes: data)",
            Assert.Throws<SimulatorAssertException>(() => SimulatorAssert.VolumeHasFile(own.Engine, "cache", "/x", "y")).Message);
        Assert.Throws<ArgumentNullException>(() => SimulatorAssert.FileText(own.Engine, "ghost", "/etc/motd", null!));
    }

    private static string Sha12(byte[] bytes) => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes))[..12];

    private void Create(string name) => docker.Engine.Containers.Create(new ContainerConfig("nginx"), name: name);

    public sealed class NginxEngine : SimulatorFixture
    {
        protected override IReadOnlyList<string> Images => ["nginx"];
    }
}
