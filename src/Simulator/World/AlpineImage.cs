using System.Security.Cryptography;
using System.Text;
using Simulator.FileSystem;
using Simulator.Images;

namespace Simulator.World;

/// <summary>
/// <c>alpine:3.20</c> (3.20.3, x86_64): the minirootfs as one layer (<c>ADD alpine-minirootfs-3.20.3-x86_64.tar.gz /</c>),
/// busybox applets as absolute symlinks to <c>/bin/busybox</c>, musl, apk-tools with its database, and the files
/// of alpine-baselayout. Program files are <c>#!simulator NAME</c> padded to the real binaries' sizes; the layer is
/// padded to 7.8 MB, the size <c>docker images</c> shows for <c>alpine:3.20</c>.
/// </summary>
internal static class AlpineImage
{
    public const string Version = "3.20.3";

    /// <summary><c>docker images</c> size of <c>alpine:3.20.3</c> (classic store): 7.8 MB.</summary>
    public const long TargetSize = 7_800_000;

    public static readonly DateTimeOffset Created = new(2024, 9, 6, 22, 20, 7, TimeSpan.Zero);

    public const string Path = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    public static Layer BaseLayer()
    {
        var fs = new RootFsBuilder("alpine-" + Version, Created);
        fs.Dirs("/dev", "/proc", "/sys", "/home", "/mnt", "/media", "/opt", "/srv", "/run", "/etc", "/lib", "/sbin", "/bin");
        fs.Dirs("/usr", "/usr/bin", "/usr/sbin", "/usr/lib", "/usr/local", "/usr/local/bin", "/usr/local/sbin", "/usr/local/lib",
            "/usr/local/share", "/usr/share", "/usr/share/man", "/usr/share/misc", "/var", "/var/cache", "/var/cache/apk",
            "/var/empty", "/var/lib", "/var/lib/misc", "/var/local", "/var/lock", "/var/log", "/var/opt", "/var/spool",
            "/var/spool/cron", "/var/mail", "/etc/apk", "/etc/apk/keys", "/etc/apk/protected_paths.d", "/etc/crontabs",
            "/etc/conf.d", "/etc/init.d", "/etc/modprobe.d", "/etc/modules-load.d", "/etc/network", "/etc/opt",
            "/etc/periodic", "/etc/profile.d", "/etc/ssl", "/etc/ssl/certs", "/etc/ssl/private", "/etc/sysctl.d",
            "/etc/udhcpc", "/lib/apk", "/lib/apk/db", "/lib/apk/exec", "/lib/firmware", "/lib/modules-load.d",
            "/lib/sysctl.d", "/usr/lib/engines-3", "/usr/lib/ossl-modules", "/usr/share/apk", "/usr/share/apk/keys");
        fs.Dir("/tmp", RootFsBuilder.Mode1777);
        fs.Dir("/var/tmp", RootFsBuilder.Mode1777);
        fs.Dir("/root", RootFsBuilder.Mode0700);
        fs.Symlink("/var/run", "../run");
        fs.Symlink("/etc/mtab", "../proc/mounts");
        fs.Symlink("/var/spool/mail", "../mail");

        // musl, musl-utils, busybox, apk-tools, zlib, libcrypto3, libssl3, scanelf, ssl_client.
        fs.Synthetic("/lib/ld-musl-x86_64.so.1", 662_528, RootFsBuilder.Mode0755);
        fs.Symlink("/lib/libc.musl-x86_64.so.1", "ld-musl-x86_64.so.1");
        fs.Program("/bin/busybox", "busybox", 808_712);
        foreach (var applet in BusyboxApplets.AlpinePaths())
        {
            fs.Symlink(applet, "/bin/busybox");
        }

        fs.Program("/sbin/apk", "apk", 67_968);
        fs.Text("/sbin/ldconfig", LdconfigScript, RootFsBuilder.Mode0755);
        fs.Synthetic("/lib/libapk.so.2.14.0", 251_384, RootFsBuilder.Mode0755);
        fs.Synthetic("/lib/libz.so.1.3.1", 100_352, RootFsBuilder.Mode0755);
        fs.Symlink("/lib/libz.so.1", "libz.so.1.3.1");
        fs.Synthetic("/lib/libcrypto.so.3", 4_442_296, RootFsBuilder.Mode0755);
        fs.Synthetic("/lib/libssl.so.3", 608_744, RootFsBuilder.Mode0755);
        fs.Symlink("/usr/lib/libcrypto.so.3", "../../lib/libcrypto.so.3");
        fs.Symlink("/usr/lib/libssl.so.3", "../../lib/libssl.so.3");
        fs.Synthetic("/usr/lib/engines-3/afalg.so", 14_184, RootFsBuilder.Mode0755);
        fs.Synthetic("/usr/lib/engines-3/capi.so", 14_184, RootFsBuilder.Mode0755);
        fs.Synthetic("/usr/lib/engines-3/loader_attic.so", 63_640, RootFsBuilder.Mode0755);
        fs.Synthetic("/usr/lib/engines-3/padlock.so", 14_184, RootFsBuilder.Mode0755);
        fs.Synthetic("/usr/lib/ossl-modules/legacy.so", 133_816, RootFsBuilder.Mode0755);
        fs.Program("/usr/bin/getconf", "getconf", 34_296);
        fs.Program("/usr/bin/getent", "getent", 48_136);
        fs.Program("/usr/bin/iconv", "iconv", 22_072);
        fs.Text("/usr/bin/ldd", "#!/bin/sh\nexec /lib/ld-musl-x86_64.so.1 --list \"$@\"\n", RootFsBuilder.Mode0755);
        fs.Program("/usr/bin/scanelf", "scanelf", 79_792);
        fs.Program("/usr/bin/ssl_client", "ssl_client", 14_256);
        fs.Synthetic("/etc/ssl/certs/ca-certificates.crt", 219_342);
        fs.Symlink("/etc/ssl/cert.pem", "certs/ca-certificates.crt");
        fs.Synthetic("/etc/ssl/openssl.cnf", 12_324);
        fs.Synthetic("/etc/ssl/openssl.cnf.dist", 12_324);
        fs.Synthetic("/etc/ssl/ct_log_list.cnf", 412);
        fs.Synthetic("/etc/ssl/ct_log_list.cnf.dist", 412);

        // alpine-baselayout(-data), alpine-release.
        fs.Text("/etc/alpine-release", Version + "\n");
        fs.Text("/usr/lib/os-release", OsRelease);
        fs.Symlink("/etc/os-release", "../usr/lib/os-release");
        fs.Text("/etc/issue", "Welcome to Alpine Linux 3.20\nKernel \\r on an \\m (\\l)\n\n");
        fs.Text("/etc/passwd", Passwd);
        fs.Text("/etc/group", Group);
        fs.Text("/etc/shadow", Shadow, RootFsBuilder.Mode0640, gid: 42);
        fs.Text("/etc/hostname", "localhost\n");
        fs.Text("/etc/hosts", "127.0.0.1\tlocalhost localhost.localdomain\n::1\t\tlocalhost localhost.localdomain\n");
        fs.Text("/etc/profile", Profile);
        fs.Text("/etc/profile.d/color_prompt.sh.disabled", "# Setup a red prompt for root and a green one for users.\n");
        fs.Text("/etc/profile.d/locale.sh", "export CHARSET=${CHARSET:-UTF-8}\nexport LANG=${LANG:-C.UTF-8}\nexport LC_COLLATE=${LC_COLLATE:-C}\n");
        fs.Text("/etc/shells", "# valid login shells\n/bin/sh\n/bin/ash\n");
        fs.Text("/etc/fstab", "/dev/cdrom\t/media/cdrom\tiso9660\tnoauto,ro 0 0\n/dev/usbdisk\t/media/usb\tvfat\tnoauto,ro 0 0\n");
        fs.Text("/etc/inittab", "# /etc/inittab\n\n::sysinit:/sbin/openrc sysinit\n::sysinit:/sbin/openrc boot\n::wait:/sbin/openrc default\n");
        fs.Text("/etc/motd", "Welcome to Alpine!\n\nThe Alpine Wiki contains a large amount of how-to guides and general\ninformation about administrating Alpine systems.\nSee <https://wiki.alpinelinux.org/>.\n\nYou can setup the system with the command: setup-alpine\n\nYou may change this message by editing /etc/motd.\n\n");
        fs.Text("/etc/nsswitch.conf", "# musl itself does not support NSS, however some third-party DNS\n# implementations use the nsswitch.conf file to determine what\n# policy to follow.\n\nhosts: files dns\n");
        fs.Text("/etc/protocols", "ip\t0\tIP\nicmp\t1\tICMP\ntcp\t6\tTCP\nudp\t17\tUDP\nipv6\t41\tIPv6\n");
        fs.Text("/etc/services", "ftp\t\t21/tcp\nssh\t\t22/tcp\ntelnet\t\t23/tcp\nsmtp\t\t25/tcp\ndomain\t\t53/udp\nhttp\t\t80/tcp\nhttps\t\t443/tcp\n");
        fs.Text("/etc/securetty", "console\ntty1\ntty2\ntty3\ntty4\ntty5\ntty6\n");
        fs.Text("/etc/sysctl.conf", "");
        fs.Text("/etc/modules", "af_packet\nipv6\n");
        fs.Text("/etc/crontabs/root", CrontabRoot, RootFsBuilder.Mode0640);
        fs.Text("/etc/udhcpc/udhcpc.conf", "# udhcpc configuration\n");
        fs.Text("/etc/busybox-paths.d/busybox", string.Join("\n", BusyboxApplets.AlpinePaths().Select(p => p[1..]).Order(StringComparer.Ordinal)) + "\n");
        fs.Text("/etc/secfixes.d/alpine", "");
        fs.Text("/usr/share/misc/udhcpc/default.script", "#!/bin/sh\n");

        // apk: repositories, world, keys, and the installed database.
        fs.Text("/etc/apk/arch", "x86_64\n");
        fs.Text("/etc/apk/repositories", "https://dl-cdn.alpinelinux.org/alpine/v3.20/main\nhttps://dl-cdn.alpinelinux.org/alpine/v3.20/community\n");
        fs.Text("/etc/apk/world", "alpine-baselayout\nalpine-keys\napk-tools\nbusybox\nca-certificates-bundle\nlibc-utils\n");
        fs.Text("/etc/apk/protected_paths.d/ca-certificates.list", "-etc/ssl/certs/ca-cert-*.pem\n-etc/ssl/certs/[a-f0-9]*.[0-9]*\n");
        foreach (var key in Keys)
        {
            fs.Synthetic("/usr/share/apk/keys/x86_64/" + key, 451);
            fs.Synthetic("/etc/apk/keys/" + key, 451);
        }

        fs.Text("/lib/apk/db/lock", "", RootFsBuilder.Mode0600);
        fs.Synthetic("/lib/apk/db/scripts.tar", 10_240);
        fs.Text("/lib/apk/db/triggers", "Q1QSlBb5RJ7vD4nS6VbOZmL0hMdbw= /usr/share/ca-certificates /etc/ssl/certs\n");
        fs.Text("/lib/apk/db/installed", InstalledDatabase(fs));

        return Pad(fs).Build();
    }

