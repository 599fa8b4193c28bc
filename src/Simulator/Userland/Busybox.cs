using Simulator.FileSystem;
using Simulator.Processes;
using Simulator.Userland.Shell;

namespace Simulator.Userland;

/// <summary>
/// The simulated busybox: one multi-call program (<c>sh</c>/<c>ash</c> and the applets) that dispatches on
/// the name it was run as, with busybox's messages and exit statuses (busybox 1.37 on Alpine).
/// </summary>
/// <remarks>
/// <para><b>Setup.</b> <see cref="Register"/> adds the program to a <see cref="ProgramRegistry"/> under the
/// marker name <c>busybox</c> and under each applet's name; <see cref="Install"/> writes <c>/bin/busybox</c>
/// (content <c>#!simulator busybox</c>, mode 0755) and one symlink per applet (<c>/bin/ls -&gt; /bin/busybox</c>),
/// as busybox's <c>--install -s</c> does. Then <c>sh -c '...'</c>, <c>ls -l</c> or a <c>#!/bin/sh</c> script run
/// in a <see cref="ProcessNamespace"/> over that filesystem.</para>
/// <para><b>The shell</b> is a busybox ash subset: quoting, parameter expansion (<c>${X:-d}</c>, <c>${X#p}</c>, ...),
/// command substitution, arithmetic, field splitting and globbing, pipelines (stages run concurrently
/// over <see cref="ProcessPipe"/>s), redirections and here-documents, <c>if</c>/<c>for</c>/<c>while</c>/<c>until</c>/<c>case</c>,
/// functions, <c>set -eux</c>, the usual builtins, <c>getopts</c> and <c>trap</c> (actions run between commands),
/// and busybox's bash-compatible <c>[[ ... ]]</c>, <c>${X/p/r}</c> and <c>${X:offset:length}</c>.
/// <c>exec CMD</c> and <c>sh -c 'one command'</c> run the command in the shell's own process (same PID),
/// as ash does, so a program started that way as PID 1 receives <c>docker stop</c>'s signal. Background jobs (<c>&amp;</c>) run
/// concurrently on a copy of the shell state; <c>wait</c> waits for them. Errors are ash's texts
/// (<c>sh: foo: not found</c>, 127; <c>sh: syntax error: unexpected "fi"</c>, 2); no exception escapes a process.</para>
/// <para><b>Applets</b>: see <see cref="AppletNames"/>. Output formats follow busybox when stdout is not a
/// terminal (e.g. <c>ls</c> prints one name per line). <c>sleep</c> waits on the namespace's
/// <see cref="TimeProvider"/>. <c>tar</c> (<c>c</c>/<c>x</c>/<c>t</c> with <c>-f</c>, <c>-C</c>, <c>-z</c>, <c>-v</c>, <c>-O</c>) and
/// <c>gzip</c>/<c>gunzip</c>/<c>zcat</c> use <c>System.Formats.Tar</c> and <c>System.IO.Compression</c>. <c>wget</c> sends its
/// requests through <see cref="ProcessNamespace.HttpHandler"/>, else <see cref="ProgramRegistry.HttpHandler"/>; with neither
/// it fails as busybox does without a route to the host (<c>wget: bad address 'host'</c>; <c>Connection refused</c> for
/// an IP address or <c>localhost</c>). <see cref="StockPrograms.Register"/> registers busybox together with <c>apk</c>
/// and <c>hello-world</c>.</para>
/// <para>Thread-safe: the registered program keeps no state between runs.</para>
/// </remarks>
public static class Busybox
{
    /// <summary>The marker name of the multi-call program.</summary>
    public const string ProgramName = "busybox";

    /// <summary>The applet names, sorted (including <c>sh</c> and <c>ash</c>).</summary>
    public static IReadOnlyList<string> AppletNames { get; } =
        Applets.All.Keys.Concat(["sh", "ash"]).Order(StringComparer.Ordinal).ToArray();

    /// <summary>The multi-call program: runs the applet named by the base name of <c>argv[0]</c> (or <c>argv[1]</c> when run as <c>busybox</c>).</summary>
    /// <param name="context">The process context.</param>
    /// <returns>The applet's exit status; 127 with <c>NAME: applet not found</c> for an unknown name.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="context"/> is <see langword="null"/>.</exception>
    public static Task<int> RunAsync(ProcessContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var argv = context.Argv.ToList();
        var name = argv.Count == 0 ? ProgramName : BaseName(argv[0]);
        if (name == ProgramName)
        {
            argv.RemoveAt(0);
            if (argv.Count == 0)
            {
                return ListApplets(context);
            }

            name = BaseName(argv[0]);
        }

        return RunApplet(context, name, argv);
    }

