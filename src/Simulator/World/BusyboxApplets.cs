namespace Simulator.World;

/// <summary>
/// Where busybox installs its applets in Alpine 3.20 (busybox 1.36.1, <c>busybox --list-full</c> of the
/// <c>alpine:3.20</c> image), by directory; the busybox image puts the same names in <c>/bin</c>.
/// </summary>
internal static class BusyboxApplets
{
    public static readonly string[] Bin =
    [
        "arch", "ash", "base64", "bbconfig", "cat", "chattr", "chgrp", "chmod", "chown", "cp", "date", "dd", "df", "dmesg",
        "dnsdomainname", "dumpkmap", "echo", "egrep", "false", "fatattr", "fdflush", "fgrep", "fsync", "getopt", "grep",
        "gunzip", "gzip", "hostname", "ionice", "iostat", "ipcalc", "kbd_mode", "kill", "link", "linux32", "linux64", "ln",
        "login", "ls", "lsattr", "lzop", "makemime", "mkdir", "mknod", "mktemp", "more", "mount", "mountpoint", "mpstat",
        "mv", "netstat", "nice", "pidof", "ping", "ping6", "pipe_progress", "printenv", "ps", "pwd", "reformime", "rev",
        "rm", "rmdir", "run-parts", "sed", "setpriv", "setserial", "sh", "sleep", "stat", "stty", "su", "sync", "tar",
        "touch", "true", "umount", "uname", "usleep", "watch", "zcat",
    ];

    public static readonly string[] Sbin =
    [
        "acpid", "adjtimex", "arp", "blkid", "blockdev", "depmod", "fbsplash", "fdisk", "findfs", "fsck", "fstrim", "getty",
        "halt", "hwclock", "ifconfig", "ifdown", "ifenslave", "ifup", "init", "inotifyd", "insmod", "ip", "ipaddr", "iplink",
        "ipneigh", "iproute", "iprule", "iptunnel", "klogd", "loadkmap", "logread", "losetup", "lsmod", "mdev", "mkdosfs",
        "mkfs.vfat", "mkswap", "modinfo", "modprobe", "nameif", "nologin", "pivot_root", "poweroff", "raidautorun", "reboot",
        "rmmod", "route", "setconsole", "slattach", "swapoff", "swapon", "switch_root", "sysctl", "syslogd", "tunctl",
        "udhcpc", "vconfig", "watchdog",
    ];

    public static readonly string[] UsrBin =
    [
        "[", "[[", "awk", "basename", "bc", "beep", "blkdiscard", "bunzip2", "bzcat", "bzip2", "cal", "chvt", "cksum", "clear",
        "cmp", "comm", "cpio", "crontab", "cryptpw", "cut", "dc", "deallocvt", "diff", "dirname", "dos2unix", "du", "eject",
        "env", "expand", "expr", "factor", "fallocate", "find", "flock", "fold", "free", "fuser", "groups", "hd", "head",
        "hexdump", "hostid", "id", "install", "ipcrm", "ipcs", "killall", "last", "less", "logger", "lsof", "lsusb",
        "lzcat", "lzma", "lzopcat", "md5sum", "mesg", "microcom", "mkfifo", "mkpasswd", "nc", "nl", "nmeter", "nohup",
        "nproc", "nsenter", "nslookup", "od", "openvt", "passwd", "paste", "pgrep", "pkill", "pmap", "printf", "pscan",
        "pstree", "pwdx", "readlink", "realpath", "renice", "reset", "resize", "seq", "setkeycodes", "setsid", "sha1sum",
        "sha256sum", "sha3sum", "sha512sum", "showkey", "shred", "shuf", "sort", "split", "strings", "sum", "tac", "tail",
        "tee", "test", "time", "timeout", "top", "tr", "traceroute", "traceroute6", "tree", "truncate", "tty", "ttysize",
        "udhcpc6", "unexpand", "uniq", "unix2dos", "unlink", "unlzma", "unlzop", "unshare", "unxz", "unzip", "uptime",
        "uudecode", "uuencode", "vi", "vlock", "volname", "wc", "wget", "which", "whoami", "whois", "xargs", "xxd", "xzcat",
        "yes",
    ];

    public static readonly string[] UsrSbin =
    [
        "addgroup", "adduser", "arping", "brctl", "chpasswd", "chroot", "crond", "delgroup", "deluser", "ether-wake", "fbset",
        "killall5", "loadfont", "nanddump", "nandwrite", "nbd-client", "ntpd", "partprobe", "rdate", "rdev", "readahead",
        "remove-shell", "setfont", "setlogcons",
    ];

    /// <summary>Every applet with its Alpine path.</summary>
    public static IEnumerable<string> AlpinePaths() =>
        Bin.Select(n => "/bin/" + n)
            .Concat(Sbin.Select(n => "/sbin/" + n))
            .Concat(UsrBin.Select(n => "/usr/bin/" + n))
            .Concat(UsrSbin.Select(n => "/usr/sbin/" + n));

    /// <summary>Every applet name, once, ordinal order (the busybox image's <c>/bin</c>).</summary>
    public static IEnumerable<string> All() =>
        Bin.Concat(Sbin).Concat(UsrBin).Concat(UsrSbin).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
}
