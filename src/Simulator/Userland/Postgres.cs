using System.Globalization;
using System.Text;
using Simulator.FileSystem;
using Simulator.Processes;

namespace Simulator.Userland;

/// <summary>
/// The <c>postgres</c> program of the stock <c>postgres:16</c> image (<c>#!simulator postgres</c> at
/// <c>/usr/lib/postgresql/16/bin/postgres</c>), playing both the real <c>docker-entrypoint.sh</c>'s initialisation
/// (docker-library/postgres) and the PostgreSQL 16.6 server.
/// </summary>
/// <remarks>
/// <para><b>Entrypoint part</b> (the image's stand-in script only <c>exec</c>s <c>postgres</c>): when <c>PGDATA</c>
/// (default <c>/var/lib/postgresql/data</c>) holds no <c>PG_VERSION</c>, it refuses to start without
/// <c>POSTGRES_PASSWORD</c> (unless <c>POSTGRES_HOST_AUTH_METHOD=trust</c>) with the script's
/// <c>docker_verify_minimum_env</c> message on stderr and exit 1; otherwise it runs "initdb" (the cluster's
/// directories and files, owned by <c>postgres</c> (999:999), <c>PGDATA</c> mode 0700), prints initdb's output, the
/// temporary server's start and stop, the files of <c>/docker-entrypoint-initdb.d</c> (executable <c>.sh</c> run as
/// <c>postgres</c>, other <c>.sh</c> run by <c>/bin/sh</c>, <c>.sql</c> only reported: no SQL is executed; a failing
/// script ends the container with its status) and <c>PostgreSQL init process complete; ready for start up.</c>. With a
/// <c>PG_VERSION</c> present it prints <c>PostgreSQL Database directory appears to contain a database; Skipping
/// initialization</c>.</para>
/// <para><b>Server part</b>: logs (stderr, <c>log_line_prefix '%m [%p] '</c>, times from the process's clock)
/// <c>starting PostgreSQL 16.6 ...</c>, the listen lines for port 5432 (no client protocol is served),
/// <c>database system was shut down at ...</c> and <c>database system is ready to accept connections</c>, then waits
/// for a signal: <c>SIGINT</c> (the image's StopSignal) is a fast shutdown, <c>SIGTERM</c> a smart one and
/// <c>SIGQUIT</c> an immediate one; each logs PostgreSQL's shutdown lines and exits 0. The cluster's state is kept in
/// <c>global/pg_control</c> (as text): a server killed (or stopped immediately) leaves it <c>in production</c>, and the
/// next start logs <c>database system was interrupted; last known up at ...</c> and the crash-recovery lines.</para>
/// <para>Sources: docker-library/postgres <c>16/bookworm/docker-entrypoint.sh</c>, PostgreSQL 16
/// <c>src/backend/postmaster/postmaster.c</c> and <c>src/bin/initdb/initdb.c</c>.</para>
/// </remarks>
public static class Postgres
{
    /// <summary>The program name (the marker <c>#!simulator postgres</c>).</summary>
    public const string ProgramName = "postgres";

    /// <summary>The server version: <c>16.6</c>.</summary>
    public const string Version = "16.6";

    /// <summary>The default data directory (the image's <c>PGDATA</c>).</summary>
    public const string DefaultDataDirectory = "/var/lib/postgresql/data";

    private const int PostgresUid = 999;

    private const string EntrypointPath = "/usr/local/bin/docker-entrypoint.sh";

    private const string Banner =
        "starting PostgreSQL 16.6 (Debian 16.6-1.pgdg120+1) on x86_64-pc-linux-gnu, compiled by gcc (Debian 12.2.0-14) 12.2.0, 64-bit";

