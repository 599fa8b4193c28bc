using Simulator.Cli.CommandLine;
using Simulator.Cli.Formatting;
using Simulator.Images;
using Simulator.References;

namespace Simulator.Cli.Commands;

/// <summary>The image and registry commands (docker/cli cli/command/image/*.go, registry/*.go).</summary>
internal static class ImageCommands
{
    /// <summary>Parses a reference client-side; docker/cli prints the parser's text alone (exit 1).</summary>
    private static ImageReference ParseReference(string text)
    {
        return ImageReference.TryParse(text, out var reference, out var error) ? reference : throw new CliError(error);
    }

    /// <summary><c>docker images</c>: the classic table, newest image first (moby images.go sorts by created, descending).</summary>
    public static Task<int> ListAsync(CliInvocation inv)
    {
        var f = inv.Flags;
        bool all = f.Bool("all");
        bool? dangling = null;
        var filters = f.List("filter").ToList();
        if (inv.Args.Count == 1)
        {
            filters.Add("reference=" + inv.Args[0]);
        }

        var references = new List<string>();
        foreach (var filter in filters)
        {
            int eq = filter.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                throw new CliError("Error response from daemon: bad format of filter (expected name=value)");
            }

            var (key, value) = (filter[..eq], filter[(eq + 1)..]);
            switch (key)
            {
                case "dangling":
                    dangling = FlagParser.ParseBool(value) ?? throw new CliError($"Error response from daemon: invalid filter 'dangling={value}'");
                    break;
                case "reference":
                    references.Add(value);
                    break;
                default:
                    throw new CliError($"Error response from daemon: invalid filter '{key}'");
            }
        }

        var now = inv.Engine.TimeProvider.GetUtcNow();
        bool trunc = !f.Bool("no-trunc");
        bool digests = f.Bool("digests");
        var rows = new List<ImageContext>();
        foreach (var summary in inv.Engine.Images.List(all, dangling).OrderByDescending(s => s.Created).ThenBy(s => s.Id.ToString(), StringComparer.Ordinal))
        {
            foreach (var row in summary.ToRows(digests))
            {
                if (references.Count > 0 && !references.Any(r => MatchReference(row, r)))
                {
                    continue;
                }

                rows.Add(new ImageContext(row, now, trunc));
            }
        }

        var columns = digests ? ImageContext.DigestColumns : ImageContext.Columns;
        if (f.Bool("quiet"))
        {
            columns = [ImageContext.Columns[2]];
        }

