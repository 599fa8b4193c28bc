namespace Simulator.Events;

/// <summary>The event types the simulated engine reports (moby <c>api/types/events</c> Type constants).</summary>
public static class EventTypes
{
    /// <summary><c>container</c>.</summary>
    public const string Container = "container";

    /// <summary><c>image</c>.</summary>
    public const string Image = "image";

    /// <summary><c>volume</c>.</summary>
    public const string Volume = "volume";

    /// <summary><c>network</c>.</summary>
    public const string Network = "network";
}
