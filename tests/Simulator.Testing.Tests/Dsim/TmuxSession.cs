using System.Diagnostics;

namespace Simulator.Testing.Tests.Dsim;

/// <summary>A program running in a detached tmux session: send keys, read the screen. Real processes, so waits poll with bounds.</summary>
public sealed class TmuxSession : IDisposable
{
    private readonly string _name;

    private TmuxSession(string name) => _name = name;

    /// <summary>The tmux binary, or <see langword="null"/> when not installed.</summary>
    public static string? Tmux { get; } = new[] { "/usr/bin/tmux", "/usr/local/bin/tmux", "/opt/homebrew/bin/tmux" }.FirstOrDefault(File.Exists);

    /// <summary>Starts <paramref name="command"/> in a new 120x40 session.</summary>
    public static TmuxSession Start(string command)
    {
        var name = "dsim-test-" + Guid.NewGuid().ToString("N")[..12];
        Run("new-session", "-d", "-s", name, "-x", "120", "-y", "40", command);
        return new TmuxSession(name);
    }

    /// <summary>Types <paramref name="text"/> (literally) and presses Enter.</summary>
    public void SendLine(string text)
    {
        Run("send-keys", "-t", _name, "-l", text);
        Run("send-keys", "-t", _name, "Enter");
    }

    /// <summary>The visible screen, trailing blank lines removed.</summary>
    public string Screen() => Run("capture-pane", "-p", "-t", _name).TrimEnd('\n', ' ');

    /// <summary>Polls the screen until <paramref name="done"/> holds or <paramref name="timeout"/> passes; returns the last screen.</summary>
    public async Task<string> WaitForAsync(Func<string, bool> done, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        var screen = Screen();
        while (!done(screen) && watch.Elapsed < timeout)
        {
            await Task.Delay(100, cancellationToken);
            screen = Screen();
        }

        return screen;
    }

    /// <inheritdoc/>
    public void Dispose() => Run("kill-session", "-t", _name);

    private static string Run(params string[] args)
    {
        var info = new ProcessStartInfo(Tmux!) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args)
        {
            info.ArgumentList.Add(a);
        }

        using var p = Process.Start(info)!;
        var output = p.StandardOutput.ReadToEnd();
        p.StandardError.ReadToEnd();
        p.WaitForExit();
        return output;
    }
}