    public static Image Build(Layer baseLayer) =>
        ImageBuilder.FromScratch()
            .WithLayer(baseLayer, $"ADD alpine-minirootfs-{Version}-x86_64.tar.gz / # buildkit")
            .WithCmd("/bin/sh")
            .WithConfig(c => c with { Env = ["PATH=" + Path] })
            .WithCreated(Created)
            .Build();

    // The gap to the real size is the parts of the minirootfs this model leaves out (terminfo, man pages, more keys):
    // it is carried by libcrypto, the biggest file, so every path a user looks at keeps its own size.
    private static RootFsBuilder Pad(RootFsBuilder fs)
    {
        long missing = TargetSize - fs.Size;
        if (missing > 0)
        {
            fs.Synthetic("/lib/libcrypto.so.3", 4_442_296 + missing, RootFsBuilder.Mode0755);
        }

        return fs;
    }

    private static readonly string[] Keys =
    [
        "alpine-devel@lists.alpinelinux.org-4a6a0840.rsa.pub",
        "alpine-devel@lists.alpinelinux.org-5243ef4b.rsa.pub",
        "alpine-devel@lists.alpinelinux.org-5261cecb.rsa.pub",
        "alpine-devel@lists.alpinelinux.org-6165ee59.rsa.pub",
        "alpine-devel@lists.alpinelinux.org-61666e3f.rsa.pub",
    ];

