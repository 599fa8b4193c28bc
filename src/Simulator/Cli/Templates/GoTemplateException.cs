namespace Simulator.Cli.Templates;

/// <summary>A template failed to parse or execute; <see cref="Exception.Message"/> is Go's text.</summary>
public sealed class GoTemplateException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">Go's error text.</param>
    public GoTemplateException(string message)
        : base(message)
    {
    }
}
