using Simulator.Containers;

namespace Simulator.EngineApi.Internal;

/// <summary>An exec instance (moby daemon/exec): created by POST /containers/{id}/exec, run once by POST /exec/{id}/start.</summary>
internal sealed class ExecInstance(string id, string containerId, ExecConfig config)
{
    public string Id { get; } = id;

    public string ContainerId { get; } = containerId;

    public ExecConfig Config { get; } = config;

    public bool Tty { get; init; }

    public bool AttachStdin { get; init; }

    public bool AttachStdout { get; init; }

    public bool AttachStderr { get; init; }

    public bool Privileged { get; init; }

    public bool Running { get; set; }

    public bool Started { get; set; }

    public int? ExitCode { get; set; }

    public int Pid { get; set; }
}