    private sealed record Package(string Name, string Version, string Description, string Url, string License, long InstalledSize, string[] Files);

    private static readonly Package[] Packages =
    [
        new("musl", "1.2.5-r0", "the musl c library (libc) implementation", "https://musl.libc.org/", "MIT", 662_528,
            ["lib/ld-musl-x86_64.so.1", "lib/libc.musl-x86_64.so.1"]),
        new("busybox", "1.36.1-r29", "Size optimized toolbox of many common UNIX utilities", "https://busybox.net/", "GPL-2.0-only", 948_224,
            ["bin/busybox", "etc/busybox-paths.d/busybox", "etc/securetty", "etc/udhcpc/udhcpc.conf", "usr/share/misc/udhcpc/default.script"]),
        new("busybox-binsh", "1.36.1-r29", "busybox ash /bin/sh", "https://busybox.net/", "GPL-2.0-only", 1, ["bin/sh"]),
        new("alpine-baselayout-data", "3.6.5-r0", "Alpine base dir structure and init scripts", "https://git.alpinelinux.org/cgit/aports/tree/main/alpine-baselayout", "GPL-2.0-only", 18_432,
            ["etc/fstab", "etc/group", "etc/hostname", "etc/hosts", "etc/inittab", "etc/modules", "etc/mtab", "etc/nsswitch.conf", "etc/passwd", "etc/profile", "etc/protocols", "etc/services", "etc/shadow", "etc/shells", "etc/sysctl.conf"]),
        new("alpine-baselayout", "3.6.5-r0", "Alpine base dir structure and init scripts", "https://git.alpinelinux.org/cgit/aports/tree/main/alpine-baselayout", "GPL-2.0-only", 323_584,
            ["etc/motd", "etc/crontabs/root", "etc/profile.d/color_prompt.sh.disabled", "etc/profile.d/locale.sh", "var/run"]),
        new("alpine-keys", "2.4-r1", "Public keys for Alpine Linux packages", "https://alpinelinux.org", "MIT", 159_744,
            Keys.Select(k => "etc/apk/keys/" + k).ToArray()),
        new("alpine-release", "3.20.3-r0", "Alpine release data", "https://alpinelinux.org", "MIT", 24_576,
            ["etc/alpine-release", "etc/issue", "etc/os-release", "etc/secfixes.d/alpine", "usr/lib/os-release"]),
        new("ca-certificates-bundle", "20240705-r0", "Pre generated bundle of Mozilla certificates", "https://www.mozilla.org/en-US/about/governance/policies/security-group/certs/", "MPL-2.0 AND MIT", 233_472,
            ["etc/ssl/cert.pem", "etc/ssl/certs/ca-certificates.crt"]),
        new("libcrypto3", "3.3.2-r0", "Crypto library from openssl", "https://www.openssl.org/", "Apache-2.0", 4_714_496,
            ["lib/libcrypto.so.3", "usr/lib/libcrypto.so.3", "usr/lib/engines-3/afalg.so", "usr/lib/engines-3/capi.so", "usr/lib/engines-3/loader_attic.so", "usr/lib/engines-3/padlock.so", "usr/lib/ossl-modules/legacy.so"]),
        new("libssl3", "3.3.2-r0", "SSL shared libraries", "https://www.openssl.org/", "Apache-2.0", 630_784,
            ["lib/libssl.so.3", "usr/lib/libssl.so.3"]),
        new("zlib", "1.3.1-r1", "A compression/decompression Library", "https://zlib.net/", "Zlib", 102_400,
            ["lib/libz.so.1", "lib/libz.so.1.3.1"]),
        new("apk-tools", "2.14.4-r1", "Alpine Package Keeper - package manager for alpine", "https://gitlab.alpinelinux.org/alpine/apk-tools", "GPL-2.0-only", 323_584,
            ["etc/apk/arch", "lib/libapk.so.2.14.0", "sbin/apk"]),
        new("scanelf", "1.3.7-r2", "Scan ELF binaries for stuff", "https://wiki.gentoo.org/wiki/Hardened/PaX_Utilities", "GPL-2.0-only", 81_920,
            ["usr/bin/scanelf"]),
        new("musl-utils", "1.2.5-r0", "the musl c library (libc) implementation", "https://musl.libc.org/", "MIT AND BSD-2-Clause AND GPL-2.0-or-later", 135_168,
            ["sbin/ldconfig", "usr/bin/getconf", "usr/bin/getent", "usr/bin/iconv", "usr/bin/ldd"]),
        new("libc-utils", "0.7.2-r5", "Meta package to pull in correct libc", "https://alpinelinux.org", "BSD-2-Clause AND BSD-3-Clause", 4_096, []),
        new("ssl_client", "1.36.1-r29", "EXternal ssl_client for busybox wget", "https://busybox.net/", "GPL-2.0-only", 14_336,
            ["usr/bin/ssl_client"]),
    ];

