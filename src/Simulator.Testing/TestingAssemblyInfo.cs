namespace Simulator.Testing;

/// <summary>
/// The companion package for test projects: renderers (<c>Simulator.Testing.Rendering</c>), builders
/// (<c>.Builders</c>), the xunit v3 fixture and clock (<c>.Fixtures</c>), assertions (<c>.Assertions</c>), conformance
/// suites (<c>.Conformance</c>) and the transcript runner (<c>.Transcripts</c>). This type names the Docker version they target.
/// </summary>
public static class SimulatorTesting
{
    /// <summary>The Docker Engine version whose behaviour the simulator reproduces, <c>28</c>.</summary>
    public const int DockerMajorVersion = 28;
}
