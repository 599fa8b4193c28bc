namespace Simulator.Testing;

/// <summary>
/// The companion package for test projects. Renderers, fixtures, builders and the transcript runner
/// arrive with their issues; this type only names the package's version of the engine it targets.
/// </summary>
public static class SimulatorTesting
{
    /// <summary>The Docker Engine version whose behaviour the simulator reproduces, <c>28</c>.</summary>
    public const int DockerMajorVersion = 28;
}
