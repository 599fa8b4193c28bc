using Microsoft.Extensions.Time.Testing;
using Simulator.Containers;
using Simulator.Processes;
using Simulator.Volumes;
using Simulator.Tests.Support;

namespace Simulator.Tests.Userland;

public sealed class PostgresTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 29, 10, 0, 0, TimeSpan.Zero);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Missing_password_fails_with_the_entrypoint_message()
    {
        var (store, _) = await CreateAsync();
        var result = await store.RunAsync(new ContainerConfig("postgres:16"), cancellationToken: Ct).WaitAsync(TimeSpan.FromSeconds(20), Ct);
        Assert.Equal(1, result.ExitCode);
        Assert.Equal(
            "Error: Database is uninitialized and superuser password is not specified.\n" +
            "       You must specify POSTGRES_PASSWORD to a non-empty value for the\n" +
            "       superuser. For example, \"-e POSTGRES_PASSWORD=password\" on \"docker run\".\n" +
            "\n" +
            "       You may also use \"POSTGRES_HOST_AUTH_METHOD=trust\" to allow all\n" +
            "       connections without a password. This is *not* recommended.\n" +
            "\n" +
            "       See PostgreSQL documentation about \"trust\":\n" +
            "       https://www.postgresql.org/docs/current/auth-trust.html\n",
            result.Stderr);
        Assert.Equal("", result.Stdout);
    }

    [Fact]
    public async Task With_password_initialises_pgdata_in_the_anonymous_volume_and_gets_ready()
    {
        var (store, _) = await CreateAsync();
        var id = await RunDetachedAsync(store, new ContainerConfig("postgres:16") { Env = ["POSTGRES_PASSWORD=secret"] }, new HostConfig(), "db");
        var logs = await LogsWhenReadyAsync(store, id);

        var mount = Assert.Single(store.Inspect(id).Mounts);
        Assert.Equal(MountType.Volume, mount.Type);
        Assert.Equal("/var/lib/postgresql/data", mount.Destination);
        var tree = store.Volumes.Get(mount.Name!).Tree;
        Assert.Equal("16\n", tree.ReadAllText("/PG_VERSION"));
        foreach (var path in new[] { "/postgresql.conf", "/pg_hba.conf", "/base", "/global", "/pg_wal" })
        {
            Assert.True(tree.Exists(path), path);
            Assert.Equal(999, tree.Stat(path).Uid);
        }

        Assert.Contains("host all all all scram-sha-256\n", tree.ReadAllText("/pg_hba.conf"), StringComparison.Ordinal);
        var root = store.GetRootFileSystem(id).Stat("/var/lib/postgresql/data");
        Assert.Equal(999, root.Uid);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, root.Mode);

        var stdout = store.LogsText(id, new ContainerLogsOptions { Stderr = false });
        Assert.StartsWith("The files belonging to this database system will be owned by user \"postgres\".\n", stdout, StringComparison.Ordinal);
        Assert.Contains("Success. You can now start the database server using:\n\n    pg_ctl -D /var/lib/postgresql/data -l logfile start\n", stdout, StringComparison.Ordinal);
        Assert.Contains("\nPostgreSQL init process complete; ready for start up.\n\n", stdout, StringComparison.Ordinal);
        Assert.Contains("2026-11-29 10:00:00.000 UTC [1] LOG:  starting PostgreSQL 16.6 (Debian 16.6-1.pgdg120+1) on x86_64-pc-linux-gnu, compiled by gcc (Debian 12.2.0-14) 12.2.0, 64-bit\n", logs, StringComparison.Ordinal);
        Assert.Contains("2026-11-29 10:00:00.000 UTC [1] LOG:  listening on IPv4 address \"0.0.0.0\", port 5432\n", logs, StringComparison.Ordinal);
        Assert.Contains("2026-11-29 10:00:00.000 UTC [1] LOG:  listening on IPv6 address \"::\", port 5432\n", logs, StringComparison.Ordinal);
        Assert.Contains("2026-11-29 10:00:00.000 UTC [1] LOG:  listening on Unix socket \"/var/run/postgresql/.s.PGSQL.5432\"\n", logs, StringComparison.Ordinal);
        Assert.Contains("LOG:  database system was shut down at 2026-11-29 10:00:00 UTC\n", logs, StringComparison.Ordinal);
        Assert.EndsWith("2026-11-29 10:00:00.000 UTC [1] LOG:  database system is ready to accept connections\n", logs, StringComparison.Ordinal);
        Assert.True(store.Inspect(id).State.Running);
    }

    [Fact]
    public async Task Stop_sends_sigint_and_logs_a_fast_shutdown_then_exits_0()
    {
        var (store, time) = await CreateAsync();
        var id = await RunDetachedAsync(store, new ContainerConfig("postgres:16") { Env = ["POSTGRES_PASSWORD=secret"] }, new HostConfig(), "db");
        await LogsWhenReadyAsync(store, id);
        time.Advance(TimeSpan.FromMinutes(5));

        await store.StopAsync(id, cancellationToken: Ct).WaitAsync(TimeSpan.FromSeconds(20), Ct);
        Assert.Equal(0, store.Inspect(id).State.ExitCode);
        var logs = store.LogsText(id, new ContainerLogsOptions { Stdout = false });
        var tail = logs[logs.IndexOf("received fast shutdown request", StringComparison.Ordinal)..];
        Assert.Contains("[1] LOG:  aborting any active transactions\n", tail, StringComparison.Ordinal);
        Assert.Contains("[1] LOG:  background worker \"logical replication launcher\" (PID 65) exited with exit code 1\n", tail, StringComparison.Ordinal);
        Assert.Contains("LOG:  shutting down\n", tail, StringComparison.Ordinal);
        Assert.EndsWith("2026-11-29 10:05:00.000 UTC [1] LOG:  database system is shut down\n", tail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sigterm_is_a_smart_shutdown()
    {
        var (store, _) = await CreateAsync();
        var id = await RunDetachedAsync(store, new ContainerConfig("postgres:16") { Env = ["POSTGRES_PASSWORD=secret"] }, new HostConfig(), "db");
        await LogsWhenReadyAsync(store, id);

        await store.StopAsync(id, signal: "SIGTERM", cancellationToken: Ct).WaitAsync(TimeSpan.FromSeconds(20), Ct);
        Assert.Equal(0, store.Inspect(id).State.ExitCode);
        var logs = store.LogsText(id, new ContainerLogsOptions());
        Assert.Contains("[1] LOG:  received smart shutdown request\n", logs, StringComparison.Ordinal);
        Assert.DoesNotContain("fast shutdown", logs[logs.IndexOf("[1] LOG:  starting", StringComparison.Ordinal)..], StringComparison.Ordinal);
        Assert.EndsWith("[1] LOG:  database system is shut down\n", logs, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Volumes_from_a_stopped_server_skips_initialisation()
    {
        var (store, time) = await CreateAsync();
        var first = await RunDetachedAsync(store, new ContainerConfig("postgres:16") { Env = ["POSTGRES_PASSWORD=secret"] }, new HostConfig(), "db");
        await LogsWhenReadyAsync(store, first);
        time.Advance(TimeSpan.FromHours(1));
        await store.StopAsync(first, cancellationToken: Ct).WaitAsync(TimeSpan.FromSeconds(20), Ct);
        time.Advance(TimeSpan.FromHours(1));

        // No password needed now: the data directory is initialised.
        var second = await RunDetachedAsync(store, new ContainerConfig("postgres:16"), new HostConfig { VolumesFrom = ["db"] }, "db2");
        var logs = await LogsWhenReadyAsync(store, second);
        Assert.Equal(
            "\nPostgreSQL Database directory appears to contain a database; Skipping initialization\n\n",
            store.LogsText(second, new ContainerLogsOptions { Stderr = false }));
        Assert.Contains("LOG:  database system was shut down at 2026-11-29 11:00:00 UTC\n", logs, StringComparison.Ordinal);
        Assert.Contains("2026-11-29 12:00:00.000 UTC [1] LOG:  database system is ready to accept connections\n", logs, StringComparison.Ordinal);
        Assert.Equal(store.Inspect(first).Mounts[0].Name, store.Inspect(second).Mounts[0].Name);
    }

    [Fact]
    public async Task Named_volume_is_initialised_once()
    {
        var (store, _) = await CreateAsync();
        var host = new HostConfig { Binds = ["pgdata:/var/lib/postgresql/data"] };
        var first = await RunDetachedAsync(store, new ContainerConfig("postgres:16") { Env = ["POSTGRES_PASSWORD=secret", "POSTGRES_DB=app"] }, host, "db");
        await LogsWhenReadyAsync(store, first);
        Assert.Contains("server started\nCREATE DATABASE\n", store.LogsText(first, new ContainerLogsOptions { Stderr = false }), StringComparison.Ordinal);
        await store.StopAsync(first, cancellationToken: Ct).WaitAsync(TimeSpan.FromSeconds(20), Ct);
        await store.RemoveAsync(first, cancellationToken: Ct);

        var second = await RunDetachedAsync(store, new ContainerConfig("postgres:16"), host, "db");
        await LogsWhenReadyAsync(store, second);
        Assert.Contains("Skipping initialization", store.LogsText(second, new ContainerLogsOptions()), StringComparison.Ordinal);
        Assert.Equal("16\n", store.Volumes.Get("pgdata").Tree.ReadAllText("/PG_VERSION"));
    }

    [Fact]
    public async Task Trust_auth_without_password_warns_and_starts()
    {
        var (store, _) = await CreateAsync();
        var id = await RunDetachedAsync(store, new ContainerConfig("postgres:16") { Env = ["POSTGRES_HOST_AUTH_METHOD=trust"] }, new HostConfig(), "db");
        var logs = await LogsWhenReadyAsync(store, id);
        Assert.StartsWith("****************", logs, StringComparison.Ordinal);
        Assert.Contains("WARNING: POSTGRES_HOST_AUTH_METHOD has been set to \"trust\".", logs, StringComparison.Ordinal);
        var tree = store.Volumes.Get(store.Inspect(id).Mounts[0].Name!).Tree;
        Assert.EndsWith("host all all all trust\n", tree.ReadAllText("/pg_hba.conf"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Version_flag_through_the_entrypoint()
    {
        var (store, _) = await CreateAsync();
        var result = await store.RunAsync(new ContainerConfig("postgres:16") { Cmd = ["--version"] }, cancellationToken: Ct).WaitAsync(TimeSpan.FromSeconds(20), Ct);
        Assert.Equal(0, result.ExitCode);
        Assert.Equal("postgres (PostgreSQL) 16.6 (Debian 16.6-1.pgdg120+1)\n", result.Stdout);
    }

    [Fact]
    public async Task Non_empty_data_directory_without_pg_version_fails_as_initdb()
    {
        var (store, _) = await CreateAsync();
        store.Volumes.Create("pgdata").Tree.WriteAllText("/notes.txt", "hi\n");
        var result = await store.RunAsync(
            new ContainerConfig("postgres:16") { Env = ["POSTGRES_PASSWORD=secret"] },
            new HostConfig { Binds = ["pgdata:/var/lib/postgresql/data"] },
            cancellationToken: Ct).WaitAsync(TimeSpan.FromSeconds(20), Ct);
        Assert.Equal(1, result.ExitCode);
        Assert.EndsWith("Data page checksums are disabled.\n\n", result.Stdout, StringComparison.Ordinal);
        Assert.Equal(
            "initdb: error: directory \"/var/lib/postgresql/data\" exists but is not empty\n" +
            "initdb: hint: If you want to create a new database system, either remove or empty the directory \"/var/lib/postgresql/data\" or run initdb with an argument other than \"/var/lib/postgresql/data\".\n",
            result.Stderr);
    }

    [Fact]
    public async Task As_the_postgres_user_initialises_and_owns_the_files()
    {
        var (store, _) = await CreateAsync();
        var id = await RunDetachedAsync(store, new ContainerConfig("postgres:16") { Env = ["POSTGRES_PASSWORD=secret"], User = "postgres" }, new HostConfig(), "db");
        await LogsWhenReadyAsync(store, id);
        var tree = store.Volumes.Get(store.Inspect(id).Mounts[0].Name!).Tree;
        Assert.Equal(999, tree.Stat("/PG_VERSION").Uid);
        Assert.Equal(999, tree.Stat("/").Uid);
    }

    [Fact]
    public async Task Pg_isready_answers_from_the_running_server()
    {
        var (store, _) = await CreateAsync();
        var id = await RunDetachedAsync(store, new ContainerConfig("postgres:16") { Env = ["POSTGRES_PASSWORD=secret"] }, new HostConfig(), "db");
        await LogsWhenReadyAsync(store, id);
        var ok = await store.ExecAsync(id, new ExecConfig(["pg_isready", "-U", "postgres"]), Ct).WaitAsync(TimeSpan.FromSeconds(20), Ct);
        Assert.Equal(0, ok.ExitCode);
        Assert.Equal("/var/run/postgresql:5432 - accepting connections\n", ok.Stdout);
        var other = await store.ExecAsync(id, new ExecConfig(["pg_isready", "-h", "localhost", "-p", "5433"]), Ct).WaitAsync(TimeSpan.FromSeconds(20), Ct);
        Assert.Equal(2, other.ExitCode);
        Assert.Equal("localhost:5433 - no response\n", other.Stdout);
    }

    [Fact]
    public async Task Restart_after_kill_runs_crash_recovery()
    {
        var (store, time) = await CreateAsync();
        var id = await RunDetachedAsync(store, new ContainerConfig("postgres:16") { Env = ["POSTGRES_PASSWORD=secret"] }, new HostConfig(), "db");
        await LogsWhenReadyAsync(store, id);
        await store.KillAsync(id, cancellationToken: Ct).WaitAsync(TimeSpan.FromSeconds(20), Ct);
        Assert.Equal(137, store.Inspect(id).State.ExitCode);
        time.Advance(TimeSpan.FromMinutes(1));

        var before = store.LogsText(id, new ContainerLogsOptions { Stdout = false }).Length;
        await store.StartAsync(id, Ct);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        string again;
        while (!(again = store.LogsText(id, new ContainerLogsOptions { Stdout = false })[before..]).Contains("ready to accept connections", StringComparison.Ordinal))
        {
            Assert.True(DateTime.UtcNow < deadline, again);
            await Task.Delay(5, Ct);
        }

        Assert.Contains("LOG:  database system was interrupted; last known up at 2026-11-29 10:00:00 UTC\n", again, StringComparison.Ordinal);
        Assert.Contains("LOG:  database system was not properly shut down; automatic recovery in progress\n", again, StringComparison.Ordinal);
        Assert.EndsWith("2026-11-29 10:01:00.000 UTC [1] LOG:  database system is ready to accept connections\n", again, StringComparison.Ordinal);
        Assert.Contains("Skipping initialization", store.LogsText(id, new ContainerLogsOptions { Stderr = false }), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Init_scripts_run_as_postgres_and_sql_files_are_reported()
    {
        var (store, _) = await CreateAsync();
        var id = store.Create(new ContainerConfig("postgres:16") { Env = ["POSTGRES_PASSWORD=secret"] }, new HostConfig(), "db");
        var fs = store.GetRootFileSystem(id);
        fs.WriteAllText("/docker-entrypoint-initdb.d/10-hello.sh", "#!/bin/sh\necho \"hello from $(id -u) in $PGDATA\"\n", (UnixFileMode)0b111_101_101);
        fs.WriteAllText("/docker-entrypoint-initdb.d/20-schema.sql", "CREATE TABLE t (id int);\n");
        fs.WriteAllText("/docker-entrypoint-initdb.d/30-notes.txt", "x\n");
        await store.StartAsync(id, Ct);
        await LogsWhenReadyAsync(store, id);
        var stdout = store.LogsText(id, new ContainerLogsOptions { Stderr = false });
        Assert.Contains(
            "server started\n\n" +
            "/usr/local/bin/docker-entrypoint.sh: running /docker-entrypoint-initdb.d/10-hello.sh\n" +
            "hello from 999 in /var/lib/postgresql/data\n\n" +
            "/usr/local/bin/docker-entrypoint.sh: running /docker-entrypoint-initdb.d/20-schema.sql\n\n\n" +
            "/usr/local/bin/docker-entrypoint.sh: ignoring /docker-entrypoint-initdb.d/30-notes.txt\n\n" +
            "waiting for server to shut down...",
            stdout,
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task Failing_init_script_ends_the_container_with_its_status()
    {
        var (store, _) = await CreateAsync();
        var id = store.Create(new ContainerConfig("postgres:16") { Env = ["POSTGRES_PASSWORD=secret"] });
        store.GetRootFileSystem(id).WriteAllText("/docker-entrypoint-initdb.d/10-fail.sh", "#!/bin/sh\necho boom >&2\nexit 3\n", (UnixFileMode)0b111_101_101);
        await store.StartAsync(id, Ct);
        var exit = await store.WaitAsync(id, cancellationToken: Ct).WaitAsync(TimeSpan.FromSeconds(20), Ct);
        Assert.Equal(3, exit.StatusCode);
        Assert.EndsWith("boom\n", store.LogsText(id, new ContainerLogsOptions { Stdout = false }), StringComparison.Ordinal);
        Assert.DoesNotContain("init process complete", store.LogsText(id, new ContainerLogsOptions()), StringComparison.Ordinal);
    }

    private static async Task<string> RunDetachedAsync(ContainerStore store, ContainerConfig config, HostConfig host, string name)
    {
        var id = store.Create(config, host, name);
        await store.StartAsync(id, Ct);
        return id;
    }

    /// <summary>The stderr logs once the server logged its ready line (a real-time hang guard only).</summary>
    private static async Task<string> LogsWhenReadyAsync(ContainerStore store, string id)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (true)
        {
            var logs = store.LogsText(id, new ContainerLogsOptions { Stdout = false });
            if (logs.Contains("[1] LOG:  database system is ready to accept connections", StringComparison.Ordinal))
            {
                return logs;
            }

            Assert.True(DateTime.UtcNow < deadline, "postgres never got ready:\n" + store.LogsText(id, new ContainerLogsOptions()));
            await Task.Delay(5, Ct);
        }
    }

    private static Task<(ContainerStore Store, FakeTimeProvider Time)> CreateAsync() =>
        StockEngine.CreateAsync(Now, 1, "postgres:16");
}
