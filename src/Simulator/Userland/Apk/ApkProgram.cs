using System.Security.Cryptography;
using System.Text;
using Simulator.FileSystem;
using Simulator.Processes;

namespace Simulator.Userland.Apk;

/// <summary>
/// The simulated <c>apk</c> (apk-tools 2.14.4 on Alpine 3.20): <c>update</c>, <c>add</c>, <c>del</c>, <c>info</c>, <c>search</c>
/// (<c>-v</c>, <c>-d</c>, <c>-e</c>; only installed packages, with apk's warnings, until the index is cached) and
/// <c>upgrade</c> (<c>(1/2) Upgrading libcrypto3 (3.3.2-r0 -> 3.3.2-r1)</c>) over
/// <see cref="ApkIndex"/>, with apk's output lines, files written to the container's root, <c>/lib/apk/db/installed</c>
/// and <c>/etc/apk/world</c> kept in apk's formats, and the index cache in <c>/var/cache/apk</c> (not with <c>--no-cache</c>).
/// The command line is parsed as apk does (<see cref="ApkOptions"/>: musl getopt_long messages, the applet's help on a usage
/// error, status 1); <c>-s</c>/<c>--simulate</c> prints the changes without writing; <c>apk info</c> takes app_info.c's options
/// (<c>-v</c>, <c>-vv</c>, <c>-e</c>, <c>-W</c>, <c>-d</c>, <c>-w</c>, <c>-s</c>, <c>-R</c>, <c>-r</c>, <c>-L</c>, <c>-a</c>).
/// Known difference: <c>/lib/apk/db/installed</c> keeps installation order (apk 2.14 writes it sorted by name).
/// </summary>
internal static class ApkProgram
{
    public const string ProgramName = "apk";

    private const string InstalledDb = "/lib/apk/db/installed";
    private const string WorldFile = "/etc/apk/world";
    private const string CacheDir = "/var/cache/apk";

    public static async Task<int> RunAsync(ProcessContext context)
    {
        var argv0 = context.Argv.Count > 0 ? context.Argv[0] : ProgramName;
        var options = ApkOptions.Parse(argv0, context.Argv.Skip(1).ToList());
        if (options.Errors.Length > 0)
        {
            await context.WriteErrorAsync(options.Errors).ConfigureAwait(false);
        }

        // -V prints the version and ends the run (-ESHUTDOWN, status 0); --print-arch likewise prints the arch.
        if (options.Has("version"))
        {
            await context.WriteAsync(ApkOptions.VersionLine).ConfigureAwait(false);
            return 0;
        }

        if (options.ShowUsage)
        {
            await context.WriteAsync(ApkOptions.Usage(options.Applet)).ConfigureAwait(false);
            return 1;
        }

        if (options.Has("print-arch"))
        {
            await context.WriteAsync(ApkIndex.Arch + "\n").ConfigureAwait(false);
            return 0;
        }

        var command = options.Applet;
        if (command is null)
        {
            if (context.Argv.Count > 1)
            {
                await context.WriteErrorAsync($"ERROR: '{context.Argv[1]}' is not an apk command. See 'apk --help'.\n").ConfigureAwait(false);
                return 1;
            }

            await context.WriteAsync(ApkOptions.Usage(null)).ConfigureAwait(false);
            return 1;
        }

        if (command is "update" or "add" or "del" or "upgrade" && context.User.Uid != 0 && !options.Has("simulate"))
        {
            await context.WriteErrorAsync("ERROR: Unable to lock database: Permission denied\nERROR: Failed to open apk database: Permission denied\n").ConfigureAwait(false);
            return 99;
        }

        var noCache = options.Has("no-cache");
        var update = options.Has("update-cache");
        var quiet = options.Verbosity < 1;
        var run = new Run(options.Has("simulate"), options.Has("no-scripts"));
        var operands = options.Operands;
        var fs = context.FileSystem;
        var output = new StringBuilder();
        try
        {
            var status = command switch
            {
                "update" => Update(fs, output, noCache, force: true, summary: true),
                "add" => Add(fs, output, operands, noCache, update, options.Value("virtual"), context.TimeProvider, run),
                "del" => Del(fs, output, operands, run),
                "info" => Info(fs, output, operands, options),
                "search" => Search(fs, output, [.. operands, .. options.Has("exact") ? ["-x"] : Array.Empty<string>()], update, noCache, options.Verbosity > 1, options.Has("description")),
                "upgrade" => Upgrade(fs, output, operands, noCache, update, run),
                _ => Unknown(output, command),
            };
            // -q silences apk_message (the progress and OK lines of add, del, update, upgrade); info and search print with printf.
            if (!quiet || status != 0 || command is "info" or "search")
            {
                await WriteSplit(context, output.ToString()).ConfigureAwait(false);
            }

            return status;
        }
        catch (FileSystemException e)
        {
            await context.WriteAsync(output.ToString()).ConfigureAwait(false);
            await context.WriteErrorAsync("ERROR: " + e.Message + "\n").ConfigureAwait(false);
            return 1;
        }
    }

