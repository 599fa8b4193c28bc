namespace Simulator.Processes;

/// <summary>
/// What to run: argv, environment, working directory and user, as an OCI runtime spec's <c>process</c>
/// object holds them. An immutable record: change it with <see langword="with"/> expressions.
/// </summary>
/// <remarks>
/// <para><see cref="Env"/> is ordered <c>KEY=VALUE</c> strings (Docker keeps the order; for a duplicated
/// key the last one wins when read through <see cref="GetEnv"/>). When it has no <c>PATH</c>, program
/// resolution uses <see cref="DefaultPath"/> as runc does.</para>
/// <para>Thread-safe (immutable).</para>
/// </remarks>
/// <param name="Argv">The argument vector; <c>Argv[0]</c> names the program (a path if it contains <c>/</c>, else looked up in <c>PATH</c>).</param>
public sealed record ProcessSpec(IReadOnlyList<string> Argv)
{
    /// <summary>The default search path, as Docker sets it for images without <c>PATH</c> (moby <c>oci.DefaultPathEnv</c> on Linux).</summary>
    public const string DefaultPath = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    /// <summary>The environment, ordered <c>KEY=VALUE</c> strings; empty by default.</summary>
    public IReadOnlyList<string> Env { get; init; } = [];

    /// <summary>The absolute working directory; <c>/</c> by default.</summary>
    public string WorkingDirectory { get; init; } = "/";

    /// <summary>The user; root by default.</summary>
    public ProcessUser User { get; init; } = ProcessUser.Root;

    /// <summary>Whether the process's stdio is a terminal (<c>docker run -t</c>, <c>exec -t</c>): shells then prompt (<c>/ # </c>). Default <see langword="false"/>.</summary>
    public bool Tty { get; init; }

    /// <summary>The value of an environment variable, the last assignment winning; <see langword="null"/> when unset.</summary>
    /// <param name="name">The variable name.</param>
    /// <returns>The value, or <see langword="null"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="name"/> is <see langword="null"/>.</exception>
    public string? GetEnv(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        for (var i = Env.Count - 1; i >= 0; i--)
        {
            var entry = Env[i];
            if (entry.Length > name.Length && entry[name.Length] == '=' && entry.StartsWith(name, StringComparison.Ordinal))
            {
                return entry[(name.Length + 1)..];
            }

            if (entry == name)
            {
                return null;
            }
        }

        return null;
    }
}
