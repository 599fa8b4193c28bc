using Simulator.FileSystem;
using Simulator.Images;

namespace Simulator.World;

/// <summary>
/// <c>postgres:16</c> (16.6 on Debian bookworm, 435 MB in <c>docker images</c>), on the Debian layer <c>nginx</c> also
/// uses: the <c>postgres</c> user, gosu, the PostgreSQL 16 server (<c>postgres</c>, <c>initdb</c>, <c>pg_ctl</c>,
/// <c>psql</c> as simulated programs), <c>PGDATA</c> (<c>/var/lib/postgresql/data</c>, mode 1777),
/// <c>/docker-entrypoint-initdb.d</c> and <c>docker-entrypoint.sh</c> in <c>/usr/local/bin</c>.
/// </summary>
/// <remarks>
/// The real <c>docker-entrypoint.sh</c> is a 350-line bash script that runs <c>initdb</c> and the init scripts; here it
/// is a short POSIX script that keeps its contract (a first argument starting with <c>-</c> means <c>postgres</c>) and
/// leaves initialisation to the simulated <c>postgres</c> program.
/// </remarks>
internal static class PostgresImage
{
    public const string Major = "16";

    public const string Version = "16.6";

    /// <summary><c>docker images</c> size of <c>postgres:16.6</c>: 435 MB.</summary>
    public const long TargetSize = 435_000_000;

    public static readonly DateTimeOffset Created = new(2024, 11, 21, 23, 44, 49, TimeSpan.Zero);

    public const string Path = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin:/usr/lib/postgresql/16/bin";

    public static Image Build(Layer debian)
    {
        var users = new RootFsBuilder("postgres-users", Created)
            .Text("/etc/passwd", DebianBase.Passwd("postgres:x:999:999::/var/lib/postgresql:/bin/bash"))
            .Text("/etc/group", DebianBase.Group("postgres:x:999:"))
            .Dir("/var/lib/postgresql", uid: 999, gid: 999)
            .Build();
        var gosu = new RootFsBuilder("postgres-gosu", Created)
            .Program("/usr/local/bin/gosu", "gosu", 2_297_856)
            .Build();
        var bin = "/usr/lib/postgresql/" + Major + "/bin";
        var server = new RootFsBuilder("postgres-" + Version, Created)
            .Program(bin + "/postgres", "postgres", 9_847_280)
            .Program(bin + "/initdb", "initdb", 157_120)
            .Program(bin + "/pg_ctl", "pg_ctl", 67_960)
            .Program(bin + "/psql", "psql", 720_976)
            .Program(bin + "/pg_dump", "pg_dump", 457_648)
            .Program(bin + "/pg_isready", "pg_isready", 34_224)
            .Symlink("/usr/bin/psql", "../share/postgresql-common/pg_wrapper")
            .Text("/usr/share/postgresql/" + Major + "/postgresql.conf.sample", "listen_addresses = '*'\n#port = 5432\nmax_connections = 100\nshared_buffers = 128MB\n")
            .Dir("/run/postgresql", RootFsBuilder.Mode0755 | UnixFileMode.GroupWrite | UnixFileMode.SetGroup, uid: 999, gid: 999);
        server.PadTo("/usr/lib/x86_64-linux-gnu/libLLVM-14.so.1", TargetSize - DebianBase.TargetSize - 2_297_856 - 1_024);
        var data = new RootFsBuilder("postgres-data", Created)
            .Dir("/var/lib/postgresql/data", RootFsBuilder.Mode1777, uid: 999, gid: 999)
            .Dir("/docker-entrypoint-initdb.d")
            .Build();
        var entrypoint = new RootFsBuilder("postgres-entrypoint", Created)
            .Text("/usr/local/bin/docker-entrypoint.sh", EntrypointScript, RootFsBuilder.Mode0775)
            .Symlink("/usr/local/bin/docker-ensure-initdb.sh", "docker-entrypoint.sh")
            .Build();
        return ImageBuilder.FromScratch()
            .WithLayer(debian, "# debian.sh --arch 'amd64' out/ 'bookworm' '@1731283200'")
            .WithConfig(c => c with { Env = ["PATH=" + DebianBase.Path] })
            .WithCmd("bash")
            .WithLayer(users, "RUN /bin/sh -c set -eux; \tgroupadd -r postgres --gid=999; \tuseradd -r -g postgres --uid=999 --home-dir=/var/lib/postgresql --shell=/bin/bash postgres; \tmkdir -p /var/lib/postgresql; \tchown -R postgres:postgres /var/lib/postgresql # buildkit")
            .WithEnv("GOSU_VERSION", "1.17")
            .WithLayer(gosu, "RUN /bin/sh -c set -eux; # gosu # buildkit")
            .WithEnv("LANG", "en_US.utf8")
            .WithEnv("PG_MAJOR", Major)
            .WithConfig(c => c with { Env = [.. c.Env.Select(e => e.StartsWith("PATH=", StringComparison.Ordinal) ? "PATH=" + Path : e)] })
            .WithEnv("PG_VERSION", Version + "-1.pgdg120+1")
            .WithLayer(server.Build(), "RUN /bin/sh -c set -ex; # postgresql-16 # buildkit")
            .WithEnv("PGDATA", "/var/lib/postgresql/data")
            .WithLayer(data, "RUN /bin/sh -c mkdir -p \"$PGDATA\" && chown -R postgres:postgres \"$PGDATA\" && chmod 1777 \"$PGDATA\" # buildkit")
            .WithVolume("/var/lib/postgresql/data")
            .WithLayer(entrypoint, "COPY docker-entrypoint.sh docker-ensure-initdb.sh /usr/local/bin/ # buildkit")
            .WithEntrypoint("docker-entrypoint.sh")
            .WithStopSignal("SIGINT")
            .WithExposedPort("5432/tcp")
            .WithCmd("postgres")
            .WithCreated(Created)
            .Build();
    }

    private const string EntrypointScript =
        "#!/bin/sh\nset -e\n\n# if first arg looks like a flag, assume we want to run postgres server\n" +
        "case \"$1\" in\n\t-*) set -- postgres \"$@\" ;;\nesac\n\nexec \"$@\"\n";
}
