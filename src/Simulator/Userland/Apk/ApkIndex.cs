using static Simulator.Userland.Apk.ApkFile;

namespace Simulator.Userland.Apk;

/// <summary>
/// The Alpine v3.20 package index the simulated <c>apk</c> installs from: a small, static and deterministic subset of
/// <c>main</c> (x86_64, as of 3.20.3) with real names, versions, descriptions and dependency chains: openssh, nginx,
/// ca-certificates, curl, bash, git, python3, nodejs and what they pull in on a stock <c>alpine:3.20</c>. Files carry the
/// real paths and sizes; binaries are <c>#!simulator NAME</c> markers padded to size.
/// </summary>
internal static class ApkIndex
{
    public const string Arch = "x86_64";

    public const string MainRepository = "https://dl-cdn.alpinelinux.org/alpine/v3.20/main";

    public const string CommunityRepository = "https://dl-cdn.alpinelinux.org/alpine/v3.20/community";

    /// <summary><c>apk update</c>'s index descriptions, per repository.</summary>
    public static readonly (string Repository, string Description)[] Repositories =
    [
        (MainRepository, "v3.20.3-195-g7ebf4ca1a39"),
        (CommunityRepository, "v3.20.3-194-g9cec6e2d9d5"),
    ];

    /// <summary>The count <c>apk update</c> reports (both repositories).</summary>
    public const int DistinctPackages = 24_166;

    /// <summary>The busybox package of the stock image (its trigger runs when binaries change).</summary>
    public const string BusyboxVersion = "1.36.1-r29";

    private const string Ncurses = "6.4_p20240420-r2";
    private const string OpenSsh = "9.7_p1-r4";
    private const string Curl = "8.10.1-r0";
    private const string Gcc = "13.2.1_git20240309-r0";

    private const string NginxDefaultConf =
        "# This is a default site configuration which will simply return 404, preventing\n# chance access to any other virtualhost.\n\n" +
        "server {\n\tlisten 80 default_server;\n\tlisten [::]:80 default_server;\n\n\t# Everything is a 404\n\tlocation / {\n\t\treturn 404;\n\t}\n\n" +
        "\t# You may need this to prevent return 404 recursion.\n\tlocation = /404.html {\n\t\tinternal;\n\t}\n}\n";

    private const string NginxConf =
        "# /etc/nginx/nginx.conf\n\nuser nginx;\n\n# Set number of worker processes automatically based on number of CPU cores.\nworker_processes auto;\n\n" +
        "# Enables the use of JIT for regular expressions to speed-up their processing.\npcre_jit on;\n\n" +
        "# Configures default error logger.\nerror_log /var/log/nginx/error.log warn;\n\n" +
        "# Includes files with directives to load dynamic modules.\ninclude /etc/nginx/modules/*.conf;\n\n" +
        "events {\n\t# The maximum number of simultaneous connections that can be opened by\n\t# a worker process.\n\tworker_connections 1024;\n}\n\n" +
        "http {\n\t# Includes mapping of file name extensions to MIME types of responses\n\t# and defines the default type.\n\tinclude /etc/nginx/mime.types;\n\tdefault_type application/octet-stream;\n\n" +
        "\tserver_tokens off;\n\tclient_max_body_size 1m;\n\tsendfile on;\n\ttcp_nopush on;\n\n" +
        "\tlog_format main '$remote_addr - $remote_user [$time_local] \"$request\" '\n\t\t\t'$status $body_bytes_sent \"$http_referer\" '\n\t\t\t'\"$http_user_agent\" \"$http_x_forwarded_for\"';\n\n" +
        "\taccess_log /var/log/nginx/access.log main;\n\n\t# Includes virtual hosts configs.\n\tinclude /etc/nginx/http.d/*.conf;\n}\n";

