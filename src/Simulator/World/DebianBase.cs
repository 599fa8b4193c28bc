using Simulator.FileSystem;

namespace Simulator.World;

/// <summary>
/// The <c>debian:bookworm-slim</c> layer (12.8) that <c>nginx</c> and <c>postgres</c> share, as the real images do:
/// merged <c>/usr</c>, dash as <c>/bin/sh</c>, bash, coreutils and friends, sized to 74.8 MB (the size
/// <c>docker images</c> shows for <c>debian:bookworm-slim</c>).
/// </summary>
/// <remarks>
/// The simulated userland has no Debian tools: dash is <c>#!simulator sh</c>, and coreutils, grep, sed, findutils and the
/// other utilities are <c>#!simulator busybox</c> files, which run the applet named by <c>argv[0]</c> as busybox does.
/// The gap to the real size (locales, perl-base, docs) is carried by <c>/usr/lib/x86_64-linux-gnu/libdb-5.3.so</c>.
/// </remarks>
internal static class DebianBase
{
    /// <summary><c>docker images</c> size of <c>debian:bookworm-slim</c>: 74.8 MB.</summary>
    public const long TargetSize = 74_800_000;

    public static readonly DateTimeOffset Created = new(2024, 11, 11, 0, 0, 0, TimeSpan.Zero);

    public const string Path = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    private static readonly string[] Utilities =
    [
        "[", "basename", "cat", "chgrp", "chmod", "chown", "cp", "cut", "date", "dd", "df", "dirname", "du", "echo", "env",
        "expr", "false", "find", "grep", "gzip", "head", "hostname", "id", "ln", "ls", "md5sum", "mkdir", "mknod", "mktemp",
        "mv", "nproc", "printf", "pwd", "readlink", "realpath", "rm", "rmdir", "sed", "seq", "sha256sum", "sleep", "sort",
        "stat", "tail", "tar", "tee", "test", "timeout", "touch", "tr", "true", "uname", "uniq", "wc", "which", "whoami",
        "xargs", "yes",
    ];

    public static Layer Layer()
    {
        var fs = new RootFsBuilder("debian-bookworm-slim", Created);
        fs.Dirs("/boot", "/dev", "/etc", "/home", "/media", "/mnt", "/opt", "/proc", "/run", "/srv", "/sys", "/usr",
            "/usr/bin", "/usr/games", "/usr/include", "/usr/lib", "/usr/lib64", "/usr/libexec", "/usr/local", "/usr/local/bin",
            "/usr/local/sbin", "/usr/local/share", "/usr/sbin", "/usr/share", "/var", "/var/backups", "/var/cache",
            "/var/lib", "/var/local", "/var/log", "/var/mail", "/var/opt", "/var/spool", "/etc/apt", "/etc/apt/sources.list.d");
        fs.Dir("/tmp", RootFsBuilder.Mode1777);
        fs.Dir("/root", RootFsBuilder.Mode0700);
        fs.Symlink("/bin", "usr/bin");
        fs.Symlink("/lib", "usr/lib");
        fs.Symlink("/lib64", "usr/lib64");
        fs.Symlink("/sbin", "usr/sbin");
        fs.Symlink("/var/run", "/run");
        fs.Symlink("/var/lock", "/run/lock");
        fs.Program("/usr/bin/dash", "sh", 125_560);
        fs.Symlink("/usr/bin/sh", "dash");
        fs.Program("/usr/bin/bash", "bash", 1_265_648);
        foreach (var name in Utilities)
        {
            fs.Program("/usr/bin/" + name, "busybox", 48_000 + (name.Length * 7_919));
        }

        fs.Program("/usr/bin/apt", "apt", 18_824);
        fs.Program("/usr/bin/apt-get", "apt-get", 47_496);
        fs.Program("/usr/bin/dpkg", "dpkg", 317_016);
        fs.Program("/usr/bin/perl", "perl", 3_894_896);
        fs.Synthetic("/usr/lib64/ld-linux-x86-64.so.2", 210_968, RootFsBuilder.Mode0755);
        fs.Synthetic("/usr/lib/x86_64-linux-gnu/libc.so.6", 1_922_136, RootFsBuilder.Mode0755);
        fs.Synthetic("/usr/lib/x86_64-linux-gnu/libsystemd.so.0.35.0", 915_632);
        fs.Synthetic("/usr/lib/x86_64-linux-gnu/libgnutls.so.30.34.3", 2_110_832);
        fs.Synthetic("/usr/lib/x86_64-linux-gnu/libstdc++.so.6.0.30", 2_260_296);
        fs.Text("/usr/lib/os-release", OsRelease);
        fs.Symlink("/etc/os-release", "../usr/lib/os-release");
        fs.Text("/etc/debian_version", "12.8\n");
        fs.Text("/etc/hostname", "");
        fs.Text("/etc/issue", "Debian GNU/Linux 12 \\n \\l\n\n");
        fs.Text("/etc/passwd", Passwd());
        fs.Text("/etc/group", Group());
        fs.Text("/etc/shadow", "root:*:20038:0:99999:7:::\n", RootFsBuilder.Mode0640, gid: 42);
        fs.Text("/etc/shells", "# /etc/shells: valid login shells\n/bin/sh\n/usr/bin/sh\n/bin/bash\n/usr/bin/bash\n");
        fs.Text("/etc/apt/sources.list.d/debian.sources",
            "Types: deb\nURIs: http://deb.debian.org/debian\nSuites: bookworm bookworm-updates\nComponents: main\nSigned-By: /usr/share/keyrings/debian-archive-keyring.gpg\n\n" +
            "Types: deb\nURIs: http://deb.debian.org/debian-security\nSuites: bookworm-security\nComponents: main\nSigned-By: /usr/share/keyrings/debian-archive-keyring.gpg\n");
        fs.PadTo("/usr/lib/x86_64-linux-gnu/libdb-5.3.so", TargetSize, RootFsBuilder.Mode0755);
        return fs.Build();
    }

