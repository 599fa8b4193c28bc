using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Simulator.Cli;

/// <summary>
/// The real terminal on stdin (Unix): raw reads of file descriptor 0 and raw mode as docker/cli's
/// <c>term.SetRawTerminal</c> (moby/term: <c>cfmakeraw</c>, restored from the saved settings).
/// </summary>
internal static partial class Terminal
{
    private const int StdinFd = 0;
    private const int TcsaNow = 0;

    /// <summary>Large enough for any platform's <c>struct termios</c> (60 bytes on Linux, 72 on macOS); only libc reads it.</summary>
    private const int TermiosBytes = 256;

    /// <summary>File descriptor 0 as a stream, unbuffered (reads return what the terminal line discipline gives).</summary>
    public static Stream OpenStdin() => new FileStream(new SafeFileHandle(StdinFd, ownsHandle: false), FileAccess.Read, bufferSize: 0);

    /// <summary>Puts the terminal in raw mode; disposing the result restores the settings saved before. Does nothing when stdin is no terminal.</summary>
    public static IDisposable MakeRaw()
    {
        var saved = new byte[TermiosBytes];
        if (NativeMethods.tcgetattr(StdinFd, saved) != 0)
        {
            return new Restore(null);
        }

        var raw = (byte[])saved.Clone();
        NativeMethods.cfmakeraw(raw);
        if (NativeMethods.tcsetattr(StdinFd, TcsaNow, raw) != 0)
        {
            return new Restore(null);
        }

        return new Restore(saved);
    }

    private sealed class Restore(byte[]? saved) : IDisposable
    {
        public void Dispose()
        {
            if (Interlocked.Exchange(ref saved, null) is { } s)
            {
                _ = NativeMethods.tcsetattr(StdinFd, TcsaNow, s);
            }
        }
    }

    private static partial class NativeMethods
    {
        [LibraryImport("libc", SetLastError = true)]
        internal static partial int tcgetattr(int fd, [Out] byte[] termios);

        [LibraryImport("libc", SetLastError = true)]
        internal static partial int tcsetattr(int fd, int optionalActions, [In] byte[] termios);

        [LibraryImport("libc")]
        internal static partial void cfmakeraw([In, Out] byte[] termios);
    }
}