    private const string SshdConfig =
        "#\t$OpenBSD: sshd_config,v 1.104 2021/07/02 05:11:21 dtucker Exp $\n\n# This is the sshd server system-wide configuration file.  See\n# sshd_config(5) for more information.\n\n" +
        "#Port 22\n#AddressFamily any\n#ListenAddress 0.0.0.0\n#ListenAddress ::\n\n#HostKey /etc/ssh/ssh_host_rsa_key\n#HostKey /etc/ssh/ssh_host_ecdsa_key\n#HostKey /etc/ssh/ssh_host_ed25519_key\n\n" +
        "#PermitRootLogin prohibit-password\n#PubkeyAuthentication yes\nAuthorizedKeysFile\t.ssh/authorized_keys\n#PasswordAuthentication yes\n#PermitEmptyPasswords no\n\n" +
        "# override default of no subsystems\nSubsystem\tsftp\tinternal-sftp\n\nInclude /etc/ssh/sshd_config.d/*.conf\n";

    public static readonly ApkPackage[] Packages =
    [
        new("ca-certificates", "20240705-r0", "Common CA certificates PEM files from Mozilla", "https://www.mozilla.org/en-US/about/governance/policies/security-group/certs/", "MPL-2.0 AND MIT", [],
            [Txt("etc/ca-certificates.conf", "mozilla/ACCVRAIZ1.crt\nmozilla/ISRG_Root_X1.crt\nmozilla/ISRG_Root_X2.crt\nmozilla/DigiCert_Global_Root_G2.crt\n"),
             Bin("usr/sbin/update-ca-certificates", "update-ca-certificates", 30_736),
             Data("usr/share/ca-certificates/mozilla/ACCVRAIZ1.crt", 2_772), Data("usr/share/ca-certificates/mozilla/DigiCert_Global_Root_G2.crt", 1_294),
             Data("usr/share/ca-certificates/mozilla/ISRG_Root_X1.crt", 1_939), Data("usr/share/ca-certificates/mozilla/ISRG_Root_X2.crt", 790)]),
        new("brotli-libs", "1.1.0-r2", "Generic lossless compressor (libraries)", "https://github.com/google/brotli", "MIT", [],
            [Lib("usr/lib/libbrotlicommon.so.1.1.0", 137_592), Symlink("usr/lib/libbrotlicommon.so.1", "libbrotlicommon.so.1.1.0"),
             Lib("usr/lib/libbrotlidec.so.1.1.0", 51_048), Symlink("usr/lib/libbrotlidec.so.1", "libbrotlidec.so.1.1.0"),
             Lib("usr/lib/libbrotlienc.so.1.1.0", 612_520), Symlink("usr/lib/libbrotlienc.so.1", "libbrotlienc.so.1.1.0")], Origin: "brotli"),
        new("c-ares", "1.33.1-r0", "Asynchronous DNS/names resolver library", "https://c-ares.org/", "MIT", [],
            [Lib("usr/lib/libcares.so.2.18.0", 166_872), Symlink("usr/lib/libcares.so.2", "libcares.so.2.18.0")]),
        new("libunistring", "1.2-r0", "Library for manipulating Unicode strings and C strings", "https://www.gnu.org/software/libunistring/", "GPL-2.0-or-later OR LGPL-3.0-or-later", [],
            [Lib("usr/lib/libunistring.so.5.1.0", 1_810_680), Symlink("usr/lib/libunistring.so.5", "libunistring.so.5.1.0")]),
        new("libidn2", "2.3.7-r0", "Encoding and decoding library for internationalized domain names", "https://www.gnu.org/software/libidn#libidn2", "GPL-2.0-or-later OR LGPL-3.0-or-later", ["libunistring"],
            [Lib("usr/lib/libidn2.so.0.4.0", 137_424), Symlink("usr/lib/libidn2.so.0", "libidn2.so.0.4.0")]),
        new("nghttp2-libs", "1.62.1-r0", "Experimental HTTP/2 client, server and proxy (libraries)", "https://nghttp2.org", "MIT", [],
            [Lib("usr/lib/libnghttp2.so.14.28.2", 166_936), Symlink("usr/lib/libnghttp2.so.14", "libnghttp2.so.14.28.2")], Origin: "nghttp2"),
        new("libpsl", "0.21.5-r1", "C library for the Publix Suffix List", "https://rockdaboot.github.io/libpsl", "MIT", ["libidn2", "libunistring"],
            [Lib("usr/lib/libpsl.so.5.3.5", 88_432), Symlink("usr/lib/libpsl.so.5", "libpsl.so.5.3.5")]),
        new("zstd-libs", "1.5.6-r0", "Zstandard - Fast real-time compression algorithm (libraries)", "https://www.zstd.net", "BSD-3-Clause OR GPL-2.0-or-later", [],
            [Lib("usr/lib/libzstd.so.1.5.6", 644_288), Symlink("usr/lib/libzstd.so.1", "libzstd.so.1.5.6")], Origin: "zstd"),
        new("libcurl", Curl, "The multiprotocol file transfer library", "https://curl.se/", "curl", ["brotli-libs", "c-ares", "libidn2", "nghttp2-libs", "libpsl", "zstd-libs", "zlib", "libssl3", "libcrypto3"],
            [Lib("usr/lib/libcurl.so.4.8.0", 711_016), Symlink("usr/lib/libcurl.so.4", "libcurl.so.4.8.0")], Origin: "curl"),
        new("curl", Curl, "URL retrival utility and library", "https://curl.se/", "curl", ["ca-certificates", "libcurl"],
            [Bin("usr/bin/curl", "curl", 247_600)]),
        new("ncurses-terminfo-base", Ncurses, "Descriptions of common terminals", "https://invisible-island.net/ncurses/", "X11", [],
            [Data("etc/terminfo/a/ansi", 1_481), Data("etc/terminfo/l/linux", 1_757), Data("etc/terminfo/v/vt100", 1_190), Data("etc/terminfo/v/vt220", 1_617),
             Data("etc/terminfo/x/xterm", 3_617), Data("etc/terminfo/x/xterm-256color", 3_713)], Origin: "ncurses"),
        new("libncursesw", Ncurses, "Console display library (libncursesw)", "https://invisible-island.net/ncurses/", "X11", ["ncurses-terminfo-base"],
            [Lib("usr/lib/libncursesw.so.6.4", 400_264), Symlink("usr/lib/libncursesw.so.6", "libncursesw.so.6.4")], Origin: "ncurses"),
        new("libpanelw", Ncurses, "Console display library (libpanelw)", "https://invisible-island.net/ncurses/", "X11", ["libncursesw"],
            [Lib("usr/lib/libpanelw.so.6.4", 14_304), Symlink("usr/lib/libpanelw.so.6", "libpanelw.so.6.4")], Origin: "ncurses"),
        new("readline", "8.2.10-r0", "GNU readline library", "https://tiswww.cwru.edu/php/chet/readline/rltop.html", "GPL-3.0-or-later", ["libncursesw"],
            [Txt("etc/inputrc", "# do not bell on tab-completion\nset bell-style none\n\nset meta-flag on\nset input-meta on\nset convert-meta off\nset output-meta on\n"),
             Lib("usr/lib/libreadline.so.8.2", 268_680), Symlink("usr/lib/libreadline.so.8", "libreadline.so.8.2")]),
        new("bash", "5.2.26-r0", "The GNU Bourne Again shell", "https://www.gnu.org/software/bash/bash.html", "GPL-3.0-or-later", ["readline"],
            [Bin("bin/bash", "bash", 1_166_328), Txt("etc/bash/bashrc", "# /etc/bash/bashrc\n\n# If not running interactively, don't do anything\n[[ $- != *i* ]] && return\n\nPS1='\\h:\\w\\$ '\nPS2='> '\n"),
             Lib("usr/lib/bash/libsh.so", 15_000)],
            Scripts: ["post-install", "pre-deinstall"]),
        new("pcre2", "10.43-r0", "Perl-compatible regular expression library", "https://pcre.org/", "BSD-3-Clause", [],
            [Lib("usr/lib/libpcre2-8.so.0.13.0", 612_648), Symlink("usr/lib/libpcre2-8.so.0", "libpcre2-8.so.0.13.0"),
             Lib("usr/lib/libpcre2-posix.so.3.0.5", 14_224), Symlink("usr/lib/libpcre2-posix.so.3", "libpcre2-posix.so.3.0.5")]),
        new("nginx", "1.26.2-r0", "HTTP and reverse proxy server (stable version)", "https://www.nginx.org/", "BSD-2-Clause", ["pcre2", "libssl3", "libcrypto3", "zlib"],
            [Txt("etc/nginx/fastcgi_params", "fastcgi_param  QUERY_STRING       $query_string;\nfastcgi_param  REQUEST_METHOD     $request_method;\n"),
             Txt("etc/nginx/http.d/default.conf", NginxDefaultConf), Data("etc/nginx/mime.types", 5_349), Txt("etc/nginx/nginx.conf", NginxConf),
             Txt("etc/logrotate.d/nginx", "/var/log/nginx/*.log {\n\tmissingok\n\tsharedscripts\n\tpostrotate\n\t\t/etc/init.d/nginx --quiet --ifstarted reopen\n\tendscript\n}\n"),
             Bin("usr/sbin/nginx", "nginx", 1_290_544), Txt("usr/share/nginx/http-default_server.conf", NginxDefaultConf),
             Symlink("var/lib/nginx/html", "/usr/share/nginx/html"), Symlink("var/lib/nginx/logs", "/var/log/nginx"),
             Symlink("var/lib/nginx/modules", "/usr/lib/nginx/modules"), Symlink("var/lib/nginx/run", "/run/nginx"),
             Txt("usr/share/nginx/html/index.html", "<!DOCTYPE html>\n<html>\n<head>\n<title>Welcome to nginx!</title>\n</head>\n<body>\n<h1>Welcome to nginx!</h1>\n</body>\n</html>\n"),
             Txt("usr/share/nginx/html/50x.html", "<!DOCTYPE html>\n<html>\n<head>\n<title>Error</title>\n</head>\n<body>\n<h1>An error occurred.</h1>\n</body>\n</html>\n")],
            Scripts: ["pre-install", "post-install"]),
        new("openssh-keygen", OpenSsh, "ssh helper program for generating keys", "https://www.openssh.com/portable.html", "SSH-OpenSSH", ["libcrypto3"],
            [Bin("usr/bin/ssh-keygen", "ssh-keygen", 448_536)], Origin: "openssh"),
        new("libedit", "20240517.3.1-r0", "BSD line editing library", "https://www.thrysoee.dk/editline", "BSD-3-Clause", ["libncursesw"],
            [Lib("usr/lib/libedit.so.0.0.74", 195_704), Symlink("usr/lib/libedit.so.0", "libedit.so.0.0.74")]),
        new("openssh-client-common", OpenSsh, "OpenBSD's SSH client common files", "https://www.openssh.com/portable.html", "SSH-OpenSSH", ["openssh-keygen", "libedit"],
            [Txt("etc/ssh/ssh_config", "# This is the ssh client system-wide configuration file.  See\n# ssh_config(5) for more information.\n\nInclude /etc/ssh/ssh_config.d/*.conf\n"),
             Bin("usr/bin/scp", "scp", 121_064), Bin("usr/bin/ssh-add", "ssh-add", 207_192), Bin("usr/bin/ssh-agent", "ssh-agent", 199_000),
             Bin("usr/bin/ssh-keyscan", "ssh-keyscan", 232_000), Bin("usr/bin/ssh-copy-id", "ssh-copy-id", 11_000), Bin("usr/bin/findssl.sh", "findssl.sh", 4_300)], Origin: "openssh"),
        new("openssh-client-default", OpenSsh, "OpenBSD's SSH client", "https://www.openssh.com/portable.html", "SSH-OpenSSH", ["openssh-client-common"],
            [Bin("usr/bin/sftp", "sftp", 150_840), Bin("usr/bin/ssh", "ssh", 764_456)], Origin: "openssh"),
        new("openssh-sftp-server", OpenSsh, "the OpenSSH sftp server", "https://www.openssh.com/portable.html", "SSH-OpenSSH", [],
            [Bin("usr/lib/ssh/sftp-server", "sftp-server", 125_136)], Origin: "openssh"),
        new("openssh-server-common", OpenSsh, "OpenBSD's SSH server common files", "https://www.openssh.com/portable.html", "SSH-OpenSSH", [],
            [Txt("etc/ssh/sshd_config", SshdConfig), Data("etc/ssh/moduli", 576_499)], Origin: "openssh"),
        new("openssh-server", OpenSsh, "OpenSSH server", "https://www.openssh.com/portable.html", "SSH-OpenSSH", ["openssh-keygen", "openssh-server-common", "libcrypto3", "zlib"],
            [Bin("usr/sbin/sshd", "sshd", 919_448), Bin("usr/lib/ssh/sshd-session", "sshd-session", 1_043_112)], Origin: "openssh"),
        new("openssh", OpenSsh, "Port of OpenBSD's free SSH release", "https://www.openssh.com/portable.html", "SSH-OpenSSH", ["openssh-client-default", "openssh-sftp-server", "openssh-server"], []),
        new("libexpat", "2.6.3-r0", "XML Parser library written in C", "https://libexpat.github.io/", "MIT", [],
            [Lib("usr/lib/libexpat.so.1.9.3", 186_672), Symlink("usr/lib/libexpat.so.1", "libexpat.so.1.9.3")], Origin: "expat"),
        new("git", "2.45.2-r0", "Distributed version control system", "https://www.git-scm.com/", "GPL-2.0-or-later", ["libcurl", "libexpat", "pcre2", "zlib"],
            [Bin("usr/bin/git", "git", 3_392_272), Symlink("usr/bin/git-receive-pack", "git"), Symlink("usr/bin/git-upload-archive", "git"),
             Bin("usr/bin/git-shell", "git-shell", 760_000), Symlink("usr/bin/git-upload-pack", "git"),
             Bin("usr/libexec/git-core/git-remote-http", "git-remote-http", 1_580_000), Symlink("usr/libexec/git-core/git-remote-https", "git-remote-http"),
             Data("usr/share/git-core/templates/description", 73)]),
        new("libbz2", "1.0.8-r6", "Shared library for bz2", "https://sourceware.org/bzip2/", "bzip2-1.0.6", [],
            [Lib("usr/lib/libbz2.so.1.0.8", 71_264), Symlink("usr/lib/libbz2.so.1", "libbz2.so.1.0.8")], Origin: "bzip2"),
        new("libffi", "3.4.6-r0", "portable, high level programming interface to various calling conventions.", "https://sourceware.org/libffi/", "MIT", [],
            [Lib("usr/lib/libffi.so.8.1.4", 43_520), Symlink("usr/lib/libffi.so.8", "libffi.so.8.1.4")]),
        new("gdbm", "1.23-r1", "GNU dbm is a set of database routines that use extensible hashing", "https://www.gnu.org/software/gdbm/", "GPL-3.0-or-later", [],
            [Lib("usr/lib/libgdbm.so.6.0.0", 55_000), Symlink("usr/lib/libgdbm.so.6", "libgdbm.so.6.0.0"), Lib("usr/lib/libgdbm_compat.so.4.0.0", 14_000), Symlink("usr/lib/libgdbm_compat.so.4", "libgdbm_compat.so.4.0.0")]),
        new("xz-libs", "5.6.2-r0", "Library and CLI tools for XZ and LZMA compressed files (libraries)", "https://tukaani.org/xz", "0BSD AND LGPL-2.1-or-later AND GPL-2.0-or-later", [],
            [Lib("usr/lib/liblzma.so.5.6.2", 170_456), Symlink("usr/lib/liblzma.so.5", "liblzma.so.5.6.2")], Origin: "xz"),
        new("libgcc", Gcc, "GNU C compiler runtime libraries", "https://gcc.gnu.org", "GPL-2.0-or-later AND LGPL-2.1-or-later", [],
            [Lib("usr/lib/libgcc_s.so.1", 104_904)], Origin: "gcc"),
        new("libstdc++", Gcc, "GNU C++ standard runtime library", "https://gcc.gnu.org", "GPL-2.0-or-later AND LGPL-2.1-or-later", ["libgcc"],
            [Lib("usr/lib/libstdc++.so.6.0.32", 2_630_400), Symlink("usr/lib/libstdc++.so.6", "libstdc++.so.6.0.32")], Origin: "gcc"),
        new("mpdecimal", "4.0.0-r0", "complete implementation of the General Decimal Arithmetic Specification", "https://www.bytereef.org/mpdecimal/index.html", "BSD-2-Clause", ["libstdc++"],
            [Lib("usr/lib/libmpdec.so.4.0.0", 235_400), Symlink("usr/lib/libmpdec.so.4", "libmpdec.so.4.0.0"), Lib("usr/lib/libmpdec++.so.4.0.0", 68_000), Symlink("usr/lib/libmpdec++.so.4", "libmpdec++.so.4.0.0")]),
        new("sqlite-libs", "3.45.3-r1", "Sqlite3 library", "https://www.sqlite.org/", "blessing", [],
            [Lib("usr/lib/libsqlite3.so.0.8.6", 1_228_376), Symlink("usr/lib/libsqlite3.so.0", "libsqlite3.so.0.8.6")], Origin: "sqlite"),
        new("python3", "3.12.7-r0", "High-level scripting language", "https://www.python.org/", "PSF-2.0",
            ["libbz2", "libexpat", "libffi", "gdbm", "xz-libs", "mpdecimal", "libpanelw", "readline", "sqlite-libs"],
            [Bin("usr/bin/python3.12", "python3", 14_312), Symlink("usr/bin/python3", "python3.12"), Symlink("usr/bin/pydoc3", "pydoc3.12"), Bin("usr/bin/pydoc3.12", "pydoc3", 79),
             Lib("usr/lib/libpython3.12.so.1.0", 6_012_464), Symlink("usr/lib/libpython3.so", "libpython3.12.so.1.0"),
             Data("usr/lib/python3.12/os.py", 39_786), Data("usr/lib/python3.12/json/__init__.py", 14_020), Data("usr/lib/python3.12/site.py", 23_210),
             Data("usr/lib/python3.12/lib-dynload/_ssl.cpython-312-x86_64-linux-musl.so", 189_176), Data("usr/lib/python3.12/site-packages/README.txt", 119)]),
        new("icu-data-en", "74.2-r0", "Stripped down ICU data with only en_US/GB locale and no legacy charset converters", "https://icu.unicode.org/", "ICU", [],
            [Data("usr/share/icu/74.2/icudt74l.dat", 2_624_272)], Origin: "icu"),
        new("icu-libs", "74.2-r0", "International Components for Unicode library (libraries)", "https://icu.unicode.org/", "ICU", ["icu-data-en", "libgcc", "libstdc++"],
            [Lib("usr/lib/libicuuc.so.74.2", 2_078_368), Symlink("usr/lib/libicuuc.so.74", "libicuuc.so.74.2"), Lib("usr/lib/libicui18n.so.74.2", 3_456_544), Symlink("usr/lib/libicui18n.so.74", "libicui18n.so.74.2")], Origin: "icu"),
        new("nodejs", "20.15.1-r0", "JavaScript runtime built on V8 engine - LTS version", "https://nodejs.org/", "MIT",
            ["ca-certificates", "brotli-libs", "c-ares", "icu-libs", "libgcc", "libstdc++", "nghttp2-libs", "zlib", "libcrypto3", "libssl3"],
            [Bin("usr/bin/node", "node", 43_854_424), Data("usr/share/doc/nodejs/README.md", 39_052), Data("usr/share/systemtap/tapset/node.stp", 7_300)]),
    ];

    /// <summary>
    /// Newer builds in this index of base packages the stock <c>alpine:3.20.3</c> image ships (what <c>apk upgrade</c> finds):
    /// OpenSSL 3.3.2-r1 (aports main/openssl, the CVE-2024-9143 rebuild; the exact revision of the index snapshot is assumed).
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string> BaseUpdates = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["libcrypto3"] = "3.3.2-r1",
        ["libssl3"] = "3.3.2-r1",
    };

    private static readonly Dictionary<string, ApkPackage> ByName = Packages.ToDictionary(p => p.Name, StringComparer.Ordinal);

    public static ApkPackage? Find(string name) => ByName.GetValueOrDefault(name);
}
