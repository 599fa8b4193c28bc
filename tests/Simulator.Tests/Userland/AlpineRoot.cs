using System.Text;
using Microsoft.Extensions.Time.Testing;
using Simulator.FileSystem;
using Simulator.Processes;
using Simulator.Userland;
using Simulator.World;

namespace Simulator.Tests.Userland;

/// <summary>A fresh, writable <c>alpine:3.20</c> root with every stock program registered, as a container's (or a Dockerfile <c>RUN</c>'s) view.</summary>
internal sealed class AlpineRoot
{
    private static readonly Lazy<Layer> Base = new(AlpineImage.BaseLayer);

    public AlpineRoot()
    {
        Time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 29, 12, 0, 0, TimeSpan.Zero));
        Fs = UnionFileSystem.CreateWritable(LayerStack.Create([Base.Value]), Time);
        Programs = StockPrograms.Register(new ProgramRegistry());
    }

    public FakeTimeProvider Time { get; }

    public UnionFileSystem Fs { get; }

    public ProgramRegistry Programs { get; }

    public Task<Sandbox.Result> Sh(string script, ProcessUser? user = null) =>
        Run(new ProcessSpec(["/bin/sh", "-c", script]) { Env = ["PATH=" + AlpineImage.Path], User = user ?? ProcessUser.Root });

    public async Task<Sandbox.Result> Run(ProcessSpec spec)
    {
        var output = new MemoryStream();
        var error = new MemoryStream();
        var code = await new ProcessNamespace(Fs, Programs, Time).RunAsync(spec, Stream.Null, Stream.Synchronized(output), Stream.Synchronized(error)).WaitAsync(TimeSpan.FromMinutes(2)); // a hang guard only: loaded CI machines take seconds here
        return new Sandbox.Result(code, Encoding.UTF8.GetString(output.ToArray()), Encoding.UTF8.GetString(error.ToArray()));
    }
}
