using Simulator.FileSystem;
using Simulator.Internal;

namespace Simulator.Volumes;

/// <summary>
/// Decides a new container's mount points from its flags and image, as moby's <c>registerMountPoints</c>
/// (daemon/volumes.go) and <c>createContainerOSSpecificSettings</c> (daemon/create_unix.go) do.
/// </summary>
/// <remarks>
/// <para>Pure and thread-safe: creates no volume (anonymous ones come back with a <see langword="null"/>
/// <see cref="MountPoint.Name"/> for <see cref="VolumeStore.Acquire"/> to create).</para>
/// <para><b>Precedence</b> (SEMANTICS 4.6), each step replacing earlier ones at the same destination: (1) existing
/// mount points; (2) each <c>--volumes-from</c> in order; (3) <c>-v</c> binds and named volumes; (4) <c>--mount</c>;
/// then (5) <c>--tmpfs</c>; then (6) anonymous volumes for <c>-v /p</c> and image <c>VOLUME</c> paths where nothing
/// is mounted yet (4.5). Errors: a second <c>-v</c> at a destination, a <c>-v</c> at a <c>--tmpfs</c> destination, or a
/// <c>--mount</c> at a destination a <c>-v</c> or an earlier <c>--mount</c> took give <c>Duplicate mount point: &lt;dest&gt;</c>.</para>
/// <para><b>--volumes-from</b> (4.7): every mount point of the source is copied (volumes and binds, with the spec they
/// came from, so anonymous ones stay anonymous for <c>rm -v</c>); RW = source RW and the mode is not <c>ro</c>; never
/// copies image content.</para>
/// </remarks>
public static class MountResolver
{
    /// <summary>Resolves the mount points.</summary>
    /// <param name="request">The flags and image volumes.</param>
    /// <returns>The mount points sorted by destination (ordinal).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="request"/> is <see langword="null"/>.</exception>
    /// <exception cref="DockerSimulatorException"><see cref="ErrorKind.InvalidArgument"/>:
    /// <c>Duplicate mount point: &lt;dest&gt;</c>; <see cref="ErrorKind.FailedPrecondition"/>: an image volume path
    /// that is a file in the image (<c>cannot mount volume over existing file, file exists &lt;path&gt;</c>, the path in the
    /// container; Docker prints the host path).</exception>
    public static IReadOnlyList<MountPoint> Resolve(MountRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var points = new Dictionary<string, MountPoint>(StringComparer.Ordinal);

        // (1) existing mount points.
        foreach (var mp in request.Existing)
        {
            points[mp.Destination] = mp;
        }

        // (2) --volumes-from, in order; later sources replace earlier ones silently.
        foreach (var source in request.VolumesFrom)
        {
            foreach (var mp in source.MountPoints)
            {
                points[mp.Destination] = mp with { RW = mp.RW && !source.Spec.ReadOnly, CopyData = false, Mode = "" };
            }
        }

        var tmpfs = request.Tmpfs.Select(t => Clean(t.Target)).ToHashSet(StringComparer.Ordinal);
        var taken = new HashSet<string>(StringComparer.Ordinal);

        // (3) -v binds and named volumes; anonymous -v /p wait for step (6).
        var anonymous = new List<string>();
        foreach (var spec in request.Volumes)
        {
            var destination = Clean(spec.Target);
            if (spec.Type == MountType.Volume && spec.Source.Length == 0)
            {
                anonymous.Add(destination);
                continue;
            }

            if (taken.Contains(destination) || tmpfs.Contains(destination))
            {
                throw Errors.InvalidArgument(Errors.DuplicateMountPoint(destination));
            }

            taken.Add(destination);
            points[destination] = FromSpec(spec, destination);
        }

        // (4) --mount.
        foreach (var spec in request.Mounts)
        {
            var destination = Clean(spec.Target);
            if (taken.Contains(destination))
            {
                throw Errors.InvalidArgument(Errors.DuplicateMountPoint(spec.Target));
            }

            taken.Add(destination);
            points[destination] = FromSpec(spec, destination);
        }

        // (5) --tmpfs (moby keeps these in HostConfig.Tmpfs; they count as mounted for step 6).
        foreach (var spec in request.Tmpfs)
        {
            var destination = Clean(spec.Target);
            points[destination] = FromSpec(spec, destination);
        }

        // (6) anonymous volumes: -v /p, then the image's VOLUME paths, unless something is mounted there.
        foreach (var path in anonymous.Concat(request.ImageVolumes.Select(Clean)))
        {
            if (points.ContainsKey(path))
            {
                continue;
            }

            if (request.ImageRoot is { } root && TryStat(root, path) is { IsDirectory: false })
            {
                throw Errors.FailedPrecondition(Errors.MountOverExistingFile(path));
            }

            points[path] = new MountPoint
            {
                Type = MountType.Volume,
                Destination = path,
                RW = true,
                CopyData = true,
                Driver = Volume.LocalDriver,
                Spec = new MountSpec { Type = MountType.Volume, Target = path },
            };
        }

        return points.Values.OrderBy(p => p.Destination, StringComparer.Ordinal).ToList();
    }

    private static MountPoint FromSpec(MountSpec spec, string destination) => spec.Type switch
    {
        MountType.Volume => new MountPoint
        {
            Type = MountType.Volume,
            Name = spec.Source.Length == 0 ? null : spec.Source,
            Destination = destination,
            RW = !spec.ReadOnly,
            CopyData = !spec.NoCopy,
            Driver = Volume.LocalDriver,
            Mode = spec.Mode.Length == 0 ? "z" : spec.Mode, // moby setBindModeIfNull for local-driver volumes
            Spec = spec,
        },
        MountType.Bind => new MountPoint
        {
            Type = MountType.Bind,
            Source = FsPath.Clean(spec.Source.Replace('\\', '/')),
            Destination = destination,
            RW = !spec.ReadOnly,
            Propagation = spec.Propagation ?? "rprivate",
            Mode = spec.Mode,
            Spec = spec,
        },
        _ => new MountPoint
        {
            Type = MountType.Tmpfs,
            Destination = destination,
            RW = !spec.ReadOnly,
            Spec = spec,
        },
    };

    private static string Clean(string target) => FsPath.Clean(target.Replace('\\', '/'));

    private static FileEntry? TryStat(UnionFileSystem root, string path)
    {
        try
        {
            return root.Stat(path);
        }
        catch (FileSystemException)
        {
            return null;
        }
    }
}
