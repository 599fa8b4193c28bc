using System.Formats.Tar;
using Simulator.FileSystem;
using Simulator.Volumes;

namespace Simulator.Containers;

/// <summary><c>docker cp</c> (the archive endpoints) and <c>docker export</c>.</summary>
public sealed partial class ContainerStore
{
    /// <summary>
    /// <c>HEAD /containers/{id}/archive?path=</c>: the stat of a path in the container's view (mounts included); symlinks
    /// in the parent path are followed, the last element is not unless the path ends in <c>/</c> or <c>/.</c> (moby
    /// daemon/archive_unix.go, container/archive_unix.go).
    /// </summary>
    /// <param name="idOrName">A full ID, name or unique ID prefix.</param>
    /// <param name="path">The path (relative paths are taken from <c>/</c>).</param>
    /// <returns>The stat.</returns>
    /// <exception cref="DockerSimulatorException">As <see cref="Inspect(string)"/>; <see cref="ErrorKind.NotFound"/> <c>Could not find the file /x in container c</c>; <see cref="ErrorKind.InvalidArgument"/> <c>not a directory</c> for <c>/file/</c>.</exception>
    public ContainerPathStat StatPath(string idOrName, string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        UnionFileSystem root;
        lock (_gate)
        {
            root = Find(idOrName).Root;
        }

        return Stat(root, idOrName, path, out _);
    }

    /// <summary>
    /// <c>GET /containers/{id}/archive?path=</c> (<c>docker cp c:/path dest</c>): a tar of the path as seen in the container
    /// (volumes and binds included), entries named from the path's base name (<c>/etc</c> gives <c>etc</c>, <c>etc/hosts</c>, …;
    /// <c>/etc/.</c> gives <c>.</c>, <c>./hosts</c>, …), and the stat; publishes <c>archive-path</c>.
    /// </summary>
    /// <param name="idOrName">A full ID, name or unique ID prefix.</param>
    /// <param name="path">The path.</param>
    /// <returns>The archive.</returns>
    /// <exception cref="DockerSimulatorException">As <see cref="StatPath"/>.</exception>
    public ContainerArchive GetArchive(string idOrName, string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        Record(ContainerOperation.GetArchive, idOrName, ("path", path));
        ContainerRecord rec;
        lock (_gate)
        {
            rec = Find(idOrName);
        }

        var stat = Stat(rec.Root, idOrName, path, out var resolved);
        var rebase = BaseName(path);
        var ms = new MemoryStream();
        using (var writer = new TarWriter(ms, TarEntryFormat.Pax, leaveOpen: true))
        {
            if (stat.IsDirectory)
            {
                foreach (var (p, entry) in rec.Root.Walk(resolved))
                {
                    var rel = p.Length == resolved.Length ? "" : p[(resolved == "/" ? 1 : resolved.Length + 1)..];
                    WriteEntry(writer, rel.Length == 0 ? rebase : rebase + "/" + rel, entry);
                }
            }
            else
            {
                WriteEntry(writer, rebase, rec.Root.LStat(resolved));
            }
        }

        ms.Position = 0;
        lock (_gate)
        {
            Emit(rec, "archive-path");
        }

        return new ContainerArchive(ms, stat);
    }

    /// <summary>
    /// <c>PUT /containers/{id}/archive?path=</c> (<c>docker cp src c:/dir</c>): extracts a tar into a directory of the
    /// container. Writes under a volume or bind mount go to that mount (so not to <see cref="Diff"/>); entries keep the
    /// tar's modes, owners and times (or, with <paramref name="copyUidGid"/>, get the container user's). Publishes
    /// <c>extract-to-dir</c>. Validation happens before anything is written.
    /// </summary>
    /// <param name="idOrName">A full ID, name or unique ID prefix.</param>
    /// <param name="path">The destination directory (symlinks followed).</param>
    /// <param name="tar">An uncompressed tar stream (empty is allowed).</param>
    /// <param name="noOverwriteDirNonDir"><c>noOverwriteDirNonDir=1</c>: refuse to replace a directory with a non-directory or back.</param>
    /// <param name="copyUidGid"><c>copyUIDGID=1</c> (<c>docker cp -a</c>): own the files as the container's user.</param>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="DockerSimulatorException">
    /// As <see cref="Inspect(string)"/>; <see cref="ErrorKind.NotFound"/> <c>Could not find the file /x in container c</c>;
    /// <see cref="ErrorKind.InvalidArgument"/> <c>extraction point is not a directory</c>, <c>mounted volume is marked read-only</c>,
    /// <c>container rootfs is marked read-only</c>, <c>cannot overwrite directory "/a" with non-directory "/a"</c>,
    /// <c>cannot overwrite non-directory "/a" with directory "/a"</c>, an entry escaping the destination
    /// (<c>invalid archive: "../x" is outside of "/dir"</c>) or a malformed archive.
    /// </exception>
    public void ExtractToDirectory(string idOrName, string path, Stream tar, bool noOverwriteDirNonDir = false, bool copyUidGid = false)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(tar);
        Record(ContainerOperation.ExtractToDirectory, idOrName, ("path", path));
        ContainerRecord rec;
        lock (_gate)
        {
            rec = Find(idOrName);
        }

