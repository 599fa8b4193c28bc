using Simulator.Containers;
using Simulator.Images;
using Simulator.Processes;
using static Simulator.Tests.Containers.ContainerFixture;

namespace Simulator.Tests.Containers;

public sealed class ContainerLifecycleTests
{
    [Fact]
    public async Task Run_alpine_echo_hello_create_start_wait_logs_rm()
    {
        var (store, _) = await CreateAsync();
        var id = store.Create(Alpine("echo", "hello"), name: "web");
        Assert.Matches("^[0-9a-f]{64}$", id);
        var created = store.Inspect("web");
        Assert.Equal("/web", created.Name);
        Assert.Equal("Created", created.Status);
        Assert.Equal(ContainerStatus.Created, created.State.Status);
        Assert.Null(created.State.StartedAt);
        Assert.Equal("echo", created.Path);
        Assert.Equal(["hello"], created.Args);
        Assert.Equal("echo hello", created.Command);

        var wait = store.WaitAsync(id, WaitCondition.NextExit, Ct);
        await store.StartAsync(id, Ct);
        var result = await wait.WaitAsync(Guard, Ct);
        Assert.Equal(0, result.StatusCode);

        var exited = store.Inspect(id[..12]);
        Assert.Equal(ContainerStatus.Exited, exited.State.Status);
        Assert.Equal("Exited (0) Less than a second ago", exited.Status);
        Assert.NotNull(exited.State.FinishedAt);
        Assert.Equal(0, exited.State.Pid);
        Assert.False(exited.State.OOMKilled);
        Assert.Equal("hello\n", store.LogsText(id));

        await store.RemoveAsync("web", cancellationToken: Ct);
        var ex = Assert.Throws<DockerSimulatorException>(() => store.Inspect("web"));
        Assert.Equal("No such container: web", ex.Message);
        Assert.Equal(ErrorKind.NotFound, ex.Kind);
        Assert.Equal(0, store.Count);
    }

    [Fact]
    public async Task Missing_image_is_docker_no_such_image()
    {
        var (store, _) = await CreateAsync();
        var ex = Assert.Throws<DockerSimulatorException>(() => store.Create(new ContainerConfig("nosuch")));
        Assert.Equal("No such image: nosuch:latest", ex.Message);
    }

    [Fact]
    public async Task No_command_is_an_error()
    {
        var (store, _) = await CreateAsync();
        var image = store.Images.Add(ImageBuilder.FromScratch().WithFile("/a", "x").Build());
        var ex = Assert.Throws<DockerSimulatorException>(() => store.Create(new ContainerConfig(image.Id.ToString())));
        Assert.Equal("no command specified", ex.Message);
        Assert.Equal(ErrorKind.InvalidArgument, ex.Kind);
    }

