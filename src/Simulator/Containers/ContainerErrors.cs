namespace Simulator.Containers;

/// <summary>Docker's container messages (moby daemon), kept apart from <c>Internal/Errors.cs</c>.</summary>
internal static class ContainerErrors
{
    // moby daemon/names.go validContainerNameChars
    public const string ValidNameChars = "[a-zA-Z0-9][a-zA-Z0-9_.-]";

    public static DockerSimulatorException NoSuchContainer(string arg) =>
        new(ErrorKind.NotFound, "No such container: " + arg);

    // moby daemon/container/view.go ErrAmbiguousPrefix
    public static DockerSimulatorException AmbiguousPrefix(string prefix) =>
        new(ErrorKind.InvalidArgument, "multiple IDs found with provided prefix: " + prefix);

    public static DockerSimulatorException InvalidName(string name) =>
        new(ErrorKind.InvalidArgument, $"Invalid container name ({name}), only {ValidNameChars} are allowed");

    // moby daemon/errors.go nameConflictError
    public static DockerSimulatorException NameConflict(string name, string id) =>
        new(ErrorKind.Conflict, $"Conflict. The container name \"{name}\" is already in use by container \"{id}\". You have to remove (or rename) that container to be able to reuse that name.");

    // moby daemon/create.go / runconfig
    public static DockerSimulatorException NoCommand() => new(ErrorKind.InvalidArgument, "no command specified");

    // moby daemon/container.go verifyContainerSettings
    public static DockerSimulatorException RelativeWorkingDir(string dir) =>
        new(ErrorKind.InvalidArgument, $"the working directory '{dir}' is invalid, it needs to be an absolute path");

    // moby daemon/create.go verifyContainerSettings
    public static DockerSimulatorException AutoRemoveWithRestart() =>
        new(ErrorKind.InvalidArgument, "can't create 'AutoRemove' container with restart policy");

    // moby api/types/container/hostconfig.go ValidateRestartPolicy
    public static DockerSimulatorException InvalidRestartPolicy(string name) =>
        new(ErrorKind.InvalidArgument, $"invalid restart policy: unknown policy '{name}'; use one of 'no', 'always', 'on-failure', or 'unless-stopped'");

    public static DockerSimulatorException InvalidRetryCount(bool negative) =>
        new(ErrorKind.InvalidArgument, "invalid restart policy: maximum retry count can only be used with 'on-failure'" + (negative ? " and cannot be negative" : ""));

    public static DockerSimulatorException NegativeRetryCount() =>
        new(ErrorKind.InvalidArgument, "invalid restart policy: maximum retry count cannot be negative");

    // moby daemon/errors.go errNotRunning
    public static string NotRunning(string id) => $"container {id} is not running";

    public static DockerSimulatorException CannotKill(string arg, string id) =>
        new(ErrorKind.Conflict, $"Cannot kill container: {arg}: {NotRunning(id)}");

    // moby daemon/delete.go
    public static DockerSimulatorException CannotRemove(string arg, string state) =>
        new(ErrorKind.Conflict, state == "paused"
            ? $"cannot remove container \"{arg}\": container is paused and must be unpaused first"
            : $"cannot remove container \"{arg}\": container is {state}: stop the container before removing or force remove");

    // moby daemon/start.go
    public static DockerSimulatorException StartPaused() =>
        new(ErrorKind.Conflict, "cannot start a paused container, try unpause instead");

    // moby daemon/pause.go, unpause.go
    public static DockerSimulatorException NotRunningConflict(string id) => new(ErrorKind.Conflict, NotRunning(id));

    public static DockerSimulatorException AlreadyPaused(string id) =>
        new(ErrorKind.Conflict, $"container {id} is already paused");

    public static DockerSimulatorException NotPaused(string id) =>
        new(ErrorKind.Conflict, $"container {id} is not paused");

    public static DockerSimulatorException Restarting(string id) =>
        new(ErrorKind.Conflict, $"container {id} is restarting, wait until the container is running");

    // moby daemon/exec.go getExecConfig
    public static DockerSimulatorException ExecPaused(string id) =>
        new(ErrorKind.Conflict, $"container {id} is paused, unpause the container before exec");

    public static DockerSimulatorException ExecRestarting(string id) =>
        new(ErrorKind.Conflict, $"container {id} is restarting, wait until the container is running");

    // moby api/server/router/container/exec.go
    public static DockerSimulatorException NoExecCommand() => new(ErrorKind.InvalidArgument, "No exec command specified");

    // moby daemon/rename.go
    public static DockerSimulatorException RenameSame() =>
        new(ErrorKind.InvalidArgument, "Renaming a container with the same name as its current name");

    public static DockerSimulatorException RenameEmpty() =>
        new(ErrorKind.InvalidArgument, "Neither old nor new names may be empty");

    public static DockerSimulatorException RenameAllocate(DockerSimulatorException inner) =>
        new(inner.Kind, "Error when allocating new name: " + inner.Message, inner);

    // moby daemon/commit.go
    public static DockerSimulatorException CommitRemoving(string id) =>
        new(ErrorKind.Conflict, $"cannot commit container {id}: container is marked for removal and cannot be \"committed\"");

    public static DockerSimulatorException CommitDead(string id) =>
        new(ErrorKind.Conflict, $"cannot commit container {id}: container is dead and cannot be \"committed\"");

    // moby builder/dockerfile: --change accepts only some instructions
    public static DockerSimulatorException InvalidChange(string instruction) =>
        new(ErrorKind.InvalidArgument, $"{instruction} is not a valid change command");

    public static DockerSimulatorException RemovalInProgress(string id) =>
        new(ErrorKind.Conflict, $"removal of container {id} is already in progress");

}