        var root = rec.Root;
        string dest;
        try
        {
            dest = RealPath(root, path.StartsWith('/') ? path : "/" + path);
        }
        catch (FileSystemException)
        {
            throw new DockerSimulatorException(ErrorKind.NotFound, $"Could not find the file {path} in container {idOrName}");
        }

        if (!root.Stat(dest).IsDirectory)
        {
            throw new DockerSimulatorException(ErrorKind.InvalidArgument, "extraction point is not a directory");
        }

        var mount = rec.Mounts.Where(m => dest == m.Destination || dest.StartsWith(m.Destination.TrimEnd('/') + "/", StringComparison.Ordinal)).OrderByDescending(m => m.Destination.Length).FirstOrDefault();
        if (mount is not null ? !mount.RW : rec.Host.ReadonlyRootfs)
        {
            throw new DockerSimulatorException(ErrorKind.InvalidArgument, mount is not null ? "mounted volume is marked read-only" : "container rootfs is marked read-only");
        }

        // Read and check the whole archive first: a bad archive leaves the container as it was.
        var entries = new List<(string Path, TarEntry Entry, byte[] Data)>();
        try
        {
            using var reader = new TarReader(tar, leaveOpen: true);
            while (reader.GetNextEntry() is { } e)
            {
                if (e.EntryType is TarEntryType.ExtendedAttributes or TarEntryType.GlobalExtendedAttributes)
                {
                    continue;
                }

                var clean = FsPath.Clean("/" + e.Name);
                var joined = FsPath.Clean(dest + "/" + e.Name);
                if (e.Name.Split('/').Contains("..") && !(joined == dest || joined.StartsWith(dest == "/" ? "/" : dest + "/", StringComparison.Ordinal)))
                {
                    throw new DockerSimulatorException(ErrorKind.InvalidArgument, $"invalid archive: \"{e.Name}\" is outside of \"{dest}\"");
                }

                var data = Array.Empty<byte>();
                if (e.DataStream is not null)
                {
                    using var buffer = new MemoryStream();
                    e.DataStream.CopyTo(buffer);
                    data = buffer.ToArray();
                }

                entries.Add((dest == "/" ? clean : FsPath.Clean(dest + clean), e, data));
            }
        }
        catch (Exception ex) when (ex is InvalidDataException or FormatException or EndOfStreamException)
        {
            throw new DockerSimulatorException(ErrorKind.InvalidArgument, "archive/tar: invalid tar header", ex);
        }

        if (noOverwriteDirNonDir)
        {
            foreach (var (p, e, _) in entries)
            {
                if (root.Exists(p) && root.LStat(p) is var existing)
                {
                    bool isDir = e.EntryType == TarEntryType.Directory;
                    if (existing.IsDirectory && !isDir)
                    {
                        throw new DockerSimulatorException(ErrorKind.InvalidArgument, $"cannot overwrite directory \"{p}\" with non-directory \"{p}\"");
                    }

                    if (!existing.IsDirectory && isDir)
                    {
                        throw new DockerSimulatorException(ErrorKind.InvalidArgument, $"cannot overwrite non-directory \"{p}\" with directory \"{p}\"");
                    }
                }
            }
        }

        (int Uid, int Gid)? owner = null;
        if (copyUidGid)
        {
            var user = Processes.ProcessUser.Resolve(rec.Config.User, root);
            owner = (user.Uid, user.Gid);
        }