        inv.Out.Write(TableFormatter.Render(f.String("format"), rows, columns, f.Bool("quiet"), r => r.ToJson(), new ImageHeader()));
        return Task.FromResult(0);
    }

    /// <summary>The <c>reference</c> filter: the familiar repository (and tag, when given) match, with <c>*</c> globs as path.Match.</summary>
    private static bool MatchReference(ImageListRow row, string pattern)
    {
        if (row.Repository == "<none>")
        {
            return false;
        }

        var repo = pattern;
        string? tag = null;
        int colon = pattern.LastIndexOf(':');
        if (colon > pattern.LastIndexOf('/'))
        {
            repo = pattern[..colon];
            tag = pattern[(colon + 1)..];
        }

        return Glob(repo, row.Repository) && (tag is null || Glob(tag, row.Tag));
    }

    private static bool Glob(string pattern, string text) =>
        System.Text.RegularExpressions.Regex.IsMatch(text, "^" + System.Text.RegularExpressions.Regex.Escape(pattern).Replace("\\*", "[^/]*", StringComparison.Ordinal).Replace("\\?", "[^/]", StringComparison.Ordinal) + "$");

    /// <summary><c>docker pull</c> (pull.go): the daemon's progress lines, then the canonical reference; <c>-q</c> only the latter.</summary>
    public static async Task<int> PullAsync(CliInvocation inv)
    {
        ParseReference(inv.Args[0]);
        bool quiet = inv.Flags.Bool("quiet");
        string? last = null;
        try
        {
            await inv.Engine.RegistryClient.PullAsync(inv.Args[0], line =>
            {
                if (!quiet && last is not null)
                {
                    inv.Out.WriteLine(last);
                }

                last = line;
            }, inv.CancellationToken).ConfigureAwait(false);
        }
        catch (DockerSimulatorException)
        {
            if (!quiet && last is not null)
            {
                inv.Out.WriteLine(last);
            }

            throw;
        }

        if (last is not null)
        {
            inv.Out.WriteLine(last);
        }

        return 0;
    }

    /// <summary><c>docker push</c> (push.go): progress lines; a failure during the push is printed as the stream's error (exit 1).</summary>
    public static async Task<int> PushAsync(CliInvocation inv)
    {
        ParseReference(inv.Args[0]);
        bool quiet = inv.Flags.Bool("quiet");
        bool started = false;
        try
        {
            var result = await inv.Engine.RegistryClient.PushAsync(inv.Args[0], line =>
            {
                started |= line.StartsWith("The push refers to", StringComparison.Ordinal);
                if (!quiet)
                {
                    inv.Out.WriteLine(line);
                }
            }, inv.CancellationToken).ConfigureAwait(false);
            if (quiet)
            {
                inv.Out.WriteLine(result.Reference.ToString());
            }

            return 0;
        }
        catch (DockerSimulatorException ex) when (started)
        {
            throw new CliError(ex.Message);
        }
    }

    /// <summary><c>docker tag</c> (tag.go).</summary>
    public static Task<int> TagAsync(CliInvocation inv)
    {
        if (!ImageReference.TryParse(inv.Args[1], out _, out var error))
        {
            throw new CliError($"Error parsing reference: \"{inv.Args[1]}\" is not a valid repository/tag: {error}");
        }

        inv.Engine.Images.Tag(inv.Args[0], inv.Args[1]);
        return Task.FromResult(0);
    }

    /// <summary><c>docker rmi</c> (remove.go): <c>Untagged: x</c> / <c>Deleted: sha256:...</c> lines; errors joined.</summary>
    public static Task<int> RemoveAsync(CliInvocation inv)
    {
        bool force = inv.Flags.Bool("force");
        bool prune = !inv.Flags.Bool("no-prune");
        var errors = new List<string>();
        foreach (var name in inv.Args)
        {
            try
            {
                foreach (var record in inv.Engine.Images.Remove(name, force, prune))
                {
                    inv.Out.WriteLine(record.ToString());
                }
            }
            catch (DockerSimulatorException ex)
            {
                errors.Add("Error response from daemon: " + ex.Message);
            }
        }

        return errors.Count == 0 ? Task.FromResult(0) : throw new CliError(string.Join("\n", errors));
    }

    /// <summary><c>docker history</c> (history.go, formatter_history.go).</summary>
    public static Task<int> HistoryAsync(CliInvocation inv)
    {
        var f = inv.Flags;
        var now = inv.Engine.TimeProvider.GetUtcNow();
        bool human = !f.Has("human") || f.Bool("human");
        var rows = inv.Engine.Images.History(inv.Args[0]).Select(h => new HistoryContext(h, now, !f.Bool("no-trunc"), human)).ToList();
        inv.Out.Write(TableFormatter.Render(f.String("format"), rows, HistoryContext.Columns, f.Bool("quiet"), r => r.ToJson(), new HistoryHeader()));
        return Task.FromResult(0);
    }

    /// <summary><c>docker image prune</c> (prune.go): without <c>-f</c> the confirmation prompt reads stdin.</summary>
    public static async Task<int> PruneAsync(CliInvocation inv)
    {
        bool all = inv.Flags.Bool("all");
        if (!inv.Flags.Bool("force"))
        {
            var warning = all
                ? "WARNING! This will remove all images without at least one container associated to them."
                : "WARNING! This will remove all dangling images.";
            if (!await PromptAsync(inv, warning).ConfigureAwait(false))
            {
                return 0;
            }
        }

        var result = inv.Engine.Images.Prune(all);
        if (result.ImagesDeleted.Count > 0)
        {
            inv.Out.WriteLine("Deleted Images:");
            foreach (var r in result.ImagesDeleted)
            {
                // image/prune.go writes these in lower case, unlike rmi.
                inv.Out.WriteLine(r.Untagged is { } u ? "untagged: " + u : "deleted: " + r.Deleted);
            }

            inv.Out.WriteLine("");
        }

        inv.Out.WriteLine("Total reclaimed space: " + Volumes.GoUnits.HumanSize(result.SpaceReclaimed));
        return 0;
    }

    /// <summary>command.PromptForConfirmation: <c>Are you sure you want to continue? [y/N] </c>; only <c>y</c>/<c>Y</c> confirm.</summary>
    internal static async Task<bool> PromptAsync(CliInvocation inv, string warning)
    {
        inv.Out.Write(warning + "\nAre you sure you want to continue? [y/N] ");
        var answer = (await ReadLineAsync(inv).ConfigureAwait(false))?.Trim();
        if (answer is "y" or "Y")
        {
            return true;
        }

        // A declined prompt is not an error (docker/cli returns errPruneCancelled... printed as nothing, exit 0).
        return false;
    }

    private static async Task<string?> ReadLineAsync(CliInvocation inv)
    {
        var bytes = new List<byte>();
        var buffer = new byte[1];
        while (await inv.Streams.Stdin.ReadAsync(buffer, inv.CancellationToken).ConfigureAwait(false) == 1)
        {
            // A raw terminal sends \r for Enter.
            if (buffer[0] is (byte)'\n' or (byte)'\r')
            {
                return System.Text.Encoding.UTF8.GetString(bytes.ToArray());
            }

            bytes.Add(buffer[0]);
        }

        return bytes.Count == 0 ? null : System.Text.Encoding.UTF8.GetString(bytes.ToArray());
    }

    /// <summary><c>docker save</c> (save.go): the archive to <c>-o FILE</c> on the host, else to stdout (refused on a terminal).</summary>
    public static Task<int> SaveAsync(CliInvocation inv)
    {
        var output = inv.Flags.String("output");
        if (output is null && inv.Streams.StdoutIsTerminal)
        {
            throw new CliError("cowardly refusing to save to a terminal. Use the -o flag or redirect");
        }

        foreach (var name in inv.Args)
        {
            if (!ImageReference.TryParse(name, out _, out var error) && !inv.Engine.Images.TryGet(name, out _))
            {
                throw new CliError(error);
            }
        }

        using var buffer = new MemoryStream();
        Registries.ImageArchive.Save(inv.Engine.Images, inv.Args, buffer);
        buffer.Position = 0;
        if (output is null)
        {
            buffer.CopyTo(inv.Out.Stream);
            inv.Out.Stream.Flush();
        }
        else
        {
            var fs = inv.Engine.HostFileSystem;
            using var file = fs.File.Create(inv.HostPath(output));
            buffer.CopyTo(file);
        }

        return Task.FromResult(0);
    }

    /// <summary><c>docker load</c> (load.go): from <c>-i FILE</c> or stdin; prints <c>Loaded image: x</c> lines.</summary>
    public static Task<int> LoadAsync(CliInvocation inv)
    {
        var input = inv.Flags.String("input");
        Registries.ImageLoadResult result;
        if (input is null)
        {
            if (inv.Streams.StdinIsTerminal)
            {
                throw new CliError("requested load from stdin, but stdin is empty");
            }

            result = Registries.ImageArchive.Load(inv.Engine.Images, inv.Streams.Stdin);
        }
        else
        {
            var fs = inv.Engine.HostFileSystem;
            var path = inv.HostPath(input);
            if (!fs.File.Exists(path))
            {
                throw new CliError($"open {input}: no such file or directory");
            }

            using var file = fs.File.OpenRead(path);
            result = Registries.ImageArchive.Load(inv.Engine.Images, file);
        }

        foreach (var line in result.Output)
        {
            inv.Out.WriteLine(line);
        }

        return Task.FromResult(0);
    }

    /// <summary><c>docker login</c> (registry/login.go): <c>-u</c> with <c>--password-stdin</c> or <c>-p</c>.</summary>
    public static async Task<int> LoginAsync(CliInvocation inv)
    {
        var f = inv.Flags;
        if (f.Has("password-stdin"))
        {
            if (f.Has("password"))
            {
                throw new CliError("conflicting options: cannot specify both --password and --password-stdin");
            }

            if (!f.Has("username"))
            {
                throw new CliError("the --password-stdin option requires --username to be set");
            }
        }

        if (f.Has("username") && f.String("username")!.Length == 0)
        {
            throw new CliError("username is empty");
        }

        if (f.Has("password") && f.String("password")!.Length == 0)
        {
            throw new CliError("password is empty");
        }

        var password = f.String("password");
        if (password is not null)
        {
            inv.Err.WriteLine("WARNING! Using --password via the CLI is insecure. Use --password-stdin.");
        }

        if (f.Bool("password-stdin"))
        {
            password = await inv.ReadStdinAsync().ConfigureAwait(false);
            password = password.EndsWith('\n') ? password[..^1] : password;
            password = password.EndsWith('\r') ? password[..^1] : password;
        }

        var user = f.String("username");
        var server = inv.Args.Count == 1 ? inv.Args[0] : null;
        var (stored, hub) = inv.Engine.RegistryClient.StoredCredentials(server);
        if (string.IsNullOrEmpty(user) && string.IsNullOrEmpty(password) && stored is { } creds)
        {
            // login.go loginWithStoredCredentials (real 28.2.2 client against dsim serve).
            inv.Err.Write($"Authenticating with existing credentials... [Username: {creds.User}]\n");
            inv.Err.Write("\n Info -> To login with a different account, run 'docker logout' followed by 'docker login'\n\n\n");
            (user, password) = creds;
        }

        if (string.IsNullOrEmpty(user) || string.IsNullOrEmpty(password))
        {
            if (!inv.Streams.StdinIsTerminal)
            {
                throw new CliError("Error: Cannot perform an interactive login from a non TTY device");
            }

            (user, password) = await PromptCredentialsAsync(inv, user, password, hub).ConfigureAwait(false);
        }

        var fs = inv.Engine.HostFileSystem;
        var path = inv.Engine.RegistryClient.ConfigPath;
        var before = fs.File.Exists(path) ? fs.File.ReadAllText(path) : null;
        var message = inv.Engine.RegistryClient.Login(server, user, password);
        var after = fs.File.Exists(path) ? fs.File.ReadAllText(path) : null;
        if (before != after)
        {
            inv.Err.WriteLine($"\nWARNING! Your credentials are stored unencrypted in '{path}'.\nConfigure a credential helper to remove this warning. See\nhttps://docs.docker.com/go/credential-store/\n");
        }

        inv.Out.WriteLine(message);
        return 0;
    }

    /// <summary>
    /// login.go loginUser and cli/command/registry.go PromptUserForCredentials on a terminal. Docker Hub without a user
    /// first tries the web-based device login, which cannot start without a network, so the CLI falls back with its
    /// notice; then the Hub hints (stdout, unless DOCKER_CLI_HINTS=false), <c>Username: </c>, and <c>Password: </c> read with
    /// the terminal's echo off (<see cref="DockerCliStreams.RawTerminal"/>), after the Hub's PAT note on stderr (tui PrintNote,
    /// plain form).
    /// </summary>
    private static async Task<(string User, string Password)> PromptCredentialsAsync(CliInvocation inv, string? user, string? password, bool hub)
    {
        if (hub && string.IsNullOrEmpty(user) && string.IsNullOrEmpty(password))
        {
            inv.Err.Write("Failed to start web-based login - falling back to command line login...\n\n");
        }

        if (string.IsNullOrEmpty(user))
        {
            if (hub)
            {
                inv.Out.WriteLine("Log in with your Docker ID or email address to push and pull images from Docker Hub. If you don't have a Docker ID, head over to https://hub.docker.com/ to create one.");
                bool hints = !inv.Streams.Environment.Any(e => e.StartsWith("DOCKER_CLI_HINTS=", StringComparison.Ordinal) && FlagParser.ParseBool(e["DOCKER_CLI_HINTS=".Length..]) == false);
                if (hints)
                {
                    inv.Out.WriteLine("You can log in with your password or a Personal Access Token (PAT). Using a limited-scope PAT grants better security and is required for organizations using SSO. Learn more at https://docs.docker.com/go/access-tokens/\n");
                }
            }

            inv.Out.Write("Username: ");
            user = (await ReadLineAsync(inv).ConfigureAwait(false))?.Trim() ?? "";
            if (user.Length == 0)
            {
                throw new CliError("Error: Non-null Username Required");
            }
        }

        if (string.IsNullOrEmpty(password))
        {
            if (hub)
            {
                inv.Err.Write("\n Info -> A Personal Access Token (PAT) can be used instead.\n         To create a PAT, visit \u001b[4mhttps://app.docker.com/settings\u001b[0m\n         \n         \n");
            }

            // The real CLI only turns echo off; raw mode (also no output processing) is entered after the note so its lines stay put.
            using (inv.Streams.StdinIsTerminal ? inv.Streams.RawTerminal?.Invoke() : null)
            {
                inv.Out.Write("Password: ");
                password = (await ReadLineAsync(inv).ConfigureAwait(false))?.Trim() ?? "";
            }

            inv.Out.WriteLine("");
            if (password.Length == 0)
            {
                throw new CliError("Error: Password Required");
            }
        }

        return (user, password);
    }

    /// <summary><c>docker logout</c> (registry/logout.go).</summary>
    public static Task<int> LogoutAsync(CliInvocation inv)
    {
        inv.Out.WriteLine(inv.Engine.RegistryClient.Logout(inv.Args.Count == 1 ? inv.Args[0] : null));
        return Task.FromResult(0);
    }
}