    private const UnixFileMode Mode0700 = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    private const UnixFileMode Mode0600 = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private const string MissingPassword =
        "Error: Database is uninitialized and superuser password is not specified.\n" +
        "       You must specify POSTGRES_PASSWORD to a non-empty value for the\n" +
        "       superuser. For example, \"-e POSTGRES_PASSWORD=password\" on \"docker run\".\n" +
        "\n" +
        "       You may also use \"POSTGRES_HOST_AUTH_METHOD=trust\" to allow all\n" +
        "       connections without a password. This is *not* recommended.\n" +
        "\n" +
        "       See PostgreSQL documentation about \"trust\":\n" +
        "       https://www.postgresql.org/docs/current/auth-trust.html\n";

    private const string TrustWarning =
        "********************************************************************************\n" +
        "WARNING: POSTGRES_HOST_AUTH_METHOD has been set to \"trust\". This will allow\n" +
        "         anyone with access to the Postgres port to access your database without\n" +
        "         a password, even if POSTGRES_PASSWORD is set. See PostgreSQL\n" +
        "         documentation about \"trust\":\n" +
        "         https://www.postgresql.org/docs/current/auth-trust.html\n" +
        "         In Docker's default configuration, this is effectively any other\n" +
        "         container on the same system.\n" +
        "\n" +
        "         It is not recommended to use POSTGRES_HOST_AUTH_METHOD=trust. Replace\n" +
        "         it with \"-e POSTGRES_PASSWORD=password\" instead to set a password in\n" +
        "         \"docker run\".\n" +
        "********************************************************************************\n";

    /// <summary>Registers the program as <c>postgres</c>.</summary>
    /// <param name="registry">The registry.</param>
    /// <returns><paramref name="registry"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="registry"/> is <see langword="null"/>.</exception>
    public static ProgramRegistry Register(ProgramRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        registry.Register(ProgramName, RunAsync);
        return registry;
    }

    /// <summary>Runs the entrypoint's initialisation (if needed) and the server with the context's argv.</summary>
    /// <param name="context">The process context.</param>
    /// <returns>The exit status.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="context"/> is <see langword="null"/>.</exception>
    public static async Task<int> RunAsync(ProcessContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        string? dataOption = null;
        for (int i = 1; i < context.Argv.Count; i++)
        {
            var arg = context.Argv[i];
            if (arg is "--version" or "-V")
            {
                await context.WriteAsync("postgres (PostgreSQL) " + Version + " (Debian 16.6-1.pgdg120+1)\n").ConfigureAwait(false);
                return 0;
            }

            if (arg is "--help" or "-?")
            {
                await context.WriteAsync("postgres is the PostgreSQL server.\n\nUsage:\n  postgres [OPTION]...\n").ConfigureAwait(false);
                return 0;
            }

            if (arg == "-D" && i + 1 < context.Argv.Count)
            {
                dataOption = context.Argv[++i];
            }
            else if (arg == "-c" && i + 1 < context.Argv.Count)
            {
                i++;
            }
        }

        var pgdata = context.ResolvePath(dataOption ?? (context.GetEnv("PGDATA") is { Length: > 0 } env ? env : DefaultDataDirectory));
        var fs = context.FileSystem;
        bool exists = fs.Exists(pgdata + "/PG_VERSION");
        try
        {
            if (!exists)
            {
                var status = await InitialiseAsync(context, pgdata).ConfigureAwait(false);
                if (status != 0)
                {
                    return status;
                }
            }
            else
            {
                await context.WriteAsync("\nPostgreSQL Database directory appears to contain a database; Skipping initialization\n\n").ConfigureAwait(false);
            }
        }
        catch (FileSystemException ex)
        {
            var what = ex.Errno == Errno.EPERM ? "change permissions of" : "create";
            await context.WriteErrorAsync($"initdb: error: could not {what} directory \"{ex.Path ?? pgdata}\": {FileSystemException.StrError(ex.Errno)}\n").ConfigureAwait(false);
            return 1;
        }

        return await ServeAsync(context, pgdata).ConfigureAwait(false);
    }