    /// <summary>Commit options: <c>-s</c>/<c>--simulate</c> prints the changes without making them (no scripts, no triggers, no database or world writes); <c>--no-scripts</c> skips the package scripts.</summary>
    private sealed record Run(bool Simulate, bool NoScripts);

    // apk writes progress lines to stdout and ERROR/WARNING lines to stderr.
    private static async Task WriteSplit(ProcessContext context, string text)
    {
        var o = new StringBuilder();
        var e = new StringBuilder();
        var toErr = false;
        foreach (var line in AppletContext.Lines(text))
        {
            if (line.StartsWith("ERROR:", StringComparison.Ordinal) || line.StartsWith("WARNING:", StringComparison.Ordinal))
            {
                toErr = true;
            }
            else if (!line.StartsWith(' '))
            {
                toErr = false;
            }

            (toErr ? e : o).Append(line).Append('\n');
        }

        if (o.Length > 0)
        {
            await context.WriteAsync(o.ToString()).ConfigureAwait(false);
        }

        if (e.Length > 0)
        {
            await context.WriteErrorAsync(e.ToString()).ConfigureAwait(false);
        }
    }

    private static int Unknown(StringBuilder output, string command)
    {
        output.Append("ERROR: unknown command '").Append(command).Append("'\n");
        return 1;
    }

    /// <summary>The cached index file of a repository: <c>/var/cache/apk/APKINDEX.XXXXXXXX.tar.gz</c>.</summary>
    public static string IndexCachePath(string repository) =>
        CacheDir + "/APKINDEX." + Convert.ToHexStringLower(SHA1.HashData(Encoding.UTF8.GetBytes(repository)))[..8] + ".tar.gz";

    private static int Update(UnionFileSystem fs, StringBuilder output, bool noCache, bool force, bool summary = false)
    {
        var cached = !force && ApkIndex.Repositories.All(r => fs.Exists(IndexCachePath(r.Repository)));
        if (cached)
        {
            return 0;
        }

        foreach (var (repo, _) in ApkIndex.Repositories)
        {
            output.Append("fetch ").Append(repo).Append('/').Append(ApkIndex.Arch).Append("/APKINDEX.tar.gz\n");
            if (!noCache)
            {
                fs.CreateDirectories(CacheDir);
                fs.WriteContent(IndexCachePath(repo), PrefixedSyntheticContent.Create([0x1f, 0x8b, 0x08], repo.Contains("community", StringComparison.Ordinal) ? 1_207_104 : 511_488, (ulong)ApkPackage.StableHash(repo)));
            }
        }

        if (summary)
        {
            foreach (var (repo, description) in ApkIndex.Repositories)
            {
                output.Append(description).Append(" [").Append(repo).Append("]\n");
            }

            output.Append("OK: ").Append(ApkIndex.DistinctPackages).Append(" distinct packages available\n");
        }

        return 0;
    }

