using System.Globalization;

namespace Simulator.Processes;

/// <summary>
/// A Linux signal (x86-64 numbering), named as Docker names them (<c>SIGTERM</c>); parsed from
/// <c>TERM</c>, <c>SIGTERM</c>, <c>sigterm</c> or <c>15</c> as <c>docker kill --signal</c> and an image's
/// <c>StopSignal</c> accept them (moby <c>signal.ParseSignal</c>).
/// </summary>
/// <remarks>An immutable value; equality is by number. Thread-safe.</remarks>
public readonly record struct Signal
{
    private static readonly (string Name, int Number)[] Table =
    [
        ("SIGHUP", 1), ("SIGINT", 2), ("SIGQUIT", 3), ("SIGILL", 4), ("SIGTRAP", 5), ("SIGABRT", 6),
        ("SIGBUS", 7), ("SIGFPE", 8), ("SIGKILL", 9), ("SIGUSR1", 10), ("SIGSEGV", 11), ("SIGUSR2", 12),
        ("SIGPIPE", 13), ("SIGALRM", 14), ("SIGTERM", 15), ("SIGSTKFLT", 16), ("SIGCHLD", 17), ("SIGCONT", 18),
        ("SIGSTOP", 19), ("SIGTSTP", 20), ("SIGTTIN", 21), ("SIGTTOU", 22), ("SIGURG", 23), ("SIGXCPU", 24),
        ("SIGXFSZ", 25), ("SIGVTALRM", 26), ("SIGPROF", 27), ("SIGWINCH", 28), ("SIGIO", 29), ("SIGPWR", 30),
        ("SIGSYS", 31),
    ];

    /// <summary>Creates the signal with Linux number <paramref name="number"/>.</summary>
    /// <param name="number">1 to 64.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="number"/> is not 1 to 64.</exception>
    public Signal(int number)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(number, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(number, 64);
        Number = number;
    }

    /// <summary>The Linux signal number (1 to 64).</summary>
    public int Number { get; }

    /// <summary>Docker's name, e.g. <c>SIGTERM</c>; <c>SIGRTMIN+n</c> for 34 to 64, <c>SIG32</c>/<c>SIG33</c> otherwise.</summary>
    public string Name
    {
        get
        {
            foreach (var (name, number) in Table)
            {
                if (number == Number)
                {
                    return name;
                }
            }

            return Number >= 34 ? "SIGRTMIN+" + (Number - 34).ToString(CultureInfo.InvariantCulture) : "SIG" + Number.ToString(CultureInfo.InvariantCulture);
        }
    }

    /// <summary>The exit status of a process ended by this signal: 128 plus the number (137 for KILL, 143 for TERM).</summary>
    public int ExitCode => 128 + Number;

    /// <summary>Hangup (1).</summary>
    public static Signal Hup => new(1);

    /// <summary>Interrupt (2), what Ctrl-C sends.</summary>
    public static Signal Int => new(2);

    /// <summary>Quit (3).</summary>
    public static Signal Quit => new(3);

    /// <summary>Kill (9): cannot be handled or ignored, even by PID 1.</summary>
    public static Signal Kill => new(9);

    /// <summary>User-defined 1 (10).</summary>
    public static Signal Usr1 => new(10);

    /// <summary>User-defined 2 (12).</summary>
    public static Signal Usr2 => new(12);

    /// <summary>Broken pipe (13).</summary>
    public static Signal Pipe => new(13);

    /// <summary>Alarm (14).</summary>
    public static Signal Alrm => new(14);

    /// <summary>Terminate (15): <c>docker stop</c>'s default.</summary>
    public static Signal Term => new(15);

    /// <summary>Child status changed (17); ignored by default.</summary>
    public static Signal Chld => new(17);

    /// <summary>Window size changed (28); ignored by default.</summary>
    public static Signal Winch => new(28);

    /// <summary>
    /// Whether the default action of this signal is to do nothing (<c>SIGCHLD</c>, <c>SIGURG</c>, <c>SIGWINCH</c>,
    /// <c>SIGCONT</c>), as signal(7) says; all others terminate a process that has no handler (except PID 1).
    /// </summary>
    public bool IgnoredByDefault => Number is 17 or 18 or 23 or 28;

    /// <summary>Parses a signal as Docker does: a number, or a name with or without <c>SIG</c>, any case.</summary>
    /// <param name="text">E.g. <c>SIGTERM</c>, <c>term</c>, <c>15</c>.</param>
    /// <returns>The signal.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is <see langword="null"/>.</exception>
    /// <exception cref="FormatException">Not a signal; the message is moby's <c>Invalid signal: X</c>.</exception>
    public static Signal Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return TryParse(text, out var signal) ? signal : throw new FormatException("Invalid signal: " + text);
    }

    /// <summary>Parses a signal as <see cref="Parse"/> does, without throwing.</summary>
    /// <param name="text">The text; <see langword="null"/> fails.</param>
    /// <param name="signal">The signal, when parsed.</param>
    /// <returns>Whether <paramref name="text"/> is a signal.</returns>
    public static bool TryParse(string? text, out Signal signal)
    {
        signal = default;
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }

        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n))
        {
            if (n is < 1 or > 64)
            {
                return false;
            }

            signal = new Signal(n);
            return true;
        }

        var upper = text.ToUpperInvariant();
        if (!upper.StartsWith("SIG", StringComparison.Ordinal))
        {
            upper = "SIG" + upper;
        }

        foreach (var (name, number) in Table)
        {
            if (name == upper)
            {
                signal = new Signal(number);
                return true;
            }
        }

        if (upper.StartsWith("SIGRTMIN+", StringComparison.Ordinal) &&
            int.TryParse(upper.AsSpan(9), NumberStyles.None, CultureInfo.InvariantCulture, out var k) && k <= 30)
        {
            signal = new Signal(34 + k);
            return true;
        }

        return false;
    }

    /// <summary>The name, e.g. <c>SIGTERM</c>.</summary>
    /// <returns><see cref="Name"/>.</returns>
    public override string ToString() => Number == 0 ? "SIG0" : Name;
}