    /// <summary>
    /// <c>/lib/apk/db/installed</c> in apk-tools 2's format (one stanza per package, <c>F:</c> folders and <c>R:</c> files
    /// with <c>a:</c> owner/mode and <c>Z:</c> checksums). Checksums are deterministic stand-ins (<c>Q1</c> + base64 of a
    /// SHA-1 over the package and path), not the real files' digests.
    /// </summary>
    private static string InstalledDatabase(RootFsBuilder fs)
    {
        var text = new StringBuilder();
        foreach (var p in Packages)
        {
            text.Append("C:").Append(Checksum("pkg:" + p.Name + "-" + p.Version)).Append('\n');
            text.Append("P:").Append(p.Name).Append('\n');
            text.Append("V:").Append(p.Version).Append('\n');
            text.Append("A:x86_64\n");
            text.Append("S:").Append(p.InstalledSize / 2).Append('\n');
            text.Append("I:").Append(p.InstalledSize).Append('\n');
            text.Append("T:").Append(p.Description).Append('\n');
            text.Append("U:").Append(p.Url).Append('\n');
            text.Append("L:").Append(p.License).Append('\n');
            text.Append("o:").Append(p.Name.StartsWith("busybox", StringComparison.Ordinal) || p.Name == "ssl_client" ? "busybox" : p.Name.StartsWith("alpine-baselayout", StringComparison.Ordinal) ? "alpine-baselayout" : p.Name).Append('\n');
            text.Append("m:Natanael Copa <ncopa@alpinelinux.org>\n");
            text.Append("t:1725617000\n");
            text.Append("c:").Append(Convert.ToHexStringLower(SHA1.HashData(Encoding.UTF8.GetBytes(p.Name + p.Version)))).Append('\n');
            if (p.Name == "busybox")
            {
                text.Append("D:so:libc.musl-x86_64.so.1\n");
                text.Append("p:cmd:busybox=1.36.1-r29\n");
            }
            else if (p.Name == "apk-tools")
            {
                text.Append("D:musl>=1.2.3_git20230424 ca-certificates-bundle so:libc.musl-x86_64.so.1 so:libcrypto.so.3 so:libssl.so.3 so:libz.so.1\n");
                text.Append("p:so:libapk.so.2.14.0=2.14.0 cmd:apk=2.14.4-r1\n");
            }
            else if (p.Name == "musl")
            {
                text.Append("p:so:libc.musl-x86_64.so.1=1\n");
            }

            string? folder = null;
            foreach (var file in p.Files.Order(StringComparer.Ordinal))
            {
                int slash = file.LastIndexOf('/');
                var dir = slash < 0 ? "" : file[..slash];
                if (dir != folder)
                {
                    text.Append("F:").Append(dir).Append('\n');
                    folder = dir;
                }

                text.Append("R:").Append(file[(slash + 1)..]).Append('\n');
                if (file is "etc/shadow")
                {
                    text.Append("a:0:42:640\n");
                }
                else if (file.StartsWith("bin/", StringComparison.Ordinal) || file.StartsWith("sbin/", StringComparison.Ordinal) || file.StartsWith("usr/bin/", StringComparison.Ordinal) || file.EndsWith(".so", StringComparison.Ordinal))
                {
                    text.Append("a:0:0:755\n");
                }

                text.Append("Z:").Append(Checksum(p.Name + "/" + file)).Append('\n');
            }

            text.Append('\n');
        }

        return text.ToString();
    }