    /// <summary>Registers the program as <c>busybox</c> and under every applet name.</summary>
    /// <param name="registry">The registry.</param>
    /// <returns><paramref name="registry"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="registry"/> is <see langword="null"/>.</exception>
    public static ProgramRegistry Register(ProgramRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        registry.Register(ProgramName, RunAsync);
        foreach (var applet in AppletNames)
        {
            var name = applet;
            registry.Register(name, ctx => RunApplet(ctx, name, ctx.Argv.ToList()));
        }

        return registry;
    }

    /// <summary>Writes <c>DIR/busybox</c> (the marker, mode 0755) and a symlink <c>DIR/APPLET -&gt; DIR/busybox</c> for each applet, creating <c>DIR</c>; existing applet names are replaced.</summary>
    /// <param name="fileSystem">The filesystem (e.g. an image's root being built).</param>
    /// <param name="directory">The directory; <c>/bin</c> by default.</param>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="FileSystemException">The filesystem refused a write.</exception>
    public static void Install(UnionFileSystem fileSystem, string directory = "/bin")
    {
        ArgumentNullException.ThrowIfNull(fileSystem);
        ArgumentNullException.ThrowIfNull(directory);
        var dir = FsPath.Clean(directory);
        fileSystem.CreateDirectories(dir);
        var target = FsPath.Combine(dir, ProgramName);
        fileSystem.WriteAllBytes(target, ProgramRegistry.MarkerFor(ProgramName), (UnixFileMode)0b111_101_101);
        fileSystem.Chmod(target, (UnixFileMode)0b111_101_101);
        foreach (var applet in AppletNames.Where(a => a != "["))
        {
            var link = FsPath.Combine(dir, applet);
            if (fileSystem.Exists(link) || IsSymlink(fileSystem, link))
            {
                fileSystem.Unlink(link);
            }

            fileSystem.CreateSymlink(target, link);
        }

        var bracket = FsPath.Combine(dir, "[");
        if (!fileSystem.Exists(bracket))
        {
            fileSystem.CreateSymlink(target, bracket);
        }
    }

    private static bool IsSymlink(UnionFileSystem fs, string path)
    {
        try
        {
            return fs.LStat(path).Type == EntryType.Symlink;
        }
        catch (FileSystemException)
        {
            return false;
        }
    }

    private static string BaseName(string path)
    {
        var trimmed = path.TrimEnd('/');
        var slash = trimmed.LastIndexOf('/');
        return slash < 0 ? trimmed : trimmed[(slash + 1)..];
    }

    private static async Task<int> RunApplet(ProcessContext context, string name, List<string> argv)
    {
        if (name is "sh" or "ash")
        {
            return await ShellProgram.RunAsync(context, argv).ConfigureAwait(false);
        }

        if (!Applets.All.TryGetValue(name, out var applet))
        {
            await context.WriteErrorAsync($"{name}: applet not found\n").ConfigureAwait(false);
            return 127;
        }

        // show_usage_if_dash_dash_help (libbb/appletlib.c): "APPLET --help" prints the usage to stderr and exits 0; not test, [, true, false, echo.
        if (argv.Count > 1 && argv[1] == "--help" && name is not ("test" or "[" or "true" or "false" or "echo"))
        {
            await context.WriteErrorAsync(BusyboxUsage.Render(name)).ConfigureAwait(false);
            return 0;
        }

        var ctx = AppletContext.FromProcess(context, argv);
        try
        {
            return await applet(ctx).ConfigureAwait(false);
        }
        catch (FileSystemException e)
        {
            await ctx.Err($"{name}: {e.Message}\n").ConfigureAwait(false);
            return 1;
        }
    }

    private static async Task<int> ListApplets(ProcessContext context)
    {
        await context.WriteAsync(BusyboxUsage.Banner + "\nCurrently defined functions:\n\t" + string.Join(", ", AppletNames) + "\n").ConfigureAwait(false);
        return 0;
    }
}
