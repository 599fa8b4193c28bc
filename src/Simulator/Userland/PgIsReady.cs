using System.Globalization;
using Simulator.FileSystem;
using Simulator.Processes;

namespace Simulator.Userland;

/// <summary>
/// <c>pg_isready</c> of the stock <c>postgres:16</c> image (<c>#!simulator pg_isready</c>), as a healthcheck uses it:
/// it reports <c>accepting connections</c> (exit 0) when the container's server has written its
/// <c>postmaster.pid</c> with the <c>ready</c> status, else <c>no response</c> (exit 2).
/// </summary>
/// <remarks>
/// No client protocol is simulated: the check reads <c>$PGDATA/postmaster.pid</c> in the caller's filesystem, so it
/// only answers for the server of its own container. Options: <c>-h</c>, <c>-p</c>, <c>-U</c>, <c>-d</c>, <c>-t</c>,
/// <c>-q</c> (and their long forms). Source: PostgreSQL 16 <c>src/bin/scripts/pg_isready.c</c>.
/// </remarks>
internal static class PgIsReady
{
    public const string ProgramName = "pg_isready";

    public static async Task<int> RunAsync(ProcessContext context)
    {
        string host = "/var/run/postgresql";
        string port = "5432";
        bool quiet = false;
        for (int i = 1; i < context.Argv.Count; i++)
        {
            var arg = context.Argv[i];
            string? Value(string shortName, string longName)
            {
                if (arg == shortName || arg == longName)
                {
                    return i + 1 < context.Argv.Count ? context.Argv[++i] : null;
                }

                if (arg.StartsWith(longName + "=", StringComparison.Ordinal))
                {
                    return arg[(longName.Length + 1)..];
                }

                return arg.Length > 2 && arg.StartsWith(shortName, StringComparison.Ordinal) ? arg[2..] : null;
            }

            if (arg is "-q" or "--quiet")
            {
                quiet = true;
            }
            else if (arg is "-V" or "--version")
            {
                await context.WriteAsync("pg_isready (PostgreSQL) " + Postgres.Version + " (Debian 16.6-1.pgdg120+1)\n").ConfigureAwait(false);
                return 0;
            }
            else if (Value("-h", "--host") is { } h)
            {
                host = h;
            }
            else if (Value("-p", "--port") is { } p)
            {
                port = p;
            }
            else if (Value("-U", "--username") is not null || Value("-d", "--dbname") is not null || Value("-t", "--timeout") is not null)
            {
                // Accepted; the answer does not depend on them.
            }
            else
            {
                await context.WriteErrorAsync(
                    $"pg_isready: error: invalid option -- '{arg.TrimStart('-')}'\n" +
                    "pg_isready: hint: Try \"pg_isready --help\" for more information.\n").ConfigureAwait(false);
                return 3;
            }
        }

        var pgdata = context.GetEnv("PGDATA") is { Length: > 0 } d ? d : Postgres.DefaultDataDirectory;
        bool ready = false;
        try
        {
            var pid = context.FileSystem.ReadAllText(context.ResolvePath(pgdata + "/postmaster.pid")).Split('\n');
            ready = pid.Length > 7 && pid[7].Trim() == "ready" && pid[3] == port;
        }
        catch (FileSystemException)
        {
            // No server.
        }

        if (!quiet)
        {
            await context.WriteAsync(string.Create(CultureInfo.InvariantCulture, $"{host}:{port} - {(ready ? "accepting connections" : "no response")}\n")).ConfigureAwait(false);
        }

        return ready ? 0 : 2;
    }
}