    private static async Task<int> InitialiseAsync(ProcessContext context, string pgdata)
    {
        var password = context.GetEnv("POSTGRES_PASSWORD");
        var auth = context.GetEnv("POSTGRES_HOST_AUTH_METHOD");
        if (string.IsNullOrEmpty(password) && auth != "trust")
        {
            await context.WriteErrorAsync(MissingPassword).ConfigureAwait(false);
            return 1;
        }

        if (auth == "trust")
        {
            await context.WriteErrorAsync(TrustWarning).ConfigureAwait(false);
        }

        var user = context.GetEnv("POSTGRES_USER") is { Length: > 0 } u ? u : "postgres";
        var db = context.GetEnv("POSTGRES_DB") is { Length: > 0 } d ? d : user;
        const string preamble =
            "The files belonging to this database system will be owned by user \"postgres\".\n" +
            "This user must also own the server process.\n\n" +
            "The database cluster will be initialized with locale \"en_US.utf8\".\n" +
            "The default database encoding has accordingly been set to \"UTF8\".\n" +
            "The default text search configuration will be set to \"english\".\n\n" +
            "Data page checksums are disabled.\n\n";
        var fs = context.FileSystem;
        if (fs.Exists(pgdata) && fs.ReadDirectory(pgdata) is { Count: > 0 } entries)
        {
            await context.WriteAsync(preamble).ConfigureAwait(false);
            var error = new StringBuilder()
                .Append("initdb: error: directory \"").Append(pgdata).Append("\" exists but is not empty\n");
            if (entries.Contains("lost+found"))
            {
                error.Append("initdb: detail: It contains a lost+found directory, perhaps due to it being a mount point.\n")
                     .Append("initdb: hint: Using a mount point directly as the data directory is not recommended.\n")
                     .Append("Create a subdirectory under the mount point.\n");
            }
            else
            {
                error.Append("initdb: hint: If you want to create a new database system, either remove or empty the directory \"")
                     .Append(pgdata).Append("\" or run initdb with an argument other than \"").Append(pgdata).Append("\".\n");
            }

            await context.WriteErrorAsync(error.ToString()).ConfigureAwait(false);
            return 1;
        }

        WriteCluster(context, pgdata, string.IsNullOrEmpty(auth) ? "scram-sha-256" : auth);

        var stdout = new StringBuilder(preamble);
        stdout.Append("fixing permissions on existing directory ").Append(pgdata).Append(" ... ok\n")
            .Append("creating subdirectories ... ok\n")
            .Append("selecting dynamic shared memory implementation ... posix\n")
            .Append("selecting default max_connections ... 100\n")
            .Append("selecting default shared_buffers ... 128MB\n")
            .Append("selecting default time zone ... Etc/UTC\n")
            .Append("creating configuration files ... ok\n")
            .Append("running bootstrap script ... ok\n")
            .Append("performing post-bootstrap initialization ... ok\n")
            .Append("syncing data to disk ... ok\n\n\n")
            .Append("Success. You can now start the database server using:\n\n")
            .Append("    pg_ctl -D ").Append(pgdata).Append(" -l logfile start\n\n");
        await context.WriteAsync(stdout.ToString()).ConfigureAwait(false);
        await context.WriteErrorAsync(
            "initdb: warning: enabling \"trust\" authentication for local connections\n" +
            "initdb: hint: You can change this by editing pg_hba.conf or using the option -A, or --auth-local and --auth-host, the next time you run initdb.\n").ConfigureAwait(false);

        // The entrypoint's temporary server (pg_ctl -o "-c listen_addresses=''" -w start), on the Unix socket only.
        int temp = context.Pid + 47;
        await context.WriteAsync("waiting for server to start....").ConfigureAwait(false);
        await context.WriteErrorAsync(
            Log(context, temp, Banner) +
            Log(context, temp, "listening on Unix socket \"/var/run/postgresql/.s.PGSQL.5432\"") +
            Log(context, temp + 3, "database system was shut down at " + ShutDownAt(context, pgdata)) +
            Log(context, temp, "database system is ready to accept connections")).ConfigureAwait(false);
        var setup = new StringBuilder(" done\nserver started\n");
        if (db != "postgres")
        {
            setup.Append("CREATE DATABASE\n");
        }

        setup.Append('\n');
        await context.WriteAsync(setup.ToString()).ConfigureAwait(false);
        var initScripts = Scripts(context);
        if (initScripts.Count == 0)
        {
            await context.WriteAsync(EntrypointPath + ": ignoring /docker-entrypoint-initdb.d/*\n\n").ConfigureAwait(false);
        }

        foreach (var script in initScripts)
        {
            var status = await RunInitFileAsync(context, script).ConfigureAwait(false);
            if (status != 0)
            {
                return status;
            }
        }

        setup.Clear();
        setup.Append("waiting for server to shut down...");
        await context.WriteAsync(setup.ToString()).ConfigureAwait(false);
        await context.WriteErrorAsync(
            Log(context, temp, "received fast shutdown request") +
            Log(context, temp, "aborting any active transactions") +
            Log(context, temp, $"background worker \"logical replication launcher\" (PID {temp + 6}) exited with exit code 1") +
            Log(context, temp + 1, "shutting down") +
            Log(context, temp + 1, "checkpoint starting: shutdown immediate") +
            Log(context, temp + 1, "checkpoint complete: wrote 926 buffers (5.7%); 0 WAL file(s) added, 0 removed, 0 recycled; write=0.015 s, sync=0.521 s, total=0.555 s; sync files=301, longest=0.005 s, average=0.002 s; distance=4273 kB, estimate=4273 kB; lsn=0/1913078, redo lsn=0/1913078") +
            Log(context, temp, "database system is shut down")).ConfigureAwait(false);
        MarkShutDown(context, pgdata);
        await context.WriteAsync(" done\nserver stopped\n\nPostgreSQL init process complete; ready for start up.\n\n").ConfigureAwait(false);
        return 0;
    }

