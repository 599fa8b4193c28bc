using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using Simulator.FileSystem;

namespace Simulator.Processes;

/// <summary>
/// The user a process runs as: a uid, a gid and, when known, the user's name and home directory, as
/// resolved from a container's <c>User</c> setting (<c>uid</c>, <c>uid:gid</c>, <c>name</c>, <c>name:group</c>).
/// </summary>
/// <remarks>
/// Resolution follows runc's <c>user.GetExecUser</c>: a name is looked up in <c>/etc/passwd</c> of the
/// container's filesystem (its primary gid and home come from there), a group name in <c>/etc/group</c>;
/// a numeric uid need not exist in <c>/etc/passwd</c> (then the gid defaults to 0, as in Docker).
/// An immutable value; thread-safe.
/// </remarks>
public readonly record struct ProcessUser
{
    /// <summary>Creates a user.</summary>
    /// <param name="uid">The user ID.</param>
    /// <param name="gid">The primary group ID.</param>
    /// <param name="name">The user name, when known.</param>
    /// <param name="home">The home directory; <c>/</c> when unknown (as runc's default).</param>
    public ProcessUser(int uid, int gid, string? name = null, string? home = null)
    {
        Uid = uid;
        Gid = gid;
        Name = name;
        Home = home ?? "/";
    }

    /// <summary>root: uid 0, gid 0, home <c>/root</c>.</summary>
    public static ProcessUser Root => new(0, 0, "root", "/root");

    /// <summary>The user ID.</summary>
    public int Uid { get; }

    /// <summary>The primary group ID.</summary>
    public int Gid { get; }

    /// <summary>The user name from <c>/etc/passwd</c>, or <see langword="null"/> when the uid has no entry.</summary>
    public string? Name { get; }

    /// <summary>The home directory (<c>HOME</c> of a process whose env does not set it).</summary>
    public string Home { get; }

    /// <summary>
    /// Resolves a <c>User</c> setting (<c>""</c>, <c>uid</c>, <c>uid:gid</c>, <c>name</c>, <c>name:group</c>,
    /// <c>uid:group</c>) against a container's <c>/etc/passwd</c> and <c>/etc/group</c>, as runc does.
    /// </summary>
    /// <param name="spec">The setting; empty or <see langword="null"/> is root.</param>
    /// <param name="root">The container's root filesystem; may be <see langword="null"/> (then only numbers resolve).</param>
    /// <returns>The user.</returns>
    /// <exception cref="DockerSimulatorException">
    /// <see cref="ErrorKind.InvalidArgument"/> with Docker's text: <c>unable to find user NAME: no matching entries in passwd file</c>
    /// or <c>unable to find group NAME: no matching entries in group file</c>.
    /// </exception>
    public static ProcessUser Resolve(string? spec, UnionFileSystem? root)
    {
        if (string.IsNullOrEmpty(spec))
        {
            spec = "0";
        }

        var colon = spec.IndexOf(':', StringComparison.Ordinal);
        var userPart = colon < 0 ? spec : spec[..colon];
        var groupPart = colon < 0 ? null : spec[(colon + 1)..];
        var passwd = ReadTable(root, "/etc/passwd");
        int uid;
        int gid = 0;
        string? name = null;
        string? home = null;
        if (int.TryParse(userPart, NumberStyles.None, CultureInfo.InvariantCulture, out uid))
        {
            var row = FindRow(passwd, 4, 2, userPart);
            if (row is not null)
            {
                name = row[0];
                _ = int.TryParse(row[3], NumberStyles.None, CultureInfo.InvariantCulture, out gid);
                home = row.Length > 5 ? row[5] : null;
            }
        }
        else
        {
            var row = FindRow(passwd, 4, 0, userPart)
                ?? throw new DockerSimulatorException(ErrorKind.InvalidArgument, $"unable to find user {userPart}: no matching entries in passwd file");
            name = row[0];
            _ = int.TryParse(row[2], NumberStyles.None, CultureInfo.InvariantCulture, out uid);
            _ = int.TryParse(row[3], NumberStyles.None, CultureInfo.InvariantCulture, out gid);
            home = row.Length > 5 ? row[5] : null;
        }

        if (!string.IsNullOrEmpty(groupPart))
        {
            if (!int.TryParse(groupPart, NumberStyles.None, CultureInfo.InvariantCulture, out gid))
            {
                var row = FindRow(ReadTable(root, "/etc/group"), 3, 0, groupPart)
                    ?? throw new DockerSimulatorException(ErrorKind.InvalidArgument, $"unable to find group {groupPart}: no matching entries in group file");
                _ = int.TryParse(row[2], NumberStyles.None, CultureInfo.InvariantCulture, out gid);
            }
        }

        return new ProcessUser(uid, gid, name, string.IsNullOrEmpty(home) ? "/" : home);
    }

    /// <summary><c>uid:gid</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Uid.ToString(CultureInfo.InvariantCulture) + ":" + Gid.ToString(CultureInfo.InvariantCulture);

    private static readonly ConditionalWeakTable<FileContent, string> Texts = new();

    /// <summary>
    /// The table's text (<see cref="UnionFileSystem.ReadAllText"/>), or <see langword="null"/> when there is no root or no such
    /// file. Decoded once per content object (contents are immutable; an image's <c>/etc/passwd</c> is shared by its containers).
    /// </summary>
    private static string? ReadTable(UnionFileSystem? root, string path)
    {
        if (root is null)
        {
            return null;
        }

        try
        {
            return Texts.GetValue(root.WithCaller(0, 0).GetContent(path), static content => Encoding.UTF8.GetString(content.ReadAllBytes().Span));
        }
        catch (FileSystemException)
        {
            return null;
        }
    }

    /// <summary>
    /// The first row (a line not empty nor starting with <c>#</c>, split at <c>:</c>) with at least
    /// <paramref name="minFields"/> fields whose field <paramref name="field"/> is <paramref name="value"/>; only that
    /// row is split (a start no longer splits every line of the table).
    /// </summary>
    private static string[]? FindRow(string? text, int minFields, int field, string value)
    {
        if (text is null)
        {
            return null;
        }

        foreach (var range in text.AsSpan().Split('\n'))
        {
            var line = text.AsSpan(range);
            if (line.Length == 0 || line[0] == '#' || line.Count(':') + 1 < minFields)
            {
                continue;
            }

            var rest = line;
            for (int i = 0; i < field; i++)
            {
                rest = rest[(rest.IndexOf(':') + 1)..];
            }

            var end = rest.IndexOf(':');
            if ((end < 0 ? rest : rest[..end]).SequenceEqual(value))
            {
                return line.ToString().Split(':');
            }
        }

        return null;
    }
}
