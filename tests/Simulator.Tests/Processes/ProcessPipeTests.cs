using System.Text;
using Simulator.Processes;

namespace Simulator.Tests.Processes;

public sealed class ProcessPipeTests
{
    [Fact]
    public async Task Reads_wait_for_writes_and_end_at_end_of_file()
    {
        var pipe = new ProcessPipe();
        var buffer = new byte[16];
        var read = pipe.Reader.ReadAsync(buffer, TestContext.Current.CancellationToken).AsTask();
        Assert.False(read.IsCompleted);
        await pipe.Writer.WriteAsync(Encoding.UTF8.GetBytes("abc"), TestContext.Current.CancellationToken);
        Assert.Equal(3, await read);
        await pipe.Writer.DisposeAsync();
        Assert.Equal(0, await pipe.Reader.ReadAsync(buffer, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Writing_after_the_reader_closed_is_a_broken_pipe()
    {
        var pipe = new ProcessPipe();
        await pipe.Reader.DisposeAsync();
        var e = await Assert.ThrowsAsync<IOException>(() => pipe.Writer.WriteAsync(new byte[] { 1 }, TestContext.Current.CancellationToken).AsTask());
        Assert.Equal("Broken pipe", e.Message);
    }

    [Fact]
    public async Task A_full_pipe_makes_the_writer_wait_until_the_reader_closes()
    {
        var pipe = new ProcessPipe();
        for (var i = 0; i < ProcessPipe.Capacity; i++)
        {
            await pipe.Writer.WriteAsync(new byte[] { 1 }, TestContext.Current.CancellationToken);
        }

        var blocked = pipe.Writer.WriteAsync(new byte[] { 2 }, TestContext.Current.CancellationToken).AsTask();
        await Task.Delay(20, TestContext.Current.CancellationToken);
        Assert.False(blocked.IsCompleted);
        await pipe.Reader.DisposeAsync();
        await Assert.ThrowsAsync<IOException>(() => blocked);
    }
}