    private static async Task<int> ServeAsync(ProcessContext context, string pgdata)
    {
        int pid = context.Pid;
        int checkpointer = pid + 59;
        int startup = pid + 61;
        int launcher = pid + 64;
        await context.WriteErrorAsync(
            Log(context, pid, Banner) +
            Log(context, pid, "listening on IPv4 address \"0.0.0.0\", port 5432") +
            Log(context, pid, "listening on IPv6 address \"::\", port 5432") +
            Log(context, pid, "listening on Unix socket \"/var/run/postgresql/.s.PGSQL.5432\"") +
            StartupLines(context, pgdata, startup, checkpointer) +
            Log(context, pid, "database system is ready to accept connections")).ConfigureAwait(false);
        TryWrite(context, pgdata + "/global/pg_control", "state: in production\ntime: " + LogTime(context.TimeProvider.GetUtcNow()) + "\n");
        TryWrite(context, pgdata + "/postmaster.pid",
            string.Create(CultureInfo.InvariantCulture, $"{pid}\n{pgdata}\n{context.TimeProvider.GetUtcNow().ToUnixTimeSeconds()}\n5432\n/var/run/postgresql\n*\n  5432001         0\nready   \n"));

        Signal signal;
        try
        {
            signal = await context.WaitForSignalAsync(Signal.Int, Signal.Term, Signal.Quit).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return 137;
        }

        var bye = new StringBuilder();
        if (signal == Signal.Quit)
        {
            bye.Append(Log(context, pid, "received immediate shutdown request"))
               .Append(Log(context, pid, "database system is shut down"));
            await context.WriteErrorAsync(bye.ToString()).ConfigureAwait(false);
            TryUnlink(context, pgdata + "/postmaster.pid");
            return 0;
        }

        if (signal == Signal.Int)
        {
            bye.Append(Log(context, pid, "received fast shutdown request"))
               .Append(Log(context, pid, "aborting any active transactions"));
        }
        else
        {
            bye.Append(Log(context, pid, "received smart shutdown request"));
        }

        bye.Append(Log(context, pid, $"background worker \"logical replication launcher\" (PID {launcher}) exited with exit code 1"))
           .Append(Log(context, checkpointer, "shutting down"))
           .Append(Log(context, checkpointer, "checkpoint starting: shutdown immediate"))
           .Append(Log(context, checkpointer, "checkpoint complete: wrote 3 buffers (0.0%); 0 WAL file(s) added, 0 removed, 0 recycled; write=0.001 s, sync=0.001 s, total=0.003 s; sync files=2, longest=0.001 s, average=0.001 s; distance=0 kB, estimate=0 kB; lsn=0/1913128, redo lsn=0/1913128"))
           .Append(Log(context, pid, "database system is shut down"));
        await context.WriteErrorAsync(bye.ToString()).ConfigureAwait(false);
        MarkShutDown(context, pgdata);
        TryUnlink(context, pgdata + "/postmaster.pid");
        return 0;
    }