    private static int Add(UnionFileSystem fs, StringBuilder output, List<string> names, bool noCache, bool update, string? virtualName, TimeProvider time, Run run)
    {
        Update(fs, output, noCache, force: update);
        var db = ApkDatabase.Load(fs);
        var world = ReadWorld(fs);
        var requested = names.Select(n => n.Split('=', '<', '>', '~')[0]).Where(n => n.Length > 0).ToList();
        var missing = requested.Where(n => ApkIndex.Find(n) is null && !db.Contains(n)).ToList();
        var stamp = time.GetUtcNow().UtcDateTime.ToString("yyyyMMdd.HHmmss", System.Globalization.CultureInfo.InvariantCulture);
        if (missing.Count > 0)
        {
            // With --virtual the names are the virtual package's dependencies: apk names it NAME-VERSION as the requirer.
            var requirer = virtualName is null ? "world" : virtualName + "-" + stamp;
            output.Append("ERROR: unable to select packages:\n");
            foreach (var m in missing)
            {
                output.Append("  ").Append(m).Append(" (no such package):\n    required by: ").Append(requirer).Append('[').Append(m).Append("]\n");
            }

            return 1;
        }

        var order = new List<ApkPackage>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in requested)
        {
            Visit(name, db, seen, order);
        }

        if (virtualName is not null)
        {
            order.Add(new ApkPackage(virtualName, stamp, "virtual meta package", "", "", requested.ToArray(), []));
            world.Add(virtualName);
        }
        else
        {
            world.UnionWith(requested);
        }

        var okLine = run.Simulate ? OkLine(db) : null;
        var busyboxTrigger = false;
        var caTrigger = false;
        for (var i = 0; i < order.Count; i++)
        {
            var p = order[i];
            output.Append('(').Append(i + 1).Append('/').Append(order.Count).Append(") Installing ").Append(p.Name).Append(" (").Append(p.Version).Append(")\n");
            if (run.Simulate)
            {
                continue;
            }

            Install(fs, p);
            foreach (var script in p.ScriptNames.Where(s => !run.NoScripts && s.EndsWith("install", StringComparison.Ordinal) && !s.Contains("deinstall", StringComparison.Ordinal)))
            {
                output.Append("Executing ").Append(p.Name).Append('-').Append(p.Version).Append('.').Append(script).Append('\n');
                RunScript(fs, p, script);
            }

            db.Add(p);
            busyboxTrigger |= TouchesBinaries(p);
            caTrigger |= p.Name == "ca-certificates";
        }

        if (okLine is not null)
        {
            output.Append(okLine);
            return 0;
        }

