using System.Security.Cryptography;
using System.Text;
using Simulator.FileSystem;

namespace Simulator.Userland.Apk;

/// <summary>
/// <c>/lib/apk/db/installed</c> as apk-tools 2 writes it: one stanza per package, separated by blank lines, in
/// installation order; stanzas of packages this model did not install (the stock image's) are kept verbatim.
/// </summary>
internal sealed class ApkDatabase
{
    private const string Path = "/lib/apk/db/installed";

    private readonly List<(string Name, List<string> Lines)> _stanzas = [];

    public IReadOnlyList<string> Names => _stanzas.Select(s => s.Name).ToList();

    public long TotalSize => _stanzas.Sum(s => SizeOf(s.Lines));

    public static ApkDatabase Load(UnionFileSystem fs)
    {
        var db = new ApkDatabase();
        if (!fs.Exists(Path))
        {
            return db;
        }

        var current = new List<string>();
        foreach (var line in fs.ReadAllText(Path).Split('\n'))
        {
            if (line.Length == 0)
            {
                db.AddStanza(current);
                current = [];
            }
            else
            {
                current.Add(line);
            }
        }

        db.AddStanza(current);
        return db;
    }

    private void AddStanza(List<string> lines)
    {
        var name = lines.FirstOrDefault(l => l.StartsWith("P:", StringComparison.Ordinal));
        if (name is not null)
        {
            _stanzas.Add((name[2..], lines));
        }
    }

    public bool Contains(string name) => _stanzas.Any(s => s.Name == name);

    public string? FieldOf(string name, char field)
    {
        var s = _stanzas.FirstOrDefault(x => x.Name == name);
        return s.Lines?.FirstOrDefault(l => l.Length >= 2 && l[0] == field && l[1] == ':')?[2..];
    }

    public string VersionOf(string name) => FieldOf(name, 'V') ?? "";

    /// <summary>The directories (absolute, with their ancestors) the other packages' <c>F:</c> lines name: apk keeps a directory while a package references it.</summary>
    public HashSet<string> DirectoriesReferencedExcept(string name)
    {
        var dirs = new HashSet<string>(StringComparer.Ordinal) { "/" };
        foreach (var (other, lines) in _stanzas)
        {
            if (other == name)
            {
                continue;
            }

            foreach (var line in lines.Where(l => l.StartsWith("F:", StringComparison.Ordinal)))
            {
                for (var d = "/" + line[2..]; d.Length > 1 && dirs.Add(d); d = FsPath.Parent(d))
                {
                }
            }
        }

        return dirs;
    }

    /// <summary>The files a package owns (<c>F:</c> directory + <c>R:</c> name), as <c>apk info -L</c> lists them.</summary>
    public IReadOnlyList<string> FilesOf(string name)
    {
        var files = new List<string>();
        var dir = "";
        foreach (var line in _stanzas.FirstOrDefault(x => x.Name == name).Lines ?? [])
        {
            if (line.StartsWith("F:", StringComparison.Ordinal))
            {
                dir = line[2..];
            }
            else if (line.StartsWith("R:", StringComparison.Ordinal))
            {
                files.Add(dir.Length == 0 ? line[2..] : dir + "/" + line[2..]);
            }
        }

        return files;
    }

    public long SizeOf(string name) => SizeOf(_stanzas.First(s => s.Name == name).Lines);

    private static long SizeOf(List<string> lines) =>
        long.TryParse(lines.FirstOrDefault(l => l.StartsWith("I:", StringComparison.Ordinal))?[2..], out var v) ? v : 0;