    /// <summary>One file of <c>/docker-entrypoint-initdb.d</c>, as <c>docker_process_init_files</c>: an executable <c>.sh</c> runs,
    /// another <c>.sh</c> is sourced (here: run by <c>/bin/sh</c>), <c>.sql</c> files are reported (no SQL engine), others ignored.</summary>
    private static async Task<int> RunInitFileAsync(ProcessContext context, string file)
    {
        string[]? argv = null;
        string verb;
        if (file.EndsWith(".sh", StringComparison.Ordinal))
        {
            bool executable;
            try
            {
                executable = (context.FileSystem.Stat(file).Mode & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) != 0;
            }
            catch (FileSystemException)
            {
                executable = false;
            }

            verb = executable ? "running" : "sourcing";
            argv = executable ? [file] : ["/bin/sh", file];
        }
        else if (file.EndsWith(".sql", StringComparison.Ordinal) || file.EndsWith(".sql.gz", StringComparison.Ordinal) ||
                 file.EndsWith(".sql.xz", StringComparison.Ordinal) || file.EndsWith(".sql.zst", StringComparison.Ordinal))
        {
            await context.WriteAsync(EntrypointPath + ": running " + file + "\n\n\n").ConfigureAwait(false);
            return 0;
        }
        else
        {
            await context.WriteAsync(EntrypointPath + ": ignoring " + file + "\n\n").ConfigureAwait(false);
            return 0;
        }

        await context.WriteAsync(EntrypointPath + ": " + verb + " " + file + "\n").ConfigureAwait(false);
        var user = context.User.Uid == 0 ? new ProcessUser(PostgresUid, PostgresUid, "postgres", "/var/lib/postgresql") : context.User;
        int status;
        try
        {
            var child = context.StartChild(
                new ProcessSpec(argv) { Env = context.Env, WorkingDirectory = context.WorkingDirectory, User = user },
                null, context.Stdout, context.Stderr);
            status = await child.WaitAsync(context.CancellationToken).ConfigureAwait(false);
        }
        catch (ExecException ex)
        {
            await context.WriteErrorAsync(EntrypointPath + ": line 1: " + file + ": " + ex.Message + "\n").ConfigureAwait(false);
            status = 126;
        }

        if (status == 0)
        {
            await context.WriteAsync("\n").ConfigureAwait(false);
        }

        return status;
    }

    private static List<string> Scripts(ProcessContext context)
    {
        const string dir = "/docker-entrypoint-initdb.d";
        try
        {
            return context.FileSystem.Exists(dir)
                ? [.. context.FileSystem.ReadDirectory(dir).Order(StringComparer.Ordinal).Select(n => dir + "/" + n)]
                : [];
        }
        catch (FileSystemException)
        {
            return [];
        }
    }

