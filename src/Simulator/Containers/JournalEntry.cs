namespace Simulator.Containers;

/// <summary>One call recorded by <see cref="ContainerStore.Journal"/>: what was asked, of what, with which arguments, and when. Immutable.</summary>
/// <param name="Sequence">The call's number, from 1, in the order calls were made.</param>
/// <param name="Time">The store's clock at the call.</param>
/// <param name="Operation">The operation.</param>
/// <param name="Target">The container as given (ID, name or prefix; the image for <see cref="ContainerOperation.Create"/>; empty for <see cref="ContainerOperation.Prune"/>).</param>
/// <param name="Arguments">The other arguments as text (e.g. <c>signal</c>, <c>force</c>, <c>name</c>, <c>cmd</c>), only those given.</param>
/// <param name="InjectedFailure">The message of the failure <see cref="ContainerStore.FailNext"/> injected into this call, or <see langword="null"/>.</param>
public sealed record JournalEntry(long Sequence, DateTimeOffset Time, ContainerOperation Operation, string Target, IReadOnlyDictionary<string, string> Arguments, string? InjectedFailure)
{
    /// <inheritdoc/>
    public override string ToString() =>
        $"{Operation} {Target}" + string.Concat(Arguments.Select(a => $" {a.Key}={a.Value}")) + (InjectedFailure is null ? "" : $" !{InjectedFailure}");
}