    /// <summary>The package names a package depends on (<c>D:</c>, without <c>so:</c>/<c>cmd:</c> entries, constraints or <c>!</c> conflicts).</summary>
    public IReadOnlyList<string> DependsOf(string name) =>
        (FieldOf(name, 'D') ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Where(d => !d.Contains(':', StringComparison.Ordinal) && !d.StartsWith('!') && !d.StartsWith('/'))
            .Select(d => d.Split('=', '<', '>', '~')[0]).ToList();

    /// <summary>Whether <c>apk del</c> may purge it here: a package this model's index knows or a virtual one, not the stock image's base.</summary>
    public bool IsRemovable(string name) => name.StartsWith('.') || ApkIndex.Find(name) is not null;

    public void Remove(string name) => _stanzas.RemoveAll(s => s.Name == name);

    /// <summary>Replaces a package's stanza in place (an upgrade keeps the package's place in the database).</summary>
    public void Replace(ApkPackage p)
    {
        int at = _stanzas.FindIndex(s => s.Name == p.Name);
        Add(p);
        if (at >= 0)
        {
            var added = _stanzas[^1];
            _stanzas.RemoveAt(_stanzas.Count - 1);
            _stanzas[at] = added;
        }
    }

    /// <summary>Sets a base package's version (<c>V:</c>) and package checksum (<c>C:</c>), for an upgrade of a package this index does not model.</summary>
    public void SetVersion(string name, string version)
    {
        var lines = _stanzas.First(s => s.Name == name).Lines;
        for (int i = 0; i < lines.Count; i++)
        {
            if (lines[i].StartsWith("V:", StringComparison.Ordinal))
            {
                lines[i] = "V:" + version;
            }
            else if (lines[i].StartsWith("C:", StringComparison.Ordinal))
            {
                lines[i] = "C:" + Checksum("pkg:" + name + "-" + version);
            }
        }
    }

    public void Add(ApkPackage p)
    {
        var lines = new List<string>
        {
            "C:" + Checksum("pkg:" + p.Name + "-" + p.Version),
            "P:" + p.Name,
            "V:" + p.Version,
            "A:" + ApkIndex.Arch,
            "S:" + p.DownloadSize,
            "I:" + p.InstalledSize,
            "T:" + p.Description,
            "U:" + p.Url,
            "L:" + p.License,
        };
        if (!p.Name.StartsWith('.'))
        {
            lines.Add("o:" + p.OriginName);
            lines.Add("m:Natanael Copa <ncopa@alpinelinux.org>");
            lines.Add("t:" + p.BuildTime);
            lines.Add("c:" + Convert.ToHexStringLower(SHA1.HashData(Encoding.UTF8.GetBytes(p.OriginName + p.Version)))[..40]);
        }

        if (p.Depends.Length > 0)
        {
            lines.Add("D:" + string.Join(' ', p.Depends.Concat(p.Name.StartsWith('.') ? [] : new[] { "so:libc.musl-x86_64.so.1" })));
        }

        var provides = p.Files.Where(f => f.Program is not null && (f.Path.Contains("bin/", StringComparison.Ordinal)))
            .Select(f => "cmd:" + f.Path[(f.Path.LastIndexOf('/') + 1)..] + "=" + p.Version)
            .Concat(p.Files.Where(f => f.Link is not null && f.Path.StartsWith("usr/lib/lib", StringComparison.Ordinal) && f.Path.Contains(".so.", StringComparison.Ordinal))
                .Select(f => "so:" + f.Path[8..] + "=" + f.Link![(f.Link!.IndexOf(".so.", StringComparison.Ordinal) + 4)..]))
            .ToList();
        if (provides.Count > 0)
        {
            lines.Add("p:" + string.Join(' ', provides));
        }

        string? folder = null;
        foreach (var f in p.Files.OrderBy(f => f.Path, StringComparer.Ordinal))
        {
            var slash = f.Path.LastIndexOf('/');
            var dir = slash < 0 ? "" : f.Path[..slash];
            if (dir != folder)
            {
                lines.Add("F:" + dir);
                folder = dir;
            }

            lines.Add("R:" + f.Path[(slash + 1)..]);
            if (f.Link is null && f.Mode != 0b110_100_100)
            {
                lines.Add("a:0:0:" + Convert.ToString(f.Mode, 8));
            }

            lines.Add("Z:" + Checksum(p.Name + "/" + f.Path));
        }

        _stanzas.Add((p.Name, lines));
    }

    public void Save(UnionFileSystem fs)
    {
        var text = new StringBuilder();
        foreach (var (_, lines) in _stanzas)
        {
            foreach (var l in lines)
            {
                text.Append(l).Append('\n');
            }

            text.Append('\n');
        }

        fs.CreateDirectories("/lib/apk/db");
        fs.WriteAllText(Path, text.ToString());
    }

    private static string Checksum(string text) => "Q1" + Convert.ToBase64String(SHA1.HashData(Encoding.UTF8.GetBytes(text)));
}