    private static void WriteCluster(ProcessContext context, string pgdata, string hostAuth)
    {
        var fs = context.FileSystem;
        if (!fs.Exists(pgdata))
        {
            fs.CreateDirectories(pgdata, Mode0700);
        }

        fs.Chmod(pgdata, Mode0700);
        Own(context, pgdata);
        string[] dirs =
        [
            "base", "base/1", "base/4", "base/5", "global", "pg_commit_ts", "pg_dynshmem", "pg_logical", "pg_logical/mappings",
            "pg_logical/snapshots", "pg_multixact", "pg_multixact/members", "pg_multixact/offsets", "pg_notify", "pg_replslot",
            "pg_serial", "pg_snapshots", "pg_stat", "pg_stat_tmp", "pg_subtrans", "pg_tblspc", "pg_twophase", "pg_wal",
            "pg_wal/archive_status", "pg_xact",
        ];
        foreach (var dir in dirs)
        {
            var path = pgdata + "/" + dir;
            if (!fs.Exists(path))
            {
                fs.CreateDirectory(path, Mode0700);
            }

            Own(context, path);
        }

        var sample = "/usr/share/postgresql/16/postgresql.conf.sample";
        var conf = fs.Exists(sample) ? fs.ReadAllText(sample) : "listen_addresses = '*'\nmax_connections = 100\nshared_buffers = 128MB\n";
        conf += "dynamic_shared_memory_type = posix\nmax_wal_size = 1GB\nmin_wal_size = 80MB\nlog_timezone = 'Etc/UTC'\n" +
                "datestyle = 'iso, mdy'\ntimezone = 'Etc/UTC'\nlc_messages = 'en_US.utf8'\nlc_monetary = 'en_US.utf8'\n" +
                "lc_numeric = 'en_US.utf8'\nlc_time = 'en_US.utf8'\ndefault_text_search_config = 'pg_catalog.english'\n";
        var hba =
            "# TYPE  DATABASE        USER            ADDRESS                 METHOD\n\n" +
            "# \"local\" is for Unix domain socket connections only\n" +
            "local   all             all                                     trust\n" +
            "# IPv4 local connections:\n" +
            "host    all             all             127.0.0.1/32            trust\n" +
            "# IPv6 local connections:\n" +
            "host    all             all             ::1/128                 trust\n" +
            "# Allow replication connections from localhost, by a user with the\n# replication privilege.\n" +
            "local   replication     all                                     trust\n" +
            "host    replication     all             127.0.0.1/32            trust\n" +
            "host    replication     all             ::1/128                 trust\n\n" +
            "host all all all " + hostAuth + "\n";
        var files = new (string Name, string Text)[]
        {
            ("PG_VERSION", "16\n"),
            ("postgresql.conf", conf),
            ("postgresql.auto.conf", "# Do not edit this file manually!\n# It will be overwritten by the ALTER SYSTEM command.\n"),
            ("pg_hba.conf", hba),
            ("pg_ident.conf", "# PostgreSQL User Name Maps\n# MAPNAME       SYSTEM-USERNAME         PG-USERNAME\n"),
            ("base/1/PG_VERSION", "16\n"),
            ("base/4/PG_VERSION", "16\n"),
            ("base/5/PG_VERSION", "16\n"),
            ("pg_xact/0000", ""),
            ("pg_wal/000000010000000000000001", ""),
            ("postmaster.opts", "/usr/lib/postgresql/16/bin/postgres\n"),
        };
        foreach (var (name, text) in files)
        {
            var path = pgdata + "/" + name;
            fs.WriteAllText(path, text, Mode0600);
            Own(context, path);
        }

        MarkShutDown(context, pgdata);
    }