    [Fact]
    public async Task Entrypoint_and_cmd_combine_as_docker()
    {
        var (store, _) = await CreateAsync();
        var image = store.Images.Add(ImageBuilder.From(store.Images.Get("alpine"))
            .WithEntrypoint("/bin/echo", "ep").WithCmd("a", "b").WithEnv("A", "1").WithEnv("B", "2")
            .WithWorkingDir("/srv").WithUser("nobody").Build());
        var imageId = image.Id.ToString();

        var plain = store.Inspect(store.Create(new ContainerConfig(imageId)));
        Assert.Equal("/bin/echo", plain.Path);
        Assert.Equal(["ep", "a", "b"], plain.Args);
        Assert.Equal("/srv", plain.Config.WorkingDir);
        Assert.Equal("nobody", plain.Config.User);

        var cmd = store.Inspect(store.Create(new ContainerConfig(imageId) { Cmd = ["c"] }));
        Assert.Equal(["ep", "c"], cmd.Args);

        var entry = store.Inspect(store.Create(new ContainerConfig(imageId) { Entrypoint = ["/bin/true"] }));
        Assert.Equal("/bin/true", entry.Path);
        Assert.Empty(entry.Args);

        var env = store.Inspect(store.Create(new ContainerConfig(imageId) { Env = ["B=3", "C=4"], WorkingDir = "/w", User = "root" }));
        // moby daemon/commit.go merge: the user's variables first, then the image's the user did not set.
        Assert.Equal(["B=3", "C=4", "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "A=1"], env.Config.Env);
        Assert.Equal("/w", env.Config.WorkingDir);
        Assert.Equal("root", env.Config.User);
        Assert.Contains("A /w", store.Diff(env.Id).Select(c => c.ToString()));
    }

    [Fact]
    public async Task Create_checks_image_then_command_then_name()
    {
        var (store, _) = await CreateAsync();
        store.Create(Alpine("true"), name: "web");
        Assert.Equal("No such image: nosuch:latest", Assert.Throws<DockerSimulatorException>(() => store.Create(new ContainerConfig("nosuch"), name: "web")).Message);
        Assert.Equal("no command specified", Assert.Throws<DockerSimulatorException>(() => store.Create(new ContainerConfig("alpine") { Entrypoint = [""] }, name: "web")).Message);
        Assert.Equal("the working directory 'rel' is invalid, it needs to be an absolute path", Assert.Throws<DockerSimulatorException>(() => store.Create(Alpine("true") with { WorkingDir = "rel" })).Message);
        var id = store.Create(new ContainerConfig("alpine") { Entrypoint = [""], Cmd = ["echo", "x"] });
        Assert.Equal("echo", store.Inspect(id).Path);
        Assert.Equal(2, store.Count);
    }

    [Theory]
    [InlineData("a")]
    [InlineData("-web")]
    [InlineData("web!")]
    [InlineData("we b")]
    public async Task Invalid_names_are_refused(string name)
    {
        var (store, _) = await CreateAsync();
        var ex = Assert.Throws<DockerSimulatorException>(() => store.Create(Alpine("true"), name: name));
        Assert.Equal($"Invalid container name ({name}), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed", ex.Message);
        Assert.Equal(0, store.Count);
    }

    [Fact]
    public async Task Name_conflict_names_the_owner()
    {
        var (store, _) = await CreateAsync();
        var id = store.Create(Alpine("true"), name: "/web");
        var ex = Assert.Throws<DockerSimulatorException>(() => store.Create(Alpine("true"), name: "web"));
        Assert.Equal($"Conflict. The container name \"/web\" is already in use by container \"{id}\". You have to remove (or rename) that container to be able to reuse that name.", ex.Message);
        Assert.Equal(ErrorKind.Conflict, ex.Kind);
    }

    [Fact]
    public async Task Random_names_are_adjective_surname_and_seeded()
    {
        var (a, _) = await CreateAsync(seed: 7);
        var (b, _) = await CreateAsync(seed: 7);
        for (int i = 0; i < 20; i++)
        {
            var x = a.Inspect(a.Create(Alpine("true")));
            var y = b.Inspect(b.Create(Alpine("true")));
            Assert.Equal(x.Id, y.Id);
            Assert.Equal(x.Name, y.Name);
            Assert.Matches("^/[a-z]+_[a-z]+[0-9]?$", x.Name);
        }
    }

    [Fact]
    public async Task Lookup_by_id_prefix_and_ambiguity()
    {
        var (store, _) = await CreateAsync();
        var ids = Enumerable.Range(0, 40).Select(_ => store.Create(Alpine("true"))).ToList();
        var shared = ids.GroupBy(id => id[..1]).First(g => g.Count() > 1).Key;
        var ex = Assert.Throws<DockerSimulatorException>(() => store.Inspect(shared));
        Assert.Equal("multiple IDs found with provided prefix: " + shared, ex.Message);
        Assert.Equal(ErrorKind.InvalidArgument, ex.Kind);
        Assert.Equal(ids[3], store.Inspect(ids[3][..12]).Id);
        Assert.Equal(ids[3], store.Inspect(ids[3]).Id);
        Assert.Equal("No such container: ", Assert.Throws<DockerSimulatorException>(() => store.Inspect("")).Message);
        Assert.Equal("No such container: zzz", Assert.Throws<DockerSimulatorException>(() => store.Inspect("zzz")).Message);
    }

    [Fact]
    public async Task Rm_of_a_running_container_needs_force()
    {
        var (store, _) = await CreateAsync();
        var id = store.Create(IgnoresTerm(), name: "web");
        await store.StartAsync("web", Ct);
        var ex = await Assert.ThrowsAsync<DockerSimulatorException>(() => store.RemoveAsync("web", cancellationToken: Ct));
        Assert.Equal("cannot remove container \"web\": container is running: stop the container before removing or force remove", ex.Message);
        Assert.Equal(ErrorKind.Conflict, ex.Kind);

        store.Pause("web");
        ex = await Assert.ThrowsAsync<DockerSimulatorException>(() => store.RemoveAsync(id[..5], cancellationToken: Ct));
        Assert.Equal($"cannot remove container \"{id[..5]}\": container is paused and must be unpaused first", ex.Message);

        var removed = store.WaitAsync("web", WaitCondition.Removed, Ct);
        await store.RemoveAsync("web", force: true, Ct).WaitAsync(Guard, Ct);
        Assert.Equal(137, (await removed.WaitAsync(Guard, Ct)).StatusCode);
        Assert.False(store.TryInspect("web", out _));
        store.Create(Alpine("true"), name: "web");
    }

    [Fact]
    public async Task Stop_of_a_program_that_ignores_term_kills_after_the_timeout()
    {
        var (store, time) = await CreateAsync();
        var id = store.Create(IgnoresTerm(), name: "web");
        await store.StartAsync(id, Ct);
        Assert.Equal(1, store.Inspect(id).State.Pid);
        var stop = store.StopAsync("web", cancellationToken: Ct);
        time.Advance(TimeSpan.FromSeconds(9));
        await Task.Yield();
        Assert.False(stop.IsCompleted);
        Assert.Equal(ContainerStatus.Running, store.Inspect(id).State.Status);
        time.Advance(TimeSpan.FromSeconds(1));
        await stop.WaitAsync(Guard, Ct);
        var state = store.Inspect(id).State;
        Assert.Equal(ContainerStatus.Exited, state.Status);
        Assert.Equal(137, state.ExitCode);
        Assert.Equal("Exited (137) Less than a second ago", store.Inspect(id).Status);
        time.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal("Exited (137) 2 seconds ago", store.Inspect(id).Status);
        Assert.Equal("12 seconds ago", store.Inspect(id).CreatedText);
    }

    [Fact]
    public async Task Stop_timeout_comes_from_the_config_or_the_argument()
    {
        var (store, time) = await CreateAsync();
        var id = store.Create(IgnoresTerm() with { StopTimeout = 2 });
        await store.StartAsync(id, Ct);
        var stop = store.StopAsync(id, cancellationToken: Ct);
        time.Advance(TimeSpan.FromSeconds(2));
        await stop.WaitAsync(Guard, Ct);
        Assert.Equal(137, store.Inspect(id).State.ExitCode);

        await store.StartAsync(id, Ct);
        stop = store.StopAsync(id, timeoutSeconds: 0, cancellationToken: Ct);
        await stop.WaitAsync(Guard, Ct);
        Assert.Equal(137, store.Inspect(id).State.ExitCode);
    }

    [Fact]
    public async Task Stop_uses_the_stop_signal_from_config_or_argument()
    {
        var (store, time) = await CreateAsync();
        var id = store.Create(Graceful() with { StopSignal = "SIGUSR1" });
        await store.StartAsync(id, Ct);
        await EventuallyAsync(() => store.LogsText(id) == "ready\n");
        var stop = store.StopAsync(id, cancellationToken: Ct);
        Assert.False(stop.IsCompleted); // USR1 is not handled: PID 1 ignores it
        time.Advance(TimeSpan.FromSeconds(10));
        await stop.WaitAsync(Guard, Ct);
        Assert.Equal(137, store.Inspect(id).State.ExitCode);
        Assert.Equal("SIGUSR1", store.Inspect(id).Config.StopSignal);

        await store.StartAsync(id, Ct);
        await EventuallyAsync(() => store.LogsText(id) == "ready\nready\n");
        await store.StopAsync(id, signal: "TERM", cancellationToken: Ct).WaitAsync(Guard, Ct);
        Assert.Equal(143, store.Inspect(id).State.ExitCode);
    }

    [Fact]
    public async Task Stop_of_a_program_handling_term_exits_at_once()
    {
        var (store, _) = await CreateAsync();
        var id = store.Create(Graceful());
        await store.StartAsync(id, Ct);
        await EventuallyAsync(() => store.LogsText(id) == "ready\n");
        await store.StopAsync(id, cancellationToken: Ct).WaitAsync(Guard, Ct);
        Assert.Equal(143, store.Inspect(id).State.ExitCode);
        await store.StopAsync(id, cancellationToken: Ct); // not running: nothing happens
    }

    [Fact]
    public async Task Kill_signals_and_errors()
    {
        var (store, _) = await CreateAsync();
        var id = store.Create(IgnoresTerm(), name: "web");
        var ex = await Assert.ThrowsAsync<DockerSimulatorException>(() => store.KillAsync("web", cancellationToken: Ct));
        Assert.Equal($"Cannot kill container: web: container {id} is not running", ex.Message);

        await store.StartAsync(id, Ct);
        await store.KillAsync("web", "USR1", Ct); // PID 1 without a handler ignores it
        Assert.Equal(ContainerStatus.Running, store.Inspect(id).State.Status);
        await store.KillAsync("web", cancellationToken: Ct).WaitAsync(Guard, Ct);
        Assert.Equal(137, store.Inspect(id).State.ExitCode);
        await Assert.ThrowsAsync<FormatException>(() => store.KillAsync("web", "NOPE", Ct));
    }

    [Fact]
    public async Task Wait_conditions()
    {
        var (store, _) = await CreateAsync();
        var id = store.Create(Alpine("sh", "-c", "exit 3"));
        Assert.Equal(0, (await store.WaitAsync(id, cancellationToken: Ct)).StatusCode); // created: not running
        var next = store.WaitAsync(id, WaitCondition.NextExit, Ct);
        var removed = store.WaitAsync(id, WaitCondition.Removed, Ct);
        Assert.False(next.IsCompleted);
        await store.StartAsync(id, Ct);
        Assert.Equal(3, (await next.WaitAsync(Guard, Ct)).StatusCode);
        Assert.Equal(3, (await store.WaitAsync(id, cancellationToken: Ct)).StatusCode);
        Assert.False(removed.IsCompleted);
        await store.RemoveAsync(id, cancellationToken: Ct);
        Assert.Equal(3, (await removed.WaitAsync(Guard, Ct)).StatusCode);
    }

    [Fact]
    public async Task Status_strings_follow_the_clock()
    {
        var (store, time) = await CreateAsync();
        var id = store.Create(IgnoresTerm());
        time.Advance(TimeSpan.FromHours(2));
        Assert.Equal("2 hours ago", store.Inspect(id).CreatedText);
        await store.StartAsync(id, Ct);
        time.Advance(TimeSpan.FromMinutes(44));
        Assert.Equal("Up 44 minutes", store.Inspect(id).Status);
        store.Pause(id);
        Assert.True(store.Inspect(id).State.Paused);
        Assert.True(store.Inspect(id).State.Running);
        Assert.Equal("Up 44 minutes (Paused)", store.Inspect(id).Status);
        Assert.Equal($"container {id} is already paused", Assert.Throws<DockerSimulatorException>(() => store.Pause(id)).Message);
        var ex = await Assert.ThrowsAsync<DockerSimulatorException>(() => store.StartAsync(id, Ct));
        Assert.Equal("cannot start a paused container, try unpause instead", ex.Message);
        store.Unpause(id);
        Assert.Equal($"container {id} is not paused", Assert.Throws<DockerSimulatorException>(() => store.Unpause(id)).Message);
        Assert.Single(store.List());
        await store.KillAsync(id, cancellationToken: Ct);
        Assert.Empty(store.List());
        Assert.Single(store.List(all: true));
        Assert.Equal($"container {id} is not running", Assert.Throws<DockerSimulatorException>(() => store.Pause(id)).Message);
    }

    [Fact]
    public async Task Restart_stops_and_starts_again()
    {
        var (store, time) = await CreateAsync();
        var id = store.Create(Graceful());
        await store.StartAsync(id, Ct);
        await EventuallyAsync(() => store.LogsText(id) == "ready\n");
        var first = store.Inspect(id).State.StartedAt;
        time.Advance(TimeSpan.FromMinutes(1));
        await store.RestartAsync(id, cancellationToken: Ct).WaitAsync(Guard, Ct);
        var state = store.Inspect(id);
        Assert.Equal(ContainerStatus.Running, state.State.Status);
        Assert.Equal(143, state.State.ExitCode);
        Assert.True(state.State.StartedAt > first);
        Assert.Equal(0, state.RestartCount);
        await store.RemoveAsync(id, force: true, Ct);
    }

    [Fact]
    public async Task Auto_remove_removes_on_exit()
    {
        var (store, _) = await CreateAsync();
        var result = await store.RunAsync(Alpine("sh", "-c", "echo out; echo err >&2; exit 2"), new HostConfig { AutoRemove = true }, "tmp", Ct).WaitAsync(Guard, Ct);
        Assert.Equal(2, result.ExitCode);
        Assert.Equal("out\n", result.Stdout);
        Assert.Equal("err\n", result.Stderr);
        Assert.Equal(0, store.Count);
        Assert.False(store.TryInspect("tmp", out _));
    }

    [Fact]
    public async Task Auto_remove_with_a_restart_policy_is_refused()
    {
        var (store, _) = await CreateAsync();
        var ex = Assert.Throws<DockerSimulatorException>(() => store.Create(Alpine("true"), new HostConfig { AutoRemove = true, RestartPolicy = RestartPolicy.Always }));
        Assert.Equal("can't create 'AutoRemove' container with restart policy", ex.Message);
        Assert.Equal("on-failure:3", RestartPolicy.Parse("on-failure:3").ToString());
        Assert.Equal(new RestartPolicy("sometimes"), RestartPolicy.Parse("sometimes"));
        Assert.Equal(new RestartPolicy("always", 3), RestartPolicy.Parse("always:3"));
    }

    // Texts: docker CLI 28.2.2 (`docker run --restart :3 ...` fails before reaching a daemon) and moby
    // api/types/container/hostconfig.go ValidateRestartPolicy (the daemon's answer at create).
    [Theory]
    [InlineData(":3", "invalid restart policy format: no policy provided before colon")]
    [InlineData("on-failure:x", "invalid restart policy format: maximum retry count must be an integer")]
    [InlineData("on-failure:1.5", "invalid restart policy format: maximum retry count must be an integer")]
    public void Restart_policy_format_errors_are_the_clis(string text, string message)
    {
        var ex = Assert.Throws<DockerSimulatorException>(() => RestartPolicy.Parse(text));
        Assert.Equal(message, ex.Message);
    }

    [Theory]
    [InlineData("on-failure:-1", "invalid restart policy: maximum retry count cannot be negative")]
    [InlineData("always:3", "invalid restart policy: maximum retry count can only be used with 'on-failure'")]
    [InlineData("always:-3", "invalid restart policy: maximum retry count can only be used with 'on-failure' and cannot be negative")]
    [InlineData("no:2", "invalid restart policy: maximum retry count can only be used with 'on-failure'")]
    [InlineData("unless-stopped:+1", "invalid restart policy: maximum retry count can only be used with 'on-failure'")]
    [InlineData("sometimes", "invalid restart policy: unknown policy 'sometimes'; use one of 'no', 'always', 'on-failure', or 'unless-stopped'")]
    public async Task Odd_restart_policies_are_refused_at_create_with_the_daemons_text_and_nothing_is_created(string text, string message)
    {
        var (store, _) = await CreateAsync();
        int before = store.Count;
        var ex = Assert.Throws<DockerSimulatorException>(() => store.Create(Alpine("true"), new HostConfig { RestartPolicy = RestartPolicy.Parse(text) }));
        Assert.Equal(ErrorKind.InvalidArgument, ex.Kind);
        Assert.Equal(message, ex.Message);
        Assert.Equal(before, store.Count);
    }

    // moby v28.2.2 daemon/stop.go: -s is parsed only for a running container, before anything changes, and the error is
    // wrapped as "cannot stop container: %s"; a stopped container is a 304 whatever the signal.
    [Fact]
    public async Task Stop_with_a_bad_signal_leaves_a_paused_container_paused_and_ignores_it_when_stopped()
    {
        var (store, _) = await CreateAsync();
        var id = store.Create(Alpine("sleep", "1000"), name: "web");
        await store.StartAsync(id, Ct);
        store.Pause("web");
        var ex = await Assert.ThrowsAsync<DockerSimulatorException>(() => store.StopAsync("web", signal: "FOO", cancellationToken: Ct));
        Assert.Equal(ErrorKind.InvalidArgument, ex.Kind);
        Assert.Equal("cannot stop container: web: Invalid signal: FOO", ex.Message);
        Assert.Equal(ContainerStatus.Paused, store.Inspect("web").State.Status);
        Assert.Equal("Up Less than a second (Paused)", store.Inspect("web").Status);

        await store.KillAsync("web", cancellationToken: Ct);
        await store.StopAsync("web", signal: "FOO", cancellationToken: Ct);
        Assert.Equal(137, store.Inspect("web").State.ExitCode);
    }

    // moby v28.2.2 daemon/kill.go: signal.ParseSignal (Atoi, 0 refused as "Invalid signal: 0"), then
    // ValidSignalForPlatform ("the linux daemon does not support signal %d"), both before the container is looked up.
    [Theory]
    [InlineData("65", "the linux daemon does not support signal 65")]
    [InlineData("-1", "the linux daemon does not support signal -1")]
    public async Task Kill_with_a_number_outside_linux_signals_is_the_daemons_text(string signal, string message)
    {
        var (store, _) = await CreateAsync();
        var id = store.Create(Alpine("sleep", "1000"), name: "web");
        await store.StartAsync(id, Ct);
        var ex = await Assert.ThrowsAsync<DockerSimulatorException>(() => store.KillAsync("web", signal, Ct));
        Assert.Equal(message, ex.Message);
        Assert.Equal(ErrorKind.InvalidArgument, ex.Kind);
        Assert.Equal(message, (await Assert.ThrowsAsync<DockerSimulatorException>(() => store.KillAsync("nope", signal, Ct))).Message);
        Assert.Equal("Invalid signal: 0", (await Assert.ThrowsAsync<FormatException>(() => store.KillAsync("web", "0", Ct))).Message);
        Assert.Equal(ContainerStatus.Running, store.Inspect("web").State.Status);
    }

    // moby v28.2.2 daemon/container.go validateContainerConfig: signal.ParseSignal(config.StopSignal) at create.
    [Fact]
    public async Task A_bad_stop_signal_is_refused_at_create_and_nothing_is_created()
    {
        var (store, _) = await CreateAsync();
        var ex = Assert.Throws<DockerSimulatorException>(() => store.Create(Alpine("true") with { StopSignal = "FOO" }, name: "bad"));
        Assert.Equal("Invalid signal: FOO", ex.Message);
        Assert.Equal(ErrorKind.InvalidArgument, ex.Kind);
        Assert.Equal(0, store.Count);
        Assert.False(store.TryInspect("bad", out _));
        store.Create(Alpine("true") with { StopSignal = "sigusr1" }, name: "ok");
    }

    [Fact]
    public async Task On_failure_with_an_empty_or_signed_count_parses_as_go_atoi()
    {
        var (store, _) = await CreateAsync();
        Assert.Equal(RestartPolicy.OnFailure(0), RestartPolicy.Parse("on-failure:"));
        Assert.Equal(RestartPolicy.OnFailure(2), RestartPolicy.Parse("on-failure:+2"));
        var id = store.Create(Alpine("true"), new HostConfig { RestartPolicy = RestartPolicy.Parse("on-failure:+2") });
        Assert.Equal(RestartPolicy.OnFailure(2), store.Inspect(id).HostConfig.RestartPolicy);
    }

    [Fact]
    public async Task On_failure_restarts_n_times()
    {
        var (store, time) = await CreateAsync();
        var id = store.Create(Alpine("sh", "-c", "echo run; exit 1"), new HostConfig { RestartPolicy = RestartPolicy.OnFailure(3) });
        await store.StartAsync(id, Ct);
        await AdvanceUntilAsync(time, () => store.Inspect(id) is { RestartCount: 3, State.Status: ContainerStatus.Exited }, TimeSpan.FromMilliseconds(100));
        time.Advance(TimeSpan.FromMinutes(5));
        await Task.Delay(10, Ct);
        var c = store.Inspect(id);
        Assert.Equal(3, c.RestartCount);
        Assert.Equal(1, c.State.ExitCode);
        Assert.Equal("run\nrun\nrun\nrun\n", store.LogsText(id));
    }

    [Fact]
    public async Task On_failure_does_not_restart_on_success()
    {
        var (store, time) = await CreateAsync();
        var id = store.Create(Alpine("true"), new HostConfig { RestartPolicy = RestartPolicy.OnFailure() });
        var r = store.WaitAsync(id, WaitCondition.NextExit, Ct);
        await store.StartAsync(id, Ct);
        await r.WaitAsync(Guard, Ct);
        time.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal(0, store.Inspect(id).RestartCount);
        Assert.Equal(ContainerStatus.Exited, store.Inspect(id).State.Status);
    }

    [Fact]
    public async Task Always_restarts_until_stopped()
    {
        var (store, time) = await CreateAsync();
        var id = store.Create(Alpine("true"), new HostConfig { RestartPolicy = RestartPolicy.Always });
        await store.StartAsync(id, Ct);
        await AdvanceUntilAsync(time, () => store.Inspect(id).RestartCount >= 5, TimeSpan.FromMilliseconds(100), 2000);
        await EventuallyAsync(() => store.Inspect(id).State.Status is ContainerStatus.Restarting or ContainerStatus.Running or ContainerStatus.Exited);
        if (store.Inspect(id).State.Status == ContainerStatus.Restarting)
        {
            Assert.StartsWith("Restarting (0) ", store.Inspect(id).Status);
        }

        await store.StopAsync(id, cancellationToken: Ct).WaitAsync(Guard, Ct);
        await EventuallyAsync(() => store.Inspect(id).State.Status == ContainerStatus.Exited);
        var count = store.Inspect(id).RestartCount;
        time.Advance(TimeSpan.FromMinutes(10));
        await Task.Delay(10, Ct);
        Assert.Equal(count, store.Inspect(id).RestartCount);
        Assert.Equal(ContainerStatus.Exited, store.Inspect(id).State.Status);
    }

    [Fact]
    public async Task Unless_stopped_restarts_until_stopped_and_counts()
    {
        // moby restartmanager: unless-stopped restarts on any exit like always (they differ only at daemon start);
        // a manual stop (HasBeenManuallyStopped) ends it.
        var (store, time) = await CreateAsync();
        var id = store.Create(Alpine("sh", "-c", "exit 2"), new HostConfig { RestartPolicy = RestartPolicy.UnlessStopped });
        await store.StartAsync(id, Ct);
        await AdvanceUntilAsync(time, () => store.Inspect(id).RestartCount >= 3, TimeSpan.FromMilliseconds(100), 2000);
        Assert.Equal("unless-stopped", store.Inspect(id).HostConfig.RestartPolicy.Name);

        await store.StopAsync(id, cancellationToken: Ct).WaitAsync(Guard, Ct);
        await EventuallyAsync(() => store.Inspect(id).State.Status == ContainerStatus.Exited);
        var count = store.Inspect(id).RestartCount;
        time.Advance(TimeSpan.FromMinutes(10));
        await Task.Delay(10, Ct);
        Assert.Equal(count, store.Inspect(id).RestartCount);
        Assert.Equal(2, store.Inspect(id).State.ExitCode);
        Assert.StartsWith("Exited (2) ", store.Inspect(id).Status, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Kill_ends_an_always_restart_policy()
    {
        // moby daemon/kill.go killWithSignal sets HasBeenManuallyStopped: no restart after docker kill.
        var (store, time) = await CreateAsync();
        var id = store.Create(IgnoresTerm(), new HostConfig { RestartPolicy = RestartPolicy.Always });
        await store.StartAsync(id, Ct);
        await store.KillAsync(id, cancellationToken: Ct);
        await EventuallyAsync(() => store.Inspect(id).State.Status == ContainerStatus.Exited);
        time.Advance(TimeSpan.FromMinutes(1));
        await Task.Delay(10, Ct);
        Assert.Equal((ContainerStatus.Exited, 137, 0), (store.Inspect(id).State.Status, store.Inspect(id).State.ExitCode, store.Inspect(id).RestartCount));
    }

    [Fact]
    public async Task Wait_not_running_blocks_on_a_running_container_until_it_exits()
    {
        // moby container/wait.go: not-running returns at once only when the container is not running.
        var (store, _) = await CreateAsync();
        var id = store.Create(IgnoresTerm(), name: "w1");
        await store.StartAsync(id, Ct);
        var notRunning = store.WaitAsync("w1", WaitCondition.NotRunning, Ct);
        var next = store.WaitAsync("w1", WaitCondition.NextExit, Ct);
        await Task.Delay(10, Ct);
        Assert.False(notRunning.IsCompleted);
        await store.KillAsync("w1", "SIGTERM", Ct); // PID 1 without a handler ignores it (SEMANTICS: signals to PID 1)
        await Task.Delay(10, Ct);
        Assert.False(notRunning.IsCompleted);
        await store.KillAsync("w1", cancellationToken: Ct);
        Assert.Equal(137, (await notRunning.WaitAsync(Guard, Ct)).StatusCode);
        Assert.Equal(137, (await next.WaitAsync(Guard, Ct)).StatusCode);

        // Exited: not-running answers at once with the last code; next-exit waits for another run.
        Assert.Equal(137, (await store.WaitAsync("w1", cancellationToken: Ct).WaitAsync(Guard, Ct)).StatusCode);
        var again = store.WaitAsync("w1", WaitCondition.NextExit, Ct);
        await Task.Delay(10, Ct);
        Assert.False(again.IsCompleted);

        // A missing container: moby's No such container, and the waiter ends with the removal.
        await store.RemoveAsync("w1", cancellationToken: Ct);
        var missing = await Assert.ThrowsAsync<DockerSimulatorException>(() => store.WaitAsync("w1", cancellationToken: Ct));
        Assert.Equal("No such container: w1", missing.Message);
    }

    [Fact]
    public async Task Failed_start_keeps_exit_code_and_error()
    {
        var (store, _) = await CreateAsync();
        var id = store.Create(Alpine("nosuchprogram"));
        var ex = await Assert.ThrowsAsync<ExecException>(() => store.StartAsync(id, Ct));
        Assert.Equal(127, ex.ExitCode);
        var state = store.Inspect(id);
        Assert.Equal("Created", state.Status);
        Assert.Equal(127, state.State.ExitCode);
        Assert.Contains("executable file not found in $PATH", state.State.Error);
    }

    [Fact]
    public async Task Rename_rules()
    {
        var (store, _) = await CreateAsync();
        var id = store.Create(Alpine("true"), name: "web");
        var other = store.Create(Alpine("true"), name: "db");
        Assert.Equal("Renaming a container with the same name as its current name", Assert.Throws<DockerSimulatorException>(() => store.Rename("web", "web")).Message);
        Assert.Equal($"Error when allocating new name: Conflict. The container name \"/db\" is already in use by container \"{other}\". You have to remove (or rename) that container to be able to reuse that name.", Assert.Throws<DockerSimulatorException>(() => store.Rename("web", "db")).Message);
        Assert.Equal("Error when allocating new name: Invalid container name (x!), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed", Assert.Throws<DockerSimulatorException>(() => store.Rename("web", "x!")).Message);
        Assert.Equal("Neither old nor new names may be empty", Assert.Throws<DockerSimulatorException>(() => store.Rename("web", "")).Message);
        store.Rename("web", "api");
        Assert.Equal(id, store.Inspect("api").Id);
        Assert.Equal("/api", store.Inspect(id).Name);
        Assert.False(store.TryInspect("web", out _));
        store.Create(Alpine("true"), name: "web");
    }

    [Fact]
    public async Task Etc_files_are_provided_and_not_in_diff()
    {
        var (store, _) = await CreateAsync();
        var result = await store.RunAsync(Alpine("sh", "-c", "cat /etc/hostname; cat /etc/resolv.conf; head -1 /etc/hosts; echo $HOSTNAME"), name: "hn", cancellationToken: Ct).WaitAsync(Guard, Ct);
        var shortId = result.Id[..12];
        Assert.Equal($"{shortId}\nnameserver 8.8.8.8\nnameserver 8.8.4.4\n127.0.0.1\tlocalhost\n{shortId}\n", result.Stdout);
        Assert.Empty(store.Diff("hn"));
    }

    [Fact]
    public async Task Read_only_rootfs_refuses_writes()
    {
        var (store, _) = await CreateAsync();
        var result = await store.RunAsync(Alpine("sh", "-c", "echo x > /f"), new HostConfig { ReadonlyRootfs = true }, cancellationToken: Ct).WaitAsync(Guard, Ct);
        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("Read-only file system", result.Stderr);
    }
}