    private static string Checksum(string text) => "Q1" + Convert.ToBase64String(SHA1.HashData(Encoding.UTF8.GetBytes(text)));

    public const string OsRelease =
        "NAME=\"Alpine Linux\"\nID=alpine\nVERSION_ID=3.20.3\nPRETTY_NAME=\"Alpine Linux v3.20\"\n" +
        "HOME_URL=\"https://alpinelinux.org/\"\nBUG_REPORT_URL=\"https://gitlab.alpinelinux.org/alpine/aports/-/issues\"\n";

    public const string Passwd =
        "root:x:0:0:root:/root:/bin/sh\n" +
        "bin:x:1:1:bin:/bin:/sbin/nologin\n" +
        "daemon:x:2:2:daemon:/sbin:/sbin/nologin\n" +
        "lp:x:4:7:lp:/var/spool/lpd:/sbin/nologin\n" +
        "sync:x:5:0:sync:/sbin:/bin/sync\n" +
        "shutdown:x:6:0:shutdown:/sbin:/sbin/shutdown\n" +
        "halt:x:7:0:halt:/sbin:/sbin/halt\n" +
        "mail:x:8:12:mail:/var/mail:/sbin/nologin\n" +
        "news:x:9:13:news:/usr/lib/news:/sbin/nologin\n" +
        "uucp:x:10:14:uucp:/var/spool/uucppublic:/sbin/nologin\n" +
        "cron:x:16:16:cron:/var/spool/cron:/sbin/nologin\n" +
        "ftp:x:21:21::/var/lib/ftp:/sbin/nologin\n" +
        "sshd:x:22:22:sshd:/dev/null:/sbin/nologin\n" +
        "games:x:35:35:games:/usr/games:/sbin/nologin\n" +
        "ntp:x:123:123:NTP:/var/empty:/sbin/nologin\n" +
        "guest:x:405:100:guest:/dev/null:/sbin/nologin\n" +
        "nobody:x:65534:65534:nobody:/:/sbin/nologin\n";

