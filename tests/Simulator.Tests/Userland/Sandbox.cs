using System.Text;
using Microsoft.Extensions.Time.Testing;
using Simulator.FileSystem;
using Simulator.Processes;
using Simulator.Userland;

namespace Simulator.Tests.Userland;

/// <summary>A container-like root with busybox installed, /etc/passwd, a fake clock; runs commands and captures output.</summary>
internal sealed class Sandbox
{
    public Sandbox()
    {
        Time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 29, 12, 0, 0, TimeSpan.Zero));
        Fs = UnionFileSystem.CreateEmpty(Time);
        Programs = Busybox.Register(new ProgramRegistry());
        Busybox.Install(Fs);
        Fs.CreateDirectories("/etc");
        Fs.WriteAllText("/etc/passwd", "root:x:0:0:root:/root:/bin/sh\napp:x:1000:1000:app:/home/app:/bin/sh\nnobody:x:65534:65534:nobody:/:/sbin/nologin\n");
        Fs.WriteAllText("/etc/group", "root:x:0:root\nwheel:x:10:root,app\napp:x:1000:\nnogroup:x:65533:\n");
        Fs.WriteAllText("/etc/hostname", "web01\n");
        Fs.CreateDirectories("/root");
        Fs.CreateDirectories("/home/app");
        Fs.Chown("/home/app", 1000, 1000);
        Fs.CreateDirectories("/tmp");
        Fs.Chmod("/tmp", (UnixFileMode)Convert.ToInt32("1777", 8));
        Fs.CreateDirectories("/usr/bin");
    }

    public FakeTimeProvider Time { get; }

    public UnionFileSystem Fs { get; }

    public ProgramRegistry Programs { get; }

    public ProcessNamespace NewNamespace() => new(Fs, Programs, Time);

    public static ProcessSpec Spec(params string[] argv) => new(argv) { Env = ["PATH=" + ProcessSpec.DefaultPath, "HOME=/root"] };

    public Task<Result> Sh(string script, string? stdin = null, ProcessUser? user = null, string cwd = "/") =>
        Run(Spec("sh", "-c", script) with { User = user ?? ProcessUser.Root, WorkingDirectory = cwd }, stdin);

    public Task<Result> Run(params string[] argv) => Run(Spec(argv), null);

    public async Task<Result> Run(ProcessSpec spec, string? stdin)
    {
        var output = new MemoryStream();
        var error = new MemoryStream();
        var o = Stream.Synchronized(output);
        var e = Stream.Synchronized(error);
        var input = stdin is null ? Stream.Null : new MemoryStream(Encoding.UTF8.GetBytes(stdin));
        var code = await NewNamespace().RunAsync(spec, input, o, e).WaitAsync(TimeSpan.FromMinutes(2));
        return new Result(code, Encoding.UTF8.GetString(output.ToArray()), Encoding.UTF8.GetString(error.ToArray()));
    }

    public sealed record Result(int Code, string Out, string Err);
}