        AppendTriggers(output, db, busyboxTrigger && !run.NoScripts, caTrigger && !run.NoScripts);
        db.Save(fs);
        WriteWorld(fs, world);
        AppendOk(output, db);
        return 0;
    }

    private static void Visit(string name, ApkDatabase db, HashSet<string> seen, List<ApkPackage> order)
    {
        if (!seen.Add(name) || db.Contains(name) || ApkIndex.Find(name) is not { } p)
        {
            return;
        }

        foreach (var dep in p.Depends)
        {
            Visit(dep, db, seen, order);
        }

        order.Add(p);
    }

    private static int Del(UnionFileSystem fs, StringBuilder output, List<string> names, Run run)
    {
        var db = ApkDatabase.Load(fs);
        var world = ReadWorld(fs);
        // apk 2 says nothing about a name that is not in the world: the run only ends with its "OK:" line.
        foreach (var name in names)
        {
            world.Remove(name);
        }

        // Keep what the world still needs: world entries and everything their dependencies reach.
        var needed = new HashSet<string>(StringComparer.Ordinal);
        var stack = new Stack<string>(world);
        while (stack.Count > 0)
        {
            var n = stack.Pop();
            if (!needed.Add(n))
            {
                continue;
            }

            foreach (var d in db.DependsOf(n))
            {
                stack.Push(d);
            }
        }

        // Purge what is not needed, dependents first (reverse installation order); base packages (not from this index) stay.
        var purge = db.Names.Where(n => !needed.Contains(n) && db.IsRemovable(n)).Reverse().ToList();
        purge = OrderDependentsFirst(purge, db);
        var okLine = run.Simulate ? OkLine(db) : null;
        var busyboxTrigger = false;
        for (var i = 0; i < purge.Count; i++)
        {
            var name = purge[i];
            var version = db.VersionOf(name);
            output.Append('(').Append(i + 1).Append('/').Append(purge.Count).Append(") Purging ").Append(name).Append(" (").Append(version).Append(")\n");
            if (run.Simulate)
            {
                continue;
            }

            var p = ApkIndex.Find(name);
            if (p is not null)
            {
                foreach (var script in p.ScriptNames.Where(s => !run.NoScripts && s.Contains("deinstall", StringComparison.Ordinal)))
                {
                    output.Append("Executing ").Append(name).Append('-').Append(version).Append('.').Append(script).Append('\n');
                }

                Uninstall(fs, p, db.DirectoriesReferencedExcept(name));
                busyboxTrigger |= TouchesBinaries(p);
            }

            db.Remove(name);
        }

        if (okLine is not null)
        {
            output.Append(okLine);
            return 0;
        }

        AppendTriggers(output, db, busyboxTrigger && !run.NoScripts, ca: false);
        db.Save(fs);
        WriteWorld(fs, world);
        AppendOk(output, db);
        return 0;
    }

    private static List<string> OrderDependentsFirst(List<string> purge, ApkDatabase db)
    {
        var set = new HashSet<string>(purge, StringComparer.Ordinal);
        var result = new List<string>();
        var done = new HashSet<string>(StringComparer.Ordinal);
        void Visit(string n)
        {
            if (!done.Add(n))
            {
                return;
            }

            foreach (var other in purge.Where(o => set.Contains(o) && db.DependsOf(o).Contains(n)))
            {
                Visit(other);
            }

            result.Add(n);
        }

        foreach (var n in purge)
        {
            Visit(n);
        }

        return result;
    }

    /// <summary>
    /// <c>apk info</c> as apk-tools 2.14's app_info.c: no name lists the installed packages (<c>-v</c> adds the version, <c>-vv</c> the
    /// description); <c>-e</c> prints the installed names (status: how many are not); with names, the selected fields of each
    /// (<c>-d</c>, <c>-w</c>, <c>-s</c> by default; <c>-R</c>, <c>-r</c>, <c>-L</c>, <c>--license</c>, <c>-a</c> for all), each followed by a blank line,
    /// as one <c>name: value</c> line from <c>-v</c> on. A name that is not known counts as an error (status 1).
    /// </summary>
    private static int Info(UnionFileSystem fs, StringBuilder output, List<string> operands, ApkOptions options)
    {
        var db = ApkDatabase.Load(fs);
        var verbosity = options.Verbosity;
        if (options.Has("who-owns"))
        {
            return WhoOwns(fs, output, operands, db, verbosity);
        }

        if (options.Has("installed"))
        {
            var missing = 0;
            foreach (var arg in operands)
            {
                var name = arg.Split('=', '<', '>', '~')[0];
                if (!db.Contains(name))
                {
                    missing++;
                    continue;
                }

                AppendPackageLine(output, name, db.VersionOf(name), db.FieldOf(name, 'T') ?? "", Math.Max(verbosity, 0), verbosity);
            }

            return missing;
        }

        if (operands.Count == 0)
        {
            foreach (var n in db.Names.Order(StringComparer.Ordinal))
            {
                AppendPackageLine(output, n, db.VersionOf(n), db.FieldOf(n, 'T') ?? "", Math.Max(verbosity, 1), verbosity);
            }

            return 0;
        }

        // The subaction mask; -a selects all; none selects description, webpage and size.
        string[] all = ["description", "webpage", "size", "depends", "provides", "rdepends", "contents", "triggers", "install-if", "rinstall-if", "replaces", "license"];
        var selected = options.Has("all") ? all : all.Where(options.Has).ToArray();
        if (selected.Length == 0)
        {
            selected = ["description", "webpage", "size"];
        }

        var errors = 0;
        foreach (var name in operands.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            var p = ApkIndex.Find(name);
            var installed = db.Contains(name);
            var version = installed ? db.VersionOf(name) : p?.Version;
            if (version is null)
            {
                errors++;
                continue;
            }

            var id = name + "-" + version;
            foreach (var field in selected)
            {
                // contents, triggers, rdepends, rinstall-if and replaces need an installed package.
                if (!installed && field is "contents" or "triggers" or "rdepends" or "rinstall-if" or "replaces")
                {
                    continue;
                }

                switch (field)
                {
                    case "description":
                        AppendField(output, id, name, "description", db.FieldOf(name, 'T') ?? p?.Description ?? "", verbosity);
                        break;
                    case "webpage":
                        AppendField(output, id, name, "webpage", db.FieldOf(name, 'U') ?? p?.Url ?? "", verbosity);
                        break;
                    case "size":
                        AppendField(output, id, name, "installed size", HumanSize(installed ? db.SizeOf(name) : p!.InstalledSize), verbosity);
                        break;
                    case "license":
                        AppendField(output, id, name, "license", db.FieldOf(name, 'L') ?? p?.License ?? "", verbosity);
                        break;
                    case "depends":
                        AppendList(output, id, name, "depends on", (installed ? db.FieldOf(name, 'D') ?? "" : string.Join(' ', p!.Depends)).Split(' ', StringSplitOptions.RemoveEmptyEntries), verbosity);
                        break;
                    case "provides":
                        AppendList(output, id, name, "provides", (db.FieldOf(name, 'p') ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries), verbosity);
                        break;
                    case "rdepends":
                        AppendList(output, id, name, "is required by", db.Names.Where(n => db.DependsOf(n).Contains(name)).Select(n => n + "-" + db.VersionOf(n)), verbosity);
                        break;
                    case "contents":
                        if (verbosity == 1)
                        {
                            output.Append(id).Append(" contains:\n");
                        }

                        foreach (var file in db.FilesOf(name))
                        {
                            output.Append(verbosity > 1 ? name + ": " : "").Append(file).Append('\n');
                        }

                        output.Append('\n');
                        break;
                    case "install-if":
                        AppendList(output, id, name, "has auto-install rule", [], verbosity);
                        break;
                    case "rinstall-if":
                        AppendList(output, id, name, "affects auto-installation of", [], verbosity);
                        break;
                    case "triggers":
                        AppendList(output, id, name, "triggers", [], verbosity);
                        break;
                    case "replaces":
                        AppendList(output, id, name, "replaces", [], verbosity);
                        break;
                }
            }
        }

        return errors;
    }

    // info_who_owns: "PATH is owned by NAME-VERSION" (a symlink's absolute target is tried too: "symlink target is owned by");
    // an unowned path is "ERROR: PATH: Could not find owner package" and counts as an error; -q prints the owners' names on one line.
    private static int WhoOwns(UnionFileSystem fs, StringBuilder output, List<string> operands, ApkDatabase db, int verbosity)
    {
        string? Owner(string path) => db.Names.FirstOrDefault(n => db.FilesOf(n).Any(f => "/" + f == path));
        var errors = 0;
        var quietNames = new List<string>();
        foreach (var arg in operands)
        {
            var path = arg.StartsWith('/') ? FsPath.Clean(arg) : FsPath.Clean("/" + arg);
            var via = "";
            var owner = Owner(path);
            if (owner is null)
            {
                try
                {
                    var target = fs.ReadLink(path);
                    if (target.StartsWith('/'))
                    {
                        owner = Owner(FsPath.Clean(target));
                        via = "symlink target ";
                    }
                }
                catch (FileSystemException)
                {
                }
            }

            if (owner is null)
            {
                output.Append("ERROR: ").Append(path).Append(": Could not find owner package\n");
                errors++;
                continue;
            }

            if (verbosity < 1)
            {
                quietNames.Add(owner);
            }
            else
            {
                output.Append(path).Append(' ').Append(via).Append("is owned by ").Append(owner).Append('-').Append(db.VersionOf(owner)).Append('\n');
            }
        }

        if (quietNames.Count > 0)
        {
            output.Append(string.Join(' ', quietNames)).Append('\n');
        }

        return errors;
    }

    // verbose_print_pkg: the name, "-version" from -v, " - description" from -vv.
    private static void AppendPackageLine(StringBuilder output, string name, string version, string description, int effective, int verbosity)
    {
        if (effective < 1)
        {
            return;
        }

        output.Append(name);
        if (verbosity > 1)
        {
            output.Append('-').Append(version);
        }

        if (verbosity > 2)
        {
            output.Append(" - ").Append(description);
        }

        output.Append('\n');
    }

    // info_print_description/url/size/license, then info_subaction's puts("").
    private static void AppendField(StringBuilder output, string id, string name, string label, string value, int verbosity)
    {
        if (verbosity > 1)
        {
            output.Append(name).Append(": ").Append(value).Append('\n');
        }
        else
        {
            output.Append(id).Append(' ').Append(label).Append(":\n").Append(value).Append("\n\n");
        }
    }

    // info_print_dep_array: a header at verbosity 1, "name: " and space-separated items above it, one item per line otherwise.
    private static void AppendList(StringBuilder output, string id, string name, string label, IEnumerable<string> items, int verbosity)
    {
        if (verbosity == 1)
        {
            output.Append(id).Append(' ').Append(label).Append(":\n");
        }

        if (verbosity > 1)
        {
            output.Append(name).Append(": ");
        }

        foreach (var item in items)
        {
            output.Append(item).Append(verbosity > 1 ? ' ' : '\n');
        }

        output.Append('\n');
    }

    /// <summary>
    /// <c>apk search [-v] [-d] [-x] PATTERN...</c> (apk-tools 2.14 <c>app_search.c</c>): every package of the repositories (and the
    /// installed ones) whose name matches a pattern as the glob <c>*PATTERN*</c> (exactly with <c>-x</c>; the description too with
    /// <c>-d</c>), one <c>name-version</c> line each (<c>name-version - description</c> with <c>-v</c>), sorted by name; no pattern
    /// lists all. Without a cached index apk warns per repository and searches the installed packages only.
    /// </summary>
    private static int Search(UnionFileSystem fs, StringBuilder output, List<string> operands, bool update, bool noCache, bool verbose, bool description)
    {
        var exact = operands.Remove("-x") | operands.Remove("-e");
        var db = ApkDatabase.Load(fs);
        if (update)
        {
            Update(fs, output, noCache, force: true);
        }

        var candidates = new SortedDictionary<string, (string Version, string Description)>(StringComparer.Ordinal);
        foreach (var name in db.Names.Where(n => !n.StartsWith('.')))
        {
            candidates[name] = (db.VersionOf(name), db.FieldOf(name, 'T') ?? "");
        }

        if (ApkIndex.Repositories.All(r => fs.Exists(IndexCachePath(r.Repository))))
        {
            foreach (var p in ApkIndex.Packages)
            {
                candidates[p.Name] = (p.Version, p.Description);
            }

            foreach (var (name, version) in ApkIndex.BaseUpdates)
            {
                if (candidates.TryGetValue(name, out var c))
                {
                    candidates[name] = (version, c.Description);
                }
            }
        }
        else
        {
            foreach (var (repo, _) in ApkIndex.Repositories)
            {
                output.Append("WARNING: opening from cache ").Append(repo).Append(": No such file or directory\n");
            }
        }

        foreach (var (name, (version, text)) in candidates)
        {
            bool match = operands.Count == 0 || operands.Any(pattern =>
                exact ? name == pattern : Glob(name, pattern) || (description && Glob(text, pattern)));
            if (match)
            {
                output.Append(name).Append('-').Append(version);
                if (verbose)
                {
                    output.Append(" - ").Append(text);
                }

                output.Append('\n');
            }
        }

        return 0;
    }

    /// <summary>fnmatch of <c>*pattern*</c> (apk adds the stars unless the pattern has wildcards), case-insensitively as apk's search does.</summary>
    private static bool Glob(string text, string pattern)
    {
        var glob = pattern.AsSpan().IndexOfAny('*', '?') >= 0 ? pattern : "*" + pattern + "*";
        return System.IO.Enumeration.FileSystemName.MatchesSimpleExpression(glob, text, ignoreCase: true);
    }

    /// <summary>
    /// <c>apk upgrade [PKG...]</c> (apk-tools 2.14 <c>app_upgrade.c</c>): installed packages the index has in another version are
    /// replaced, in installation order (<c>(1/2) Upgrading libcrypto3 (3.3.2-r0 -> 3.3.2-r1)</c>), then the triggers and the
    /// <c>OK:</c> line; nothing to upgrade prints the <c>OK:</c> line alone.
    /// </summary>
    private static int Upgrade(UnionFileSystem fs, StringBuilder output, List<string> names, bool noCache, bool update, Run run)
    {
        Update(fs, output, noCache, force: update);
        var db = ApkDatabase.Load(fs);
        var upgrades = new List<(string Name, string From, string To, ApkPackage? Package)>();
        foreach (var name in db.Names)
        {
            if (names.Count > 0 && !names.Contains(name, StringComparer.Ordinal))
            {
                continue;
            }

            var installed = db.VersionOf(name);
            if (ApkIndex.Find(name) is { } p && p.Version != installed)
            {
                upgrades.Add((name, installed, p.Version, p));
            }
            else if (ApkIndex.BaseUpdates.TryGetValue(name, out var newer) && newer != installed)
            {
                upgrades.Add((name, installed, newer, null));
            }
        }

        var okLine = run.Simulate ? OkLine(db) : null;
        bool busybox = false;
        for (int i = 0; i < upgrades.Count; i++)
        {
            var (name, from, to, package) = upgrades[i];
            output.Append('(').Append(i + 1).Append('/').Append(upgrades.Count).Append(") Upgrading ").Append(name)
                .Append(" (").Append(from).Append(" -> ").Append(to).Append(")\n");
            if (run.Simulate)
            {
                continue;
            }

            if (package is not null)
            {
                Install(fs, package);
                db.Replace(package);
                busybox |= TouchesBinaries(package);
            }
            else
            {
                db.SetVersion(name, to);
            }
        }

        if (okLine is not null)
        {
            output.Append(okLine);
            return 0;
        }

        AppendTriggers(output, db, busybox && !run.NoScripts, ca: false);
        if (upgrades.Count > 0)
        {
            db.Save(fs);
        }

        AppendOk(output, db);
        return 0;
    }

    /// <summary>apk's <c>apk_get_human_size</c>: divide by 1024 while 10000 or more.</summary>
    public static string HumanSize(long size)
    {
        string[] units = ["B", "KiB", "MiB", "GiB", "TiB"];
        var i = 0;
        while (size >= 10_000 && i < units.Length - 1)
        {
            size /= 1024;
            i++;
        }

        return size + " " + units[i];
    }

    private static void AppendTriggers(StringBuilder output, ApkDatabase db, bool busybox, bool ca)
    {
        if (busybox && db.Contains("busybox"))
        {
            output.Append("Executing busybox-").Append(db.VersionOf("busybox")).Append(".trigger\n");
        }

        if (ca && db.Contains("ca-certificates"))
        {
            output.Append("Executing ca-certificates-").Append(db.VersionOf("ca-certificates")).Append(".trigger\n");
        }
    }

    private static void AppendOk(StringBuilder output, ApkDatabase db) => output.Append(OkLine(db));

    // commit.c: "OK: %zu MiB in %d packages" from the installed database's stats.
    private static string OkLine(ApkDatabase db) => "OK: " + db.TotalSize / (1024 * 1024) + " MiB in " + db.Names.Count + " packages\n";

    private static bool TouchesBinaries(ApkPackage p) =>
        p.Files.Any(f => f.Path.StartsWith("bin/", StringComparison.Ordinal) || f.Path.StartsWith("sbin/", StringComparison.Ordinal) ||
                         f.Path.StartsWith("usr/bin/", StringComparison.Ordinal) || f.Path.StartsWith("usr/sbin/", StringComparison.Ordinal));

    private static void Install(UnionFileSystem fs, ApkPackage p)
    {
        foreach (var f in p.Files)
        {
            var path = "/" + f.Path;
            fs.CreateDirectories(FsPath.Parent(path));
            if (fs.Exists(path) || IsSymlink(fs, path))
            {
                if (fs.LStat(path).Type == EntryType.Directory)
                {
                    continue;
                }

                fs.Unlink(path);
            }

            var mode = (UnixFileMode)f.Mode;
            if (f.Link is not null)
            {
                fs.CreateSymlink(f.Link, path);
            }
            else if (f.Text is not null)
            {
                fs.WriteAllText(path, f.Text, mode);
            }
            else if (f.Program is not null)
            {
                fs.WriteContent(path, PrefixedSyntheticContent.Program(f.Program, f.Size, (ulong)ApkPackage.StableHash(p.Name + ":" + f.Path)), mode);
            }
            else
            {
                fs.WriteContent(path, PrefixedSyntheticContent.Create([], f.Size, (ulong)ApkPackage.StableHash(p.Name + ":" + f.Path)), mode);
            }

            if (f.Link is null)
            {
                fs.Chmod(path, mode);
            }
        }

        if (p.Name == "nginx")
        {
            fs.CreateDirectories("/var/log/nginx");
            fs.CreateDirectories("/run/nginx");
            fs.CreateDirectories("/usr/lib/nginx/modules");
            fs.CreateDirectories("/etc/nginx/modules");
        }
    }

    private static void Uninstall(UnionFileSystem fs, ApkPackage p, HashSet<string> referenced)
    {
        foreach (var f in p.Files)
        {
            var path = "/" + f.Path;
            if (fs.Exists(path) || IsSymlink(fs, path))
            {
                fs.Unlink(path);
            }
        }

        // Remove the directories the package's files left empty (deepest first) that no other package references, as apk does for the dirs it owns.
        var dirs = p.Files.Select(f => FsPath.Parent("/" + f.Path)).Distinct(StringComparer.Ordinal)
            .SelectMany(Ancestors).Distinct(StringComparer.Ordinal).OrderByDescending(d => d.Length).ToList();
        foreach (var d in dirs)
        {
            if (referenced.Contains(d))
            {
                continue;
            }

            if (fs.Exists(d) && fs.ReadDirectory(d).Count == 0)
            {
                fs.RemoveDirectory(d);
            }
        }
    }

    private static IEnumerable<string> Ancestors(string dir)
    {
        for (var d = dir; d != "/"; d = FsPath.Parent(d))
        {
            yield return d;
        }
    }

    private static void RunScript(UnionFileSystem fs, ApkPackage p, string script)
    {
        switch (p.Name, script)
        {
            case ("nginx", "pre-install"):
                AppendLineIfMissing(fs, "/etc/group", "nginx:", "nginx:x:101:nginx\n");
                AppendLineIfMissing(fs, "/etc/passwd", "nginx:", "nginx:x:100:101:nginx:/var/lib/nginx:/sbin/nologin\n");
                break;
            case ("bash", "post-install"):
                AppendLineIfMissing(fs, "/etc/shells", "/bin/bash", "/bin/bash\n");
                break;
        }
    }

    private static void AppendLineIfMissing(UnionFileSystem fs, string path, string prefix, string line)
    {
        var text = fs.Exists(path) ? fs.ReadAllText(path) : "";
        if (AppletContext.Lines(text).Any(l => l.StartsWith(prefix, StringComparison.Ordinal)))
        {
            return;
        }

        fs.WriteAllText(path, text + (text.Length > 0 && !text.EndsWith('\n') ? "\n" : "") + line);
    }

    private static SortedSet<string> ReadWorld(UnionFileSystem fs) =>
        new(fs.Exists(WorldFile) ? AppletContext.Lines(fs.ReadAllText(WorldFile)).Where(l => l.Length > 0) : [], StringComparer.Ordinal);

    private static void WriteWorld(UnionFileSystem fs, SortedSet<string> world)
    {
        fs.CreateDirectories("/etc/apk");
        fs.WriteAllText(WorldFile, string.Concat(world.Select(w => w + "\n")));
    }

    private static bool IsSymlink(UnionFileSystem fs, string path)
    {
        try
        {
            return fs.LStat(path).Type == EntryType.Symlink;
        }
        catch (FileSystemException)
        {
            return false;
        }
    }
}
