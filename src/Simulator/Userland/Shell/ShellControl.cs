namespace Simulator.Userland.Shell;

#pragma warning disable SA1402, SA1649 // Control-flow signals of the interpreter live together.

/// <summary><c>exit</c>: unwinds to the shell (or subshell) top.</summary>
internal sealed class ShellExitException(int status) : Exception
{
    public int Status { get; } = status;
}

/// <summary><c>return</c>: unwinds to the function or dot script.</summary>
internal sealed class ShellReturnException(int status) : Exception
{
    public int Status { get; } = status;
}

/// <summary><c>break</c>/<c>continue</c> with a count.</summary>
internal sealed class ShellLoopException(int count, bool isContinue) : Exception
{
    public int Count { get; set; } = count;

    public bool IsContinue { get; } = isContinue;
}

/// <summary>A shell error with ash's message (without the <c>sh: </c> prefix); <see cref="Fatal"/> ones end a non-interactive shell.</summary>
internal sealed class ShellErrorException(string message, int status, bool fatal) : Exception(message)
{
    public int Status { get; } = status;

    public bool Fatal { get; } = fatal;
}
