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

    /// <summary>Parses the <c>--restart</c> value: <c>no</c>, <c>always</c>, <c>unless-stopped</c>, <c>on-failure[:N]</c>.</summary>
    /// <param name="text">The value.</param>
    /// <returns>The policy.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is <see langword="null"/>.</exception>
    /// <exception cref="DockerSimulatorException"><see cref="ErrorKind.InvalidArgument"/>: unknown policy or bad count.</exception>
    public static RestartPolicy Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = text.Split(':', 2);
        int count = 0;
        if (parts.Length == 2 && !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out count))
        {
            throw new DockerSimulatorException(ErrorKind.InvalidArgument, $"invalid restart policy format: maximum retry count must be an integer");
        }

        var policy = new RestartPolicy(parts[0], count);
        policy.Validate();
        return policy;
    }

    /// <summary>Checks the policy as the daemon does at create.</summary>
    /// <exception cref="DockerSimulatorException"><see cref="ErrorKind.InvalidArgument"/>: unknown policy, a count without <c>on-failure</c>, a negative count.</exception>
    public void Validate()
    {
        switch (Name)
        {
            case "" or "no" or "always" or "unless-stopped":
                if (MaximumRetryCount != 0)
                {
                    throw ContainerErrors.InvalidRetryCount(Name);
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
