using Simulator.References;

// dsim: the simulator's command line. The REPL, `dsim test` and `dsim serve` arrive with their issues;
// today it resolves image references as the docker CLI does, which is handy for checking one.
if (args is ["ref", var text])
{
    if (ImageReference.TryParse(text, out var reference, out var error))
    {
        Console.WriteLine(reference.ToString());
        Console.WriteLine(reference.FamiliarString);
        return 0;
    }

    Console.Error.WriteLine(error);
    return 1;
}

Console.Error.WriteLine("usage: dsim ref REFERENCE");
return 2;
