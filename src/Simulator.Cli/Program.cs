using Simulator.Cli;
using Simulator.References;

// dsim: the simulator's command line. One switch on the command; `dsim serve` arrives in its own file.
const string Usage = """
    Usage:  dsim [--host-root DIR] [COMMAND]

    The Docker simulator's command line. With no command: an interactive host shell ($ prompt)
    where `docker` drives an in-memory Docker engine.

    Commands:
      test [--update] FILE.t...   Run transcripts; print a unified diff for each mismatch (exit 1 if any fails);
                                  --update rewrites each file with what was printed (cram -i)
      replay FILE.t               Run a transcript, printing the session as a terminal shows it, then whether it matched
      run FILE.sh                 Run a shell script on the host of a fresh engine
      serve --socket PATH | --tcp 127.0.0.1:PORT
                                  Serve the Docker Engine API of a fresh engine (for the real docker CLI, Docker.DotNet)
      ref REFERENCE               Print the canonical, familiar and pulled forms of REFERENCE, or Docker's error

    Options:
      --host-root DIR   Map the real folder DIR as the host file system: the in-memory host starts as a copy of it;
                        run and the interactive shell write the changes back at the end (test and replay never do)
    """;

string? hostRoot = null;
var argv = args.ToList();
if (argv.Count >= 2 && argv[0] == "--host-root")
{
    hostRoot = argv[1];
    argv.RemoveRange(0, 2);
}

var host = new DsimHost(hostRoot);
switch (argv)
{
    case ["serve", ..]:
        return await ServeCommand.RunUntilInterruptedAsync(argv.ToArray()[1..]).ConfigureAwait(false);
    case []:
        return await host.InteractiveAsync().ConfigureAwait(false);
    case ["test", "--update", .. var updated] when updated.Count > 0:
        return await host.TestAsync(updated, update: true).ConfigureAwait(false);
    case ["test", .. var files] when files.Count > 0:
        return await host.TestAsync(files, update: false).ConfigureAwait(false);
    case ["replay", var file]:
        return await host.ReplayAsync(file).ConfigureAwait(false);
    case ["run", var script]:
        return await host.RunScriptAsync(script).ConfigureAwait(false);
    case ["ref", var text]:
        if (!ImageReference.TryParse(text, out var reference, out var error))
        {
            Console.Error.WriteLine(error);
            return 1;
        }

        Console.WriteLine($"canonical: {reference}");
        Console.WriteLine($"familiar:  {reference.FamiliarString}");
        Console.WriteLine($"pulls:     {reference.ToDockerReference()}");
        return 0;
    case ["--help" or "-h" or "help"]:
        Console.WriteLine(Usage);
        return 0;
    default:
        Console.Error.WriteLine(Usage);
        return 2;
}
