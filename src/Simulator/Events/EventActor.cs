namespace Simulator.Events;

/// <summary>The object an event is about (moby <c>api/types/events.Actor</c>): its ID and attributes.</summary>
/// <param name="ID">The object's ID: a container's 64-hex ID, an image's <c>sha256:</c> ID or reference, a volume's or network's name or ID.</param>
/// <param name="Attributes">The attributes, e.g. <c>image</c>, <c>name</c>, <c>exitCode</c>, <c>signal</c> and the container's labels. Immutable.</param>
public sealed record EventActor(string ID, IReadOnlyDictionary<string, string> Attributes);
