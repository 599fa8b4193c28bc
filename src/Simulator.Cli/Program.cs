using Simulator.References;

// dsim: the simulator's command line. The REPL, `dsim test` and `dsim serve` arrive with their issues;
// today `dsim ref` shows how the docker CLI resolves an image reference.
const string Usage = """
    Usage:  dsim ref REFERENCE

    Show how the docker CLI resolves an image reference.

    Commands:
      ref    Print the canonical, familiar and pulled forms of REFERENCE, or Docker's error
    """;

switch (args)
{
    case ["serve", ..]:
        return await Simulator.Cli.ServeCommand.RunUntilInterruptedAsync(args[1..]);
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