        foreach (var (p, e, data) in entries)
        {
            Extract(root, p, e, data, owner);
        }

        lock (_gate)
        {
            Emit(rec, "extract-to-dir");
        }
    }

    /// <summary>
    /// <c>docker export</c> / <c>GET /containers/{id}/export</c>: a tar of the container's root filesystem (image plus its
    /// changes) without its volumes and binds (moby: export does not include mounted volumes); <c>/etc/hostname</c>,
    /// <c>/etc/hosts</c> and <c>/etc/resolv.conf</c> are the empty files of Docker's init layer (the real ones are bind
    /// mounts). Publishes <c>export</c>.
    /// </summary>
    /// <param name="idOrName">A full ID, name or unique ID prefix.</param>
    /// <returns>The tar stream, positioned at 0; the caller disposes it.</returns>
    /// <exception cref="DockerSimulatorException">As <see cref="Inspect(string)"/>.</exception>
    public Stream Export(string idOrName)
    {
        Record(ContainerOperation.Export, idOrName);
        ContainerRecord rec;
        lock (_gate)
        {
            rec = Find(idOrName);
        }

        var flat = UnionFileSystem.CreateReadOnly(rec.Root.Lower.Push(rec.Root.CommitLayer()));
        var ms = new MemoryStream();
        using (var writer = new TarWriter(ms, TarEntryFormat.Pax, leaveOpen: true))
        {
            foreach (var (p, entry) in flat.Walk("/"))
            {
                if (p == "/")
                {
                    continue;
                }

                var e = p is "/etc/hostname" or "/etc/hosts" or "/etc/resolv.conf" ? entry with { Content = FileContent.Empty } : entry;
                WriteEntry(writer, p[1..], e);
            }
        }

        ms.Position = 0;
        lock (_gate)
        {
            Emit(rec, "export");
        }

        return ms;
    }

    private static ContainerPathStat Stat(UnionFileSystem root, string idOrName, string path, out string resolved)
    {
        var abs = path.StartsWith('/') ? path : "/" + path;
        bool follow = abs.EndsWith('/') || abs.EndsWith("/.", StringComparison.Ordinal);
        FileEntry entry;
        try
        {
            var parent = RealPath(root, FsPath.Parent(FsPath.Clean(abs)));
            resolved = FsPath.Combine(parent, FsPath.Name(FsPath.Clean(abs)));
            if (FsPath.Clean(abs) == "/")
            {
                resolved = "/";
            }

            if (follow)
            {
                resolved = RealPath(root, resolved);
                entry = root.Stat(resolved);
                if (!entry.IsDirectory)
                {
                    throw new DockerSimulatorException(ErrorKind.InvalidArgument, "not a directory");
                }
            }
            else
            {
                entry = root.LStat(resolved);
            }
        }
        catch (FileSystemException)
        {
            throw new DockerSimulatorException(ErrorKind.NotFound, $"Could not find the file {path} in container {idOrName}");
        }

        uint mode = (uint)entry.Mode & 0x1FF;
        var target = "";
        switch (entry.Type)
        {
            case EntryType.Directory:
                mode |= ContainerPathStat.ModeDir;
                break;
            case EntryType.Symlink:
                mode |= ContainerPathStat.ModeSymlink;
                try
                {
                    target = RealPath(root, resolved);
                }
                catch (FileSystemException)
                {
                    target = entry.LinkTarget is { } t && t.StartsWith('/') ? t : FsPath.Clean(FsPath.Parent(resolved) + "/" + entry.LinkTarget);
                }

                break;
        }

        return new ContainerPathStat(FsPath.Name(FsPath.Clean(abs)) is { Length: > 0 } n ? n : "/", entry.IsDirectory ? 4096 : entry.Size, mode, entry.ModifiedAt, target);
    }

    /// <summary>Go's <c>filepath.Base</c> keeping a trailing <c>.</c> (<c>/etc/.</c> is <c>.</c>).</summary>
    private static string BaseName(string path)
    {
        var trimmed = path.TrimEnd('/');
        if (trimmed.Length == 0)
        {
            return "/";
        }

        var i = trimmed.LastIndexOf('/');
        return i < 0 ? trimmed : trimmed[(i + 1)..];
    }

    private static void WriteEntry(TarWriter writer, string name, FileEntry entry)
    {
        var mode = (UnixFileMode)((int)entry.Mode & 0xFFF);
        TarEntry tarEntry = entry.Type switch
        {
            EntryType.Directory => new PaxTarEntry(TarEntryType.Directory, name.EndsWith('/') ? name : name + "/"),
            EntryType.Symlink => new PaxTarEntry(TarEntryType.SymbolicLink, name) { LinkName = entry.LinkTarget ?? "" },
            _ => new PaxTarEntry(TarEntryType.RegularFile, name),
        };
        tarEntry.Mode = mode;
        tarEntry.Uid = entry.Uid;
        tarEntry.Gid = entry.Gid;
        tarEntry.ModificationTime = entry.ModifiedAt;
        if (tarEntry.EntryType == TarEntryType.RegularFile)
        {
            tarEntry.DataStream = entry.Content.OpenRead();
        }

        writer.WriteEntry(tarEntry);
        tarEntry.DataStream?.Dispose();
    }

    private static void Extract(UnionFileSystem root, string path, TarEntry e, byte[] data, (int Uid, int Gid)? owner)
    {
        var parent = FsPath.Parent(path);
        if (!root.Exists(parent))
        {
            root.CreateDirectories(parent);
        }

        var mode = e.Mode & (UnixFileMode)0xFFF;
        switch (e.EntryType)
        {
            case TarEntryType.Directory:
                if (root.Exists(path) && !root.LStat(path).IsDirectory)
                {
                    root.Unlink(path);
                }

                if (!root.Exists(path))
                {
                    root.CreateDirectory(path, mode);
                }
                else
                {
                    root.Chmod(path, mode);
                }

                break;
            case TarEntryType.SymbolicLink:
                RemoveExisting(root, path);
                root.CreateSymlink(e.LinkName, path);
                break;
            case TarEntryType.HardLink:
                RemoveExisting(root, path);
                root.Link(FsPath.Clean(FsPath.Parent(path) + "/" + e.LinkName), path);
                return;
            default:
                RemoveExisting(root, path);
                root.WriteAllBytes(path, data, mode);
                break;
        }

        if (e.EntryType != TarEntryType.SymbolicLink)
        {
            root.Chown(path, owner?.Uid ?? e.Uid, owner?.Gid ?? e.Gid);
            root.SetModifiedTime(path, e.ModificationTime);
        }
    }

    private static void RemoveExisting(UnionFileSystem root, string path)
    {
        if (!root.Exists(path) && !IsDanglingLink(root, path))
        {
            return;
        }

        var existing = root.LStat(path);
        if (existing.IsDirectory)
        {
            foreach (var (p, _) in root.Walk(path).Reverse())
            {
                if (root.LStat(p).IsDirectory)
                {
                    root.RemoveDirectory(p);
                }
                else
                {
                    root.Unlink(p);
                }
            }
        }
        else
        {
            root.Unlink(path);
        }
    }

    /// <summary>realpath(3) in the container's view: every symlink followed (at most 40, <c>ELOOP</c>), the path must exist.</summary>
    private static string RealPath(UnionFileSystem root, string path)
    {
        var pending = new Stack<string>(FsPath.Clean(path).Split('/', StringSplitOptions.RemoveEmptyEntries).Reverse());
        var current = "/";
        int links = 0;
        while (pending.Count > 0)
        {
            var part = pending.Pop();
            if (part == ".")
            {
                continue;
            }

            if (part == "..")
            {
                current = FsPath.Parent(current);
                continue;
            }

            var next = FsPath.Combine(current, part);
            var entry = root.LStat(next);
            if (entry.Type == EntryType.Symlink)
            {
                if (++links > 40)
                {
                    throw new FileSystemException(Errno.ELOOP, path);
                }

                var target = entry.LinkTarget ?? "";
                if (target.StartsWith('/'))
                {
                    current = "/";
                }

                foreach (var t in target.Split('/', StringSplitOptions.RemoveEmptyEntries).Reverse())
                {
                    pending.Push(t);
                }

                continue;
            }

            current = next;
        }

        return current;
    }

    private static bool IsDanglingLink(UnionFileSystem root, string path)
    {
        try
        {
            return root.LStat(path).Type == EntryType.Symlink;
        }
        catch (FileSystemException)
        {
            return false;
        }
    }
}