    /// <summary>Records the clean shutdown time in <c>global/pg_control</c> (text here; binary in PostgreSQL).</summary>
    private static void MarkShutDown(ProcessContext context, string pgdata)
    {
        var path = pgdata + "/global/pg_control";
        TryWrite(context, path, "state: shut down\ntime: " + LogTime(context.TimeProvider.GetUtcNow()) + "\n");
    }

    /// <summary>The startup process's lines: a clean start after a shutdown, or crash recovery when the last server was killed.</summary>
    private static string StartupLines(ProcessContext context, string pgdata, int startup, int checkpointer)
    {
        string state = "shut down";
        try
        {
            foreach (var line in context.FileSystem.ReadAllText(pgdata + "/global/pg_control").Split('\n'))
            {
                if (line.StartsWith("state: ", StringComparison.Ordinal))
                {
                    state = line["state: ".Length..];
                }
            }
        }
        catch (FileSystemException)
        {
            // No control file: as after initdb.
        }

        var at = ShutDownAt(context, pgdata);
        if (state != "in production")
        {
            return Log(context, startup, "database system was shut down at " + at);
        }

        return Log(context, startup, "database system was interrupted; last known up at " + at) +
               Log(context, startup, "database system was not properly shut down; automatic recovery in progress") +
               Log(context, startup, "redo starts at 0/1913128") +
               Log(context, startup, "invalid record length at 0/1913160: expected at least 24, got 0") +
               Log(context, startup, "redo done at 0/1913128 system usage: CPU: user: 0.00 s, system: 0.00 s, elapsed: 0.00 s") +
               Log(context, checkpointer, "checkpoint starting: end-of-recovery immediate wait") +
               Log(context, checkpointer, "checkpoint complete: wrote 3 buffers (0.0%); 0 WAL file(s) added, 0 removed, 0 recycled; write=0.002 s, sync=0.001 s, total=0.005 s; sync files=2, longest=0.001 s, average=0.001 s; distance=0 kB, estimate=0 kB; lsn=0/1913160, redo lsn=0/1913160");
    }

    private static string ShutDownAt(ProcessContext context, string pgdata)
    {
        try
        {
            foreach (var line in context.FileSystem.ReadAllText(pgdata + "/global/pg_control").Split('\n'))
            {
                if (line.StartsWith("time: ", StringComparison.Ordinal))
                {
                    return line["time: ".Length..];
                }
            }
        }
        catch (FileSystemException)
        {
            // A cluster written by something else: use the clock.
        }

        return LogTime(context.TimeProvider.GetUtcNow());
    }

    private static void TryWrite(ProcessContext context, string path, string text)
    {
        try
        {
            context.FileSystem.WriteAllText(path, text, Mode0600);
            Own(context, path);
        }
        catch (FileSystemException)
        {
            // A read-only data directory: PostgreSQL would fail later; the simulator keeps going.
        }
    }

    /// <summary>Gives <paramref name="path"/> to <c>postgres</c> as the root entrypoint's <c>chown</c> does; a non-root caller already owns what it wrote.</summary>
    private static void Own(ProcessContext context, string path)
    {
        if (context.User.Uid == 0)
        {
            context.FileSystem.Chown(path, PostgresUid, PostgresUid);
        }
    }

    private static void TryUnlink(ProcessContext context, string path)
    {
        try
        {
            context.FileSystem.Unlink(path);
        }
        catch (FileSystemException)
        {
            // Already gone.
        }
    }

    private static string LogTime(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy'-'MM'-'dd HH':'mm':'ss' UTC'", CultureInfo.InvariantCulture);

    private static string Log(ProcessContext context, int pid, string message) =>
        context.TimeProvider.GetUtcNow().UtcDateTime.ToString("yyyy'-'MM'-'dd HH':'mm':'ss'.'fff' UTC'", CultureInfo.InvariantCulture) +
        " [" + pid.ToString(CultureInfo.InvariantCulture) + "] LOG:  " + message + "\n";
}
