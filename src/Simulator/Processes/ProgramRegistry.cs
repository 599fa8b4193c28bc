using System.Collections.Concurrent;
using System.Text;

namespace Simulator.Processes;

/// <summary>
/// The simulated programs an engine can run, by name: an absolute path (<c>/app/server</c>) or a marker
/// name (<c>busybox</c>, <c>nginx</c>) that program files in a filesystem refer to.
/// </summary>
/// <remarks>
/// <para><b>Program files.</b> A file in a container's filesystem is a simulated program when its content
/// starts with the marker line <c>#!simulator NAME</c> (see <see cref="MarkerFor"/>): running it runs the
/// program registered as <c>NAME</c>. Busybox's applet links point at <c>/bin/busybox</c>, whose content
/// is <c>#!simulator busybox</c>. Other <c>#!</c> files are scripts run by their interpreter, as the kernel's
/// <c>binfmt_script</c> does.</para>
/// <para><b>Programs registered by path.</b> <c>Register("/app/server", ...)</c> runs when argv resolves to
/// <c>/app/server</c>, whatever that file holds, and also when no such file exists (as if the image had it);
/// a file there must still be executable.</para>
/// <para><b>Thread-safety.</b> Safe for concurrent registration and lookup; a later registration of a name
/// replaces the earlier one for processes started afterwards.</para>
/// </remarks>
public sealed class ProgramRegistry
{
    /// <summary>The prefix of a program file's marker line.</summary>
    public const string MarkerPrefix = "#!simulator ";

    private readonly ConcurrentDictionary<string, SimulatedProgram> _programs = new(StringComparer.Ordinal);

    /// <summary>
    /// What <c>wget</c> (and other simulated HTTP clients) send requests through when their <see cref="ProcessNamespace"/>
    /// has no <see cref="ProcessNamespace.HttpHandler"/>: a network layer plugs in here (published ports, other containers).
    /// <see langword="null"/> (the default) means no network: <c>wget</c> fails as busybox does for an unreachable host
    /// (<c>wget: bad address 'host'</c>, or <c>Connection refused</c> for an IP address or <c>localhost</c>).
    /// </summary>
    /// <remarks>The handler is shared by every process and not disposed by them; it must be thread-safe.</remarks>
    public HttpMessageHandler? HttpHandler { get; set; }

    /// <summary>The registered names, sorted.</summary>
    public IReadOnlyList<string> Names
    {
        get
        {
            var list = _programs.Keys.ToList();
            list.Sort(StringComparer.Ordinal);
            return list;
        }
    }

    /// <summary>The content of a program file that runs the program registered as <paramref name="name"/>: <c>#!simulator NAME\n</c>.</summary>
    /// <param name="name">The marker name.</param>
    /// <returns>The file content, UTF-8.</returns>
    /// <exception cref="ArgumentException"><paramref name="name"/> is empty or contains white space.</exception>
    public static byte[] MarkerFor(string name)
    {
        ValidateName(name);
        return Encoding.UTF8.GetBytes(MarkerPrefix + name + "\n");
    }

    /// <summary>Registers (or replaces) a program.</summary>
    /// <param name="name">An absolute path (<c>/app/server</c>) or a marker name (<c>busybox</c>).</param>
    /// <param name="program">The program.</param>
    /// <returns>This registry, for chaining.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="name"/> is empty or contains white space.</exception>
    public ProgramRegistry Register(string name, SimulatedProgram program)
    {
        ValidateName(name);
        ArgumentNullException.ThrowIfNull(program);
        _programs[name] = program;
        return this;
    }

    /// <summary>Removes a program.</summary>
    /// <param name="name">The name it was registered under.</param>
    /// <returns>Whether it was registered.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="name"/> is <see langword="null"/>.</exception>
    public bool Unregister(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return _programs.TryRemove(name, out _);
    }

    /// <summary>Looks a program up by the name it was registered under.</summary>
    /// <param name="name">The name.</param>
    /// <param name="program">The program, when found.</param>
    /// <returns>Whether it is registered.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="name"/> is <see langword="null"/>.</exception>
    public bool TryGet(string name, out SimulatedProgram program)
    {
        ArgumentNullException.ThrowIfNull(name);
        return _programs.TryGetValue(name, out program!);
    }

    private static void ValidateName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (name.Length == 0 || name.Any(char.IsWhiteSpace))
        {
            throw new ArgumentException("A program name must be non-empty and have no white space.", nameof(name));
        }
    }
}
