using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;
using Simulator.Containers;
using Simulator.EngineApi.Internal;
using Simulator.Processes;

namespace Simulator.EngineApi;

/// <summary>/containers/{id}/exec, /exec/{id}/start, /exec/{id}/json.</summary>
public sealed partial class EngineApiHandler
{
    private readonly ConcurrentDictionary<string, ExecInstance> _execs = new(StringComparer.Ordinal);

    private void MapExec()
    {
        Map("POST", "/containers/(?<id>[^/]+)/exec", CreateExecAsync);
        Map("POST", "/exec/(?<id>[^/]+)/start", StartExecAsync);
        Map("POST", "/exec/(?<id>[^/]+)/resize", r =>
        {
            FindExec(r["id"]);
            return Status(HttpStatusCode.OK);
        });
        Map("GET", "/exec/(?<id>[^/]+)/json", r => Json(ExecInspectJson(FindExec(r["id"]))));
    }

    private JsonArray? ExecIdsOf(string containerId)
    {
        var ids = _execs.Values.Where(e => e.ContainerId == containerId && e.Running).Select(e => e.Id).ToList();
        return ids.Count == 0 ? null : ApiJson.Strings(ids);
    }

    private ExecInstance FindExec(string id) =>
        _execs.TryGetValue(id, out var exec) ? exec : throw new DockerSimulatorException(ErrorKind.NotFound, "No such exec instance: " + id);

    /// <summary>POST /containers/{id}/exec (moby daemon/exec.go ContainerExecCreate).</summary>
    private async Task<HttpResponseMessage> CreateExecAsync(ApiRequest request, CancellationToken cancellationToken)
    {
        var body = await request.ReadJsonAsync(cancellationToken).ConfigureAwait(false);
        var c = Engine.Containers.Inspect(request["id"]);
        var cmd = body.GetStrings("Cmd") ?? [];
        if (cmd.Count == 0)
        {
            throw new DockerSimulatorException(ErrorKind.InvalidArgument, "No exec command specified");
        }

        switch (c.State.Status)
        {
            case ContainerStatus.Paused:
                throw new DockerSimulatorException(ErrorKind.Conflict, $"container {c.Id} is paused, unpause the container before exec");
            case ContainerStatus.Restarting:
                throw new DockerSimulatorException(ErrorKind.Conflict, $"container {c.Id} is restarting, wait until the container is running");
            case not ContainerStatus.Running:
                throw new DockerSimulatorException(ErrorKind.Conflict, $"container {c.Id} is not running");
        }

        var id = NewId();
        var config = new ExecConfig(cmd)
        {
            User = body.GetString("User"),
            WorkingDir = body.GetString("WorkingDir"),
            Env = body.GetStrings("Env") ?? [],
        };
        _execs[id] = new ExecInstance(id, c.Id, config)
        {
            Tty = body.GetBool("Tty") || body.GetBool("TTY"),
            AttachStdin = body.GetBool("AttachStdin"),
            AttachStdout = body.GetBool("AttachStdout"),
            AttachStderr = body.GetBool("AttachStderr"),
            Privileged = body.GetBool("Privileged"),
        };
        return Json(HttpStatusCode.Created, new JsonObject { ["Id"] = id });
    }

    /// <summary>POST /exec/{id}/start: detached, or hijacked (101 with <c>Upgrade: tcp</c>, else a 200 raw stream) until the process ends.</summary>
    private async Task<HttpResponseMessage> StartExecAsync(ApiRequest request, CancellationToken cancellationToken)
    {
        var body = await request.ReadJsonAsync(cancellationToken).ConfigureAwait(false);
        var exec = FindExec(request["id"]);
        lock (exec)
        {
            if (exec.Started)
            {
                throw new DockerSimulatorException(ErrorKind.Conflict, $"Error: Exec command {exec.Id} has already run");
            }

            exec.Started = true;
            exec.Running = true;
        }

        var c = Engine.Containers.Inspect(exec.ContainerId);
        if (!c.State.Running)
        {
            exec.Running = false;
            throw new DockerSimulatorException(ErrorKind.Conflict, $"container {c.Id} is not running");
        }

        bool tty = exec.Tty || body.GetBool("Tty");
        if (body.GetBool("Detach"))
        {
            _ = RunExecAsync(exec, null, tty, CancellationToken.None);
            return Status(HttpStatusCode.OK);
        }

        Task Session(Stream connection, CancellationToken ct) => RunExecAsync(exec, connection, tty, ct);
        return request.WantsUpgrade ? Upgrade(Session, tty) : Stream(Session, tty ? StdFrames.RawType : StdFrames.MultiplexedType);
    }

    private async Task RunExecAsync(ExecInstance exec, Stream? connection, bool tty, CancellationToken cancellationToken)
    {
        try
        {
            byte[]? stdin = null;
            if (exec.AttachStdin && connection is not null)
            {
                // The engine runs exec with its whole stdin: read until the client half-closes.
                using var buffer = new MemoryStream();
                await connection.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
                stdin = buffer.ToArray();
            }

            ExecResult result;
            try
            {
                result = await Engine.Containers.ExecAsync(exec.ContainerId, exec.Config with { Stdin = stdin }, cancellationToken).ConfigureAwait(false);
            }
            catch (ExecException ex)
            {
                // moby daemon/exec.go: the error goes to the attached stdout, the exit code is the runtime's.
                exec.ExitCode = ex.ExitCode;
                if (connection is not null)
                {
                    var text = "OCI runtime exec failed: exec failed: unable to start container process: " + ex.RuntimeMessage + ": unknown\r\n";
                    await StdFrames.WriteAsync(connection, 1, text, tty, cancellationToken).ConfigureAwait(false);
                }

                return;
            }
            catch (DockerSimulatorException ex)
            {
                exec.ExitCode = 126;
                if (connection is not null)
                {
                    await StdFrames.WriteAsync(connection, 1, ex.Message + "\r\n", tty, cancellationToken).ConfigureAwait(false);
                }

                return;
            }

            exec.ExitCode = result.ExitCode;
            if (connection is not null)
            {
                if (exec.AttachStdout)
                {
                    await StdFrames.WriteAsync(connection, 1, result.Stdout, tty, cancellationToken).ConfigureAwait(false);
                }

                if (exec.AttachStderr)
                {
                    await StdFrames.WriteAsync(connection, tty ? (byte)1 : (byte)2, result.Stderr, tty, cancellationToken).ConfigureAwait(false);
                }
            }
        }
        finally
        {
            exec.Running = false;
        }
    }

    private static JsonObject ExecInspectJson(ExecInstance exec) => new()
    {
        ["ID"] = exec.Id,
        ["Running"] = exec.Running,
        ["ExitCode"] = exec.ExitCode,
        ["ProcessConfig"] = new JsonObject
        {
            ["tty"] = exec.Tty,
            ["entrypoint"] = exec.Config.Cmd[0],
            ["arguments"] = ApiJson.StringsOrEmpty(exec.Config.Cmd.Skip(1)),
            ["privileged"] = exec.Privileged,
            ["user"] = exec.Config.User ?? "",
        },
        ["OpenStdin"] = exec.AttachStdin,
        ["OpenStderr"] = exec.AttachStderr,
        ["OpenStdout"] = exec.AttachStdout,
        ["CanRemove"] = false,
        ["ContainerID"] = exec.ContainerId,
        ["DetachKeys"] = "",
        ["Pid"] = exec.Pid,
    };
}
