using System.Globalization;

namespace Simulator.Containers;

/// <summary>
/// A restart policy (<c>--restart</c>): <c>no</c>, <c>on-failure[:N]</c>, <c>always</c>, <c>unless-stopped</c>
/// (moby <c>api/types/container/hostconfig.go</c>, <c>restartmanager</c>).
/// </summary>
/// <param name="Name">The policy name; empty means <c>no</c>.</param>
/// <param name="MaximumRetryCount">For <c>on-failure</c>, the most restarts; 0 is unlimited.</param>
public sealed record RestartPolicy(string Name = "no", int MaximumRetryCount = 0)
{
    /// <summary><c>no</c>: never restart.</summary>
    public static RestartPolicy No { get; } = new("no");

    /// <summary><c>always</c>.</summary>
    public static RestartPolicy Always { get; } = new("always");

    /// <summary><c>unless-stopped</c>.</summary>
    public static RestartPolicy UnlessStopped { get; } = new("unless-stopped");

    /// <summary><c>on-failure[:N]</c>.</summary>
    /// <param name="maximumRetryCount">The most restarts; 0 is unlimited.</param>
    /// <returns>The policy.</returns>
    public static RestartPolicy OnFailure(int maximumRetryCount = 0) => new("on-failure", maximumRetryCount);

    /// <summary>Whether this is <c>no</c> (or empty).</summary>
    public bool IsNone => Name is "" or "no";

    /// <summary>
    /// Parses the <c>--restart</c> value as the docker CLI does (docker/cli <c>opts.ParseRestartPolicy</c>): the name,
    /// then an optional <c>:N</c> count read as Go's <c>strconv.Atoi</c> (a sign is allowed). The name and count are
    /// not checked here: the daemon checks them at create (<see cref="Validate"/>), so <c>always:3</c> is the daemon's error.
    /// </summary>
    /// <param name="text">The value.</param>
    /// <returns>The policy, unchecked.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is <see langword="null"/>.</exception>
    /// <exception cref="DockerSimulatorException"><see cref="ErrorKind.InvalidArgument"/>:
    /// <c>invalid restart policy format: no policy provided before colon</c> (<c>:3</c>),
    /// <c>invalid restart policy format: maximum retry count must be an integer</c> (<c>on-failure:x</c>).</exception>
    public static RestartPolicy Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = text.Split(':', 2);
        if (parts.Length == 2 && parts[0].Length == 0)
        {
            throw new DockerSimulatorException(ErrorKind.InvalidArgument, "invalid restart policy format: no policy provided before colon");
        }

        int count = 0;
        if (parts.Length == 2 && parts[1].Length > 0 && !int.TryParse(parts[1], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out count))
        {
            throw new DockerSimulatorException(ErrorKind.InvalidArgument, "invalid restart policy format: maximum retry count must be an integer");
        }

        return new RestartPolicy(parts[0], count);
    }

    /// <summary>Checks the policy as the daemon does at create.</summary>
    /// <exception cref="DockerSimulatorException"><see cref="ErrorKind.InvalidArgument"/>: unknown policy, a count without <c>on-failure</c>
    /// (<c>... and cannot be negative</c> when below 0), a negative count (moby <c>api/types/container/hostconfig.go</c> <c>ValidateRestartPolicy</c>).</exception>
    public void Validate()
    {
        switch (Name)
        {
            case "" or "no" or "always" or "unless-stopped":
                if (MaximumRetryCount != 0)
                {
                    throw ContainerErrors.InvalidRetryCount(MaximumRetryCount < 0);
                }

                break;
            case "on-failure":
                if (MaximumRetryCount < 0)
                {
                    throw ContainerErrors.NegativeRetryCount();
                }

                break;
            default:
                throw ContainerErrors.InvalidRestartPolicy(Name);
        }
    }

    /// <summary>The <c>--restart</c> text: <c>on-failure:3</c>, <c>always</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() =>
        Name == "on-failure" && MaximumRetryCount > 0 ? "on-failure:" + MaximumRetryCount.ToString(CultureInfo.InvariantCulture) : (Name.Length == 0 ? "no" : Name);
}