    public const string OsRelease =
        "PRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\nNAME=\"Debian GNU/Linux\"\nVERSION_ID=\"12\"\nVERSION=\"12 (bookworm)\"\n" +
        "VERSION_CODENAME=bookworm\nID=debian\nHOME_URL=\"https://www.debian.org/\"\nSUPPORT_URL=\"https://www.debian.org/support\"\n" +
        "BUG_REPORT_URL=\"https://bugs.debian.org/\"\n";

    /// <summary>Debian's <c>/etc/passwd</c> with extra lines (a package's system user) appended.</summary>
    public static string Passwd(params string[] extra) =>
        "root:x:0:0:root:/root:/bin/bash\n" +
        "daemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\n" +
        "bin:x:2:2:bin:/bin:/usr/sbin/nologin\n" +
        "sys:x:3:3:sys:/dev:/usr/sbin/nologin\n" +
        "sync:x:4:65534:sync:/bin:/bin/sync\n" +
        "games:x:5:60:games:/usr/games:/usr/sbin/nologin\n" +
        "man:x:6:12:man:/var/cache/man:/usr/sbin/nologin\n" +
        "lp:x:7:7:lp:/var/spool/lpd:/usr/sbin/nologin\n" +
        "mail:x:8:8:mail:/var/mail:/usr/sbin/nologin\n" +
        "news:x:9:9:news:/var/spool/news:/usr/sbin/nologin\n" +
        "uucp:x:10:10:uucp:/var/spool/uucp:/usr/sbin/nologin\n" +
        "proxy:x:13:13:proxy:/bin:/usr/sbin/nologin\n" +
        "www-data:x:33:33:www-data:/var/www:/usr/sbin/nologin\n" +
        "backup:x:34:34:backup:/var/backups:/usr/sbin/nologin\n" +
        "list:x:38:38:Mailing List Manager:/var/list:/usr/sbin/nologin\n" +
        "irc:x:39:39:ircd:/run/ircd:/usr/sbin/nologin\n" +
        "_apt:x:42:65534::/nonexistent:/usr/sbin/nologin\n" +
        "nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin\n" +
        string.Concat(extra.Select(l => l + "\n"));

    /// <summary>Debian's <c>/etc/group</c> with extra lines appended.</summary>
    public static string Group(params string[] extra) =>
        "root:x:0:\ndaemon:x:1:\nbin:x:2:\nsys:x:3:\nadm:x:4:\ntty:x:5:\ndisk:x:6:\nlp:x:7:\nmail:x:8:\nnews:x:9:\nuucp:x:10:\n" +
        "man:x:12:\nproxy:x:13:\nkmem:x:15:\ndialout:x:20:\nfax:x:21:\nvoice:x:22:\ncdrom:x:24:\nfloppy:x:25:\ntape:x:26:\n" +
        "sudo:x:27:\naudio:x:29:\ndip:x:30:\nwww-data:x:33:\nbackup:x:34:\noperator:x:37:\nlist:x:38:\nirc:x:39:\nsrc:x:40:\n" +
        "shadow:x:42:\nutmp:x:43:\nvideo:x:44:\nsasl:x:45:\nplugdev:x:46:\nstaff:x:50:\ngames:x:60:\nusers:x:100:\nnogroup:x:65534:\n" +
        string.Concat(extra.Select(l => l + "\n"));
}
