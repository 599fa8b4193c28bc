using Simulator.FileSystem;

namespace Simulator.Tests.FileSystem;

/// <summary>Views sharing mounted trees take their locks in one global order, so crossing operations never deadlock.</summary>
public sealed class UnionMountLockOrderTests
{
    private const int Iterations = 2_000;

    private static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(10);

    private static (UnionFileSystem A, UnionFileSystem B) TwoViews()
    {
        var v1 = UnionFileSystem.CreateEmpty();
        var v2 = UnionFileSystem.CreateEmpty();
        v1.WriteAllText("/a", "1");
        v2.WriteAllText("/a", "2");
        v1.CreateSymlink("/q", "/to-q"); // seen through a view: /p/to-q leads into the other volume
        v2.CreateSymlink("/p", "/to-p");
        var a = UnionFileSystem.CreateEmpty();
        var b = UnionFileSystem.CreateEmpty();
        foreach (var view in new[] { a, b })
        {
            view.CreateDirectory("/p");
            view.CreateDirectory("/q");
            view.Mount("/p", v1);
            view.Mount("/q", v2);
        }

        return (a, b);
    }

    private static async Task RunCrossing(Action<UnionFileSystem> first, Action<UnionFileSystem> second)
    {
        var (a, b) = TwoViews();
        using var start = new Barrier(2);
        void Loop(UnionFileSystem fs, Action<UnionFileSystem> op)
        {
            start.SignalAndWait();
            for (int i = 0; i < Iterations; i++)
            {
                var e = Assert.Throws<FileSystemException>(() => op(fs));
                Assert.Equal(Errno.EXDEV, e.Errno);
            }
        }

        var t1 = Task.Factory.StartNew(() => Loop(a, first), TestContext.Current.CancellationToken, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        var t2 = Task.Factory.StartNew(() => Loop(b, second), TestContext.Current.CancellationToken, TaskCreationOptions.LongRunning, TaskScheduler.Default);

        // Real time only as a hang guard: a deadlock fails the test instead of hanging the run.
        await Task.WhenAll(t1, t2).WaitAsync(HangGuard, TestContext.Current.CancellationToken);
    }

    [Fact]
    public Task CrossingRenamesFromTwoViewsGiveExdevWithoutDeadlock() =>
        RunCrossing(a => a.Rename("/p/a", "/q/b"), b => b.Rename("/q/a", "/p/b"));

    [Fact]
    public Task CrossingLinksFromTwoViewsGiveExdevWithoutDeadlock() =>
        RunCrossing(a => a.Link("/p/a", "/q/b"), b => b.Link("/q/a", "/p/b"));

    [Fact]
    public Task CrossingThroughSymlinksFromTwoViewsGivesExdevWithoutDeadlock() =>
        RunCrossing(a => a.Rename("/p/a", "/p/to-q/b"), b => b.Link("/q/a", "/q/to-p/b"));

    [Fact]
    public async Task MountingAndUnmountingWhileOperatingDoesNotDeadlock()
    {
        var (a, b) = TwoViews();
        var v3 = UnionFileSystem.CreateEmpty();
        var t1 = Task.Run(() =>
        {
            for (int i = 0; i < Iterations; i++)
            {
                a.Mount("/r", v3);
                Assert.True(a.Unmount("/r"));
            }
        }, TestContext.Current.CancellationToken);
        var t2 = Task.Run(() =>
        {
            for (int i = 0; i < Iterations; i++)
            {
                Assert.Throws<FileSystemException>(() => a.Rename("/p/a", "/q/b"));
                Assert.Throws<FileSystemException>(() => b.Rename("/q/a", "/p/b"));
            }
        }, TestContext.Current.CancellationToken);
        await Task.WhenAll(t1, t2).WaitAsync(HangGuard, TestContext.Current.CancellationToken);
    }
}
