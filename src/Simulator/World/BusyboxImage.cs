using Simulator.FileSystem;
using Simulator.Images;

namespace Simulator.World;

/// <summary>
/// <c>busybox:1.36</c> (1.36.1, the default glibc variant): one layer with <c>/bin/busybox</c> and every applet as a hard
/// link to it in <c>/bin</c>, glibc in <c>/lib</c>, <c>/etc/passwd</c> and <c>/etc/group</c>; <c>CMD ["sh"]</c>. Sized to
/// 4.26 MB, the size <c>docker images</c> shows for <c>busybox:1.36.1</c>.
/// </summary>
internal static class BusyboxImage
{
    public const string Version = "1.36.1";

    /// <summary><c>docker images</c> size of <c>busybox:1.36.1</c>: 4.26 MB.</summary>
    public const long TargetSize = 4_261_000;

    public static readonly DateTimeOffset Created = new(2024, 9, 26, 21, 31, 42, TimeSpan.Zero);

    public static Image Build()
    {
        var fs = new RootFsBuilder("busybox-" + Version, Created);
        fs.Dirs("/bin", "/dev", "/etc", "/etc/network", "/etc/network/if-down.d", "/etc/network/if-post-down.d",
            "/etc/network/if-pre-up.d", "/etc/network/if-up.d", "/home", "/lib", "/usr", "/usr/sbin", "/var", "/var/spool",
            "/var/spool/mail", "/var/www");
        fs.Dir("/root", RootFsBuilder.Mode0700);
        fs.Dir("/tmp", RootFsBuilder.Mode1777);
        fs.Program("/bin/busybox", "busybox", 1_131_472);
        foreach (var applet in BusyboxApplets.All())
        {
            fs.HardLink("/bin/" + applet, "/bin/busybox");
        }

        fs.Synthetic("/lib/ld-linux-x86-64.so.2", 236_616, RootFsBuilder.Mode0755);
        fs.Synthetic("/lib/libm.so.6", 907_784, RootFsBuilder.Mode0755);
        fs.Synthetic("/lib/libresolv.so.2", 68_552, RootFsBuilder.Mode0755);
        fs.Synthetic("/lib/libnss_files.so.2", 14_416, RootFsBuilder.Mode0755);
        fs.Synthetic("/lib/libnss_dns.so.2", 14_416, RootFsBuilder.Mode0755);
        fs.Symlink("/lib64", "lib");
        fs.Text("/etc/passwd", Passwd);
        fs.Text("/etc/group", Group);
        fs.Text("/etc/shadow", Shadow, RootFsBuilder.Mode0600);
        fs.Text("/etc/nsswitch.conf", "hosts:\t\tfiles dns\nnetworks:\tfiles\npasswd:\t\tfiles\ngroup:\t\tfiles\nshadow:\t\tfiles\n");
        fs.Text("/etc/localtime", "TZif2\n");
        fs.PadTo("/lib/libc.so.6", TargetSize, RootFsBuilder.Mode0755);
        return ImageBuilder.FromScratch()
            .WithLayer(fs.Build(), "BusyBox " + Version + " (glibc), Debian 12")
            .WithConfig(c => c with { Env = ["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"] })
            .WithCmd("sh")
            .WithCreated(Created)
            .Build();
    }

    public const string Passwd =
        "root:x:0:0:root:/root:/bin/sh\n" +
        "daemon:x:1:1:daemon:/usr/sbin:/bin/false\n" +
        "bin:x:2:2:bin:/bin:/bin/false\n" +
        "sys:x:3:3:sys:/dev:/bin/false\n" +
        "sync:x:4:100:sync:/bin:/bin/sync\n" +
        "mail:x:8:8:mail:/var/spool/mail:/bin/false\n" +
        "www-data:x:33:33:www-data:/var/www:/bin/false\n" +
        "operator:x:37:37:Operator:/var:/bin/false\n" +
        "nobody:x:65534:65534:nobody:/home:/bin/false\n";

    public const string Group =
        "root:x:0:\ndaemon:x:1:\nbin:x:2:\nsys:x:3:\nadm:x:4:\ntty:x:5:\ndisk:x:6:\nlp:x:7:\nmail:x:8:\nkmem:x:9:\n" +
        "wheel:x:10:root\ncdrom:x:11:\ndialout:x:18:\nfloppy:x:19:\nvideo:x:28:\naudio:x:29:\ntape:x:32:\nwww-data:x:33:\n" +
        "operator:x:37:\nutmp:x:43:\nplugdev:x:46:\nstaff:x:50:\nlock:x:54:\nnetdev:x:82:\nusers:x:100:\nnogroup:x:65534:\n";

    private const string Shadow =
        "root::10933:0:99999:7:::\ndaemon:*:10933:0:99999:7:::\nbin:*:10933:0:99999:7:::\nsys:*:10933:0:99999:7:::\n" +
        "sync:*:10933:0:99999:7:::\nmail:*:10933:0:99999:7:::\nwww-data:*:10933:0:99999:7:::\noperator:*:10933:0:99999:7:::\n" +
        "nobody:*:10933:0:99999:7:::\n";
}