    public const string Group =
        "root:x:0:root\nbin:x:1:root,bin,daemon\ndaemon:x:2:root,bin,daemon\nsys:x:3:root,bin\nadm:x:4:root,daemon\n" +
        "tty:x:5:\ndisk:x:6:root\nlp:x:7:lp\nkmem:x:9:\nwheel:x:10:root\nfloppy:x:11:root\nmail:x:12:mail\nnews:x:13:news\n" +
        "uucp:x:14:uucp\ncron:x:16:cron\naudio:x:18:\ncdrom:x:19:\ndialout:x:20:root\nftp:x:21:\nsshd:x:22:\ninput:x:23:\n" +
        "tape:x:26:root\nvideo:x:27:root\nnetdev:x:28:\nkvm:x:34:kvm\ngames:x:35:\nshadow:x:42:\nwww-data:x:82:\n" +
        "users:x:100:games\nntp:x:123:\nabuild:x:300:\nutmp:x:406:\nping:x:999:\nnogroup:x:65533:\nnobody:x:65534:\n";

    private const string Shadow =
        "root:*::0:::::\nbin:!::0:::::\ndaemon:!::0:::::\nlp:!::0:::::\nsync:!::0:::::\nshutdown:!::0:::::\nhalt:!::0:::::\n" +
        "mail:!::0:::::\nnews:!::0:::::\nuucp:!::0:::::\ncron:!::0:::::\nftp:!::0:::::\nsshd:!::0:::::\ngames:!::0:::::\n" +
        "ntp:!::0:::::\nguest:!::0:::::\nnobody:!::0:::::\n";

    private const string Profile =
        "# append_path: add a directory to PATH unless it is there\nappend_path () {\n\tcase \":$PATH:\" in\n\t\t*:\"$1\":*)\n\t\t\t;;\n\t\t*)\n\t\t\tPATH=\"${PATH:+$PATH:}$1\"\n\tesac\n}\n\n" +
        "# Set the default PATH\nexport PATH=\"/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin\"\n\nexport PAGER=less\numask 022\n\n" +
        "# use nicer PS1 for bash and busybox ash\nif [ -n \"$BASH_VERSION\" -o \"$BB_ASH_VERSION\" ]; then\n\tPS1='\\h:\\w\\$ '\nelse\n\tPS1='$ '\nfi\n\n" +
        "for script in /etc/profile.d/*.sh ; do\n\tif [ -r \"$script\" ] ; then\n\t\t. \"$script\"\n\tfi\ndone\nunset script\n";

    private const string CrontabRoot =
        "# do daily/weekly/monthly maintenance\n# min\thour\tday\tmonth\tweekday\tcommand\n" +
        "*/15\t*\t*\t*\t*\trun-parts /etc/periodic/15min\n0\t*\t*\t*\t*\trun-parts /etc/periodic/hourly\n" +
        "0\t2\t*\t*\t*\trun-parts /etc/periodic/daily\n0\t3\t*\t*\t6\trun-parts /etc/periodic/weekly\n" +
        "0\t5\t1\t*\t*\trun-parts /etc/periodic/monthly\n";

    private const string LdconfigScript = "#!/bin/sh\nscanelf -qS \"$@\" | while read SONAME FILE; do\n\tln -fs \"${FILE##*/}\" \"${FILE%/*}/$SONAME\"\ndone\n";
}
