namespace Simulator.Images;

/// <summary>
/// An image's <c>HEALTHCHECK</c>, as moby's docker-image-spec <c>HealthcheckConfig</c> (the <c>Healthcheck</c>
/// object of an image config's <c>config</c>).
/// </summary>
/// <remarks>
/// <para>
/// <see cref="Test"/> is <c>[]</c> to inherit, <c>["NONE"]</c> to disable, <c>["CMD", args...]</c> or
/// <c>["CMD-SHELL", command]</c>. Zero durations and a zero <see cref="Retries"/> mean "inherit the default".
/// In JSON, durations are integer nanoseconds and every zero or empty field is omitted (Go <c>omitempty</c>);
/// .NET keeps 100 ns ticks, so sub-tick nanoseconds are dropped when parsing.
/// </para>
/// <para>Immutable and thread-safe; equality compares <see cref="Test"/> element by element.</para>
/// </remarks>
public sealed record HealthcheckConfig
{
    /// <summary>The test command; empty (the default) inherits.</summary>
    public IReadOnlyList<string> Test { get; init; } = [];

    /// <summary>Time between checks; zero (the default) inherits.</summary>
    public TimeSpan Interval { get; init; }

    /// <summary>Time before a check is considered hung; zero (the default) inherits.</summary>
    public TimeSpan Timeout { get; init; }

    /// <summary>Initialisation time before failures count; zero (the default) inherits.</summary>
    public TimeSpan StartPeriod { get; init; }

    /// <summary>Time between checks during the start period; zero (the default) inherits.</summary>
    public TimeSpan StartInterval { get; init; }

    /// <summary>Consecutive failures before unhealthy; zero (the default) inherits.</summary>
    public int Retries { get; init; }

    /// <inheritdoc/>
    public bool Equals(HealthcheckConfig? other) =>
        other is not null &&
        Test.SequenceEqual(other.Test, StringComparer.Ordinal) &&
        Interval == other.Interval &&
        Timeout == other.Timeout &&
        StartPeriod == other.StartPeriod &&
        StartInterval == other.StartInterval &&
        Retries == other.Retries;

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Test.Count, Interval, Timeout, StartPeriod, StartInterval, Retries);
}
