using Simulator.Processes;
using Simulator.Userland.Apk;
using Simulator.Userland.Shell;

namespace Simulator.Userland;

/// <summary>
/// Registers every program of the simulated userland in one call, so a container store can run every
/// stock image: busybox and its applets (<see cref="Busybox.Register"/>), <c>nginx</c> (<see cref="Nginx"/>), <c>postgres</c> (<see cref="Postgres"/>) and its <c>pg_isready</c>,
/// <c>apk</c> (Alpine's <c>/sbin/apk</c>, <c>#!simulator apk</c>), <c>hello-world</c> (the <c>hello-world</c> image's
/// <c>/hello</c>), <c>registry</c> (<see cref="RegistryProgram"/>, the <c>registry:2</c> image's server), <c>bash</c> (run by the busybox ash subset, for images that <c>apk add bash</c>)
/// and <c>curl</c> (the host shell's curl, over the container's network, for images that <c>apk add curl</c>).
/// </summary>
/// <remarks>
/// <para><b>apk</b> (apk-tools 2.14.4, Alpine 3.20): <c>apk update</c>, <c>apk add [--no-cache] [-U] [--virtual NAME] PKG...</c>,
/// <c>apk del PKG...</c>, <c>apk info [-e] [PKG...]</c>, <c>apk search [-v] [-d] [-x] PATTERN...</c>, <c>apk upgrade [PKG...]</c> over a static index held in code (openssh, nginx, ca-certificates,
/// curl, bash, git, python3, nodejs and their dependencies), printing apk's lines (<c>fetch ...</c>,
/// <c>(1/4) Installing bash (5.2.26-r0)</c>, <c>Executing busybox-1.36.1-r29.trigger</c>, <c>OK: 10 MiB in 20 packages</c>),
/// writing the packages' files (programs as <c>#!simulator NAME</c> padded to the real size), <c>/lib/apk/db/installed</c>
/// and <c>/etc/apk/world</c>. An unknown package fails as apk does (<c>ERROR: unable to select packages:</c>, exit 1).
/// The index is fetched from no network: <c>--no-cache</c> only decides whether <c>/var/cache/apk</c> keeps the index.</para>
/// <para>Thread-safe: the programs keep no state between runs.</para>
/// </remarks>
public static class StockPrograms
{
    /// <summary>Registers busybox (with its applets), <c>nginx</c>, <c>postgres</c>, <c>apk</c>, <c>hello-world</c>, <c>registry</c>, <c>bash</c> and <c>curl</c>.</summary>
    /// <param name="registry">The registry.</param>
    /// <returns><paramref name="registry"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="registry"/> is <see langword="null"/>.</exception>
    public static ProgramRegistry Register(ProgramRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        Busybox.Register(registry);
        Nginx.Register(registry);
        Postgres.Register(registry);
        registry.Register(PgIsReady.ProgramName, PgIsReady.RunAsync);
        registry.Register(ApkProgram.ProgramName, ApkProgram.RunAsync);
        registry.Register(HelloWorld.ProgramName, HelloWorld.RunAsync);
        registry.Register(RegistryProgram.ProgramName, RegistryProgram.RunAsync);
        registry.Register(RyukProgram.ProgramName, RyukProgram.RunAsync);
        registry.Register("bash", ctx => ShellProgram.RunAsync(ctx, ctx.Argv));
        registry.Register("curl", Simulator.Cli.CurlProgram.RunAsync);
        return registry;
    }
}
