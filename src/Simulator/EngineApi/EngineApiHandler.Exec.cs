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

    private List<string> ExecIdsOf(string containerId) =>
        _execs.Values.Where(e => e.ContainerId == containerId && e.Running).Select(e => e.Id).ToList();

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

    /// <summary>
    /// Runs the exec with its output written to <paramref name="connection"/> as the process produces it (frames, raw
    /// with a TTY, as moby daemon/exec.go attaches the streams); stdin is read from the connection while the process runs.
    /// </summary>
    private async Task RunExecAsync(ExecInstance exec, Stream? connection, bool tty, CancellationToken cancellationToken)
    {
        var stdout = new ProcessPipe();
        var stderr = new ProcessPipe();
        var gate = new SemaphoreSlim(1, 1);
        Task pumps = Task.CompletedTask;
        if (connection is not null)
        {
            pumps = Task.WhenAll(
                exec.AttachStdout ? ForwardAsync(stdout.Reader, connection, 1, tty, gate, cancellationToken) : DrainAsync(stdout.Reader),
                exec.AttachStderr ? ForwardAsync(stderr.Reader, connection, tty ? (byte)1 : (byte)2, tty, gate, cancellationToken) : DrainAsync(stderr.Reader));
        }
        else
        {
            pumps = Task.WhenAll(DrainAsync(stdout.Reader), DrainAsync(stderr.Reader));
        }

        try
        {
            var stdin = exec.AttachStdin && connection is not null ? new StdinReadStream(connection) : null;
            try
            {
                exec.ExitCode = await Engine.Containers.ExecAttachedAsync(exec.ContainerId, exec.Config, stdin, stdout.Writer, stderr.Writer, cancellationToken).ConfigureAwait(false);
            }
            catch (ExecException ex)
            {
                // moby daemon/exec.go: the error goes to the attached stdout, the exit code is the runtime's.
                exec.ExitCode = ex.ExitCode;
                await CompleteAsync().ConfigureAwait(false);
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
                await CompleteAsync().ConfigureAwait(false);
                if (connection is not null)
                {
                    await StdFrames.WriteAsync(connection, 1, ex.Message + "\r\n", tty, cancellationToken).ConfigureAwait(false);
                }

                return;
            }

            await CompleteAsync().ConfigureAwait(false);
        }
        finally
        {
            exec.Running = false;
        }

        async Task CompleteAsync()
        {
            stdout.CompleteWriting();
            stderr.CompleteWriting();
            await pumps.ConfigureAwait(false);
        }
    }

    /// <summary>Frames the output onto the connection; once the client is gone, the rest is read and dropped so the process never blocks.</summary>
    private static async Task ForwardAsync(Stream source, Stream connection, byte kind, bool tty, SemaphoreSlim gate, CancellationToken ct)
    {
        try
        {
            await PumpOutputAsync(source, connection, kind, tty, gate, ct).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException or OperationCanceledException or InvalidOperationException)
        {
            await DrainAsync(source).ConfigureAwait(false);
        }
    }

    private static async Task DrainAsync(Stream source)
    {
        var buffer = new byte[4096];
        while (await source.ReadAsync(buffer).ConfigureAwait(false) > 0)
        {
        }
    }

    /// <summary>The hijacked connection as the exec's stdin: reads until the client half-closes; a closed connection is end of file.</summary>
    private sealed class StdinReadStream(Stream connection) : Stream
    {
        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            try
            {
                return await connection.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is IOException or ObjectDisposedException or InvalidOperationException)
            {
                return 0;
            }
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
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
