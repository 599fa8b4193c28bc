namespace Simulator.Testing.Assertions;

/// <summary>A failed <see cref="SimulatorAssert"/> check. xunit reports it as an assertion failure (it implements an
/// interface named <c>IAssertionException</c>, which xunit v3 recognises by name); other frameworks see an ordinary
/// exception with the message.</summary>
public sealed class SimulatorAssertException : Exception, IAssertionException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What was expected and what was found.</param>
    public SimulatorAssertException(string message)
        : base(message)
    {
    }
}

/// <summary>The marker xunit v3 looks for by name to class a failure as an assertion (xunit.v3.common ExceptionUtility).</summary>
internal interface IAssertionException
{
}
