namespace Simulator.Cli.CommandLine;

/// <summary>How many positional arguments a command takes, with docker/cli's texts (cli/required.go).</summary>
internal readonly record struct ArgRule(int Min, int Max)
{
    public static ArgRule None => new(0, 0);

    public static ArgRule Any => new(0, int.MaxValue);

    public static ArgRule AtLeast(int n) => new(n, int.MaxValue);

    public static ArgRule AtMost(int n) => new(0, n);

    public static ArgRule Exactly(int n) => new(n, n);

    public static ArgRule Range(int min, int max) => new(min, max);

    /// <summary>The error for <paramref name="count"/> arguments, or <see langword="null"/> when fine.</summary>
    /// <param name="count">The number of positional arguments.</param>
    /// <param name="path">The command path, e.g. <c>docker rm</c>.</param>
    /// <param name="usage">The usage line.</param>
    public string? Check(int count, string path, string usage)
    {
        if (count >= Min && count <= Max)
        {
            return null;
        }

        static string Plural(int n) => n == 1 ? "argument" : "arguments";
        if (Max == 0)
        {
            return $"docker: '{path}' accepts no arguments\n\nUsage:  {usage}\n\nRun '{path} --help' for more information";
        }

        if (Min == Max)
        {
            return $"docker: '{path}' requires {Min} {Plural(Min)}\n\nUsage:  {usage}\n\nRun '{path} --help' for more information";
        }

        if (Max == int.MaxValue)
        {
            return $"docker: '{path}' requires at least {Min} {Plural(Min)}\n\nUsage:  {usage}\n\nSee '{path} --help' for more information";
        }

        if (Min == 0)
        {
            // docker/cli 28.2.2 image/list.go prints a stray "S" before "Run" (observed with the real binary).
            var s = path is "docker images" or "docker image ls" or "docker image list" ? "S" : "";
            return $"docker: '{path}' requires at most {Max} {Plural(Max)}\n\nUsage:  {usage}\n\n{s}Run '{path} --help' for more information";
        }

        return $"docker: '{path}' requires at least {Min} and at most {Max} {Plural(Max)}\n\nUsage:  {usage}\n\nRun '{path} --help' for more information";
    }
}
