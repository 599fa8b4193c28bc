namespace Simulator.Userland.Apk;

/// <summary>A package of the simulated Alpine v3.20 index (x86_64): what <c>apk add</c> installs and records in <c>/lib/apk/db/installed</c>.</summary>
internal sealed record ApkPackage(
    string Name,
    string Version,
    string Description,
    string Url,
    string License,
    string[] Depends,
    ApkFile[] Files,
    string[]? Scripts = null,
    string? Origin = null)
{
    /// <summary>The installed size (<c>I:</c>): each file's size rounded up to 4 KiB blocks, as apk's index reports it.</summary>
    public long InstalledSize => Math.Max(4096, Files.Where(f => f.Link is null).Sum(f => (f.Size + 4095) / 4096 * 4096));

    /// <summary>The download size (<c>S:</c>): a deterministic stand-in for the compressed .apk's size.</summary>
    public long DownloadSize => InstalledSize * 2 / 5 + 1_234;

    /// <summary>The build time (<c>t:</c>).</summary>
    public long BuildTime => 1_725_000_000 + (Math.Abs((long)StableHash(Name + Version)) % 3_000_000);

    public string OriginName => Origin ?? Name;

    /// <summary>The <c>.pre-install</c>/<c>.post-install</c>/<c>.pre-deinstall</c>/<c>.post-deinstall</c> scripts the package carries.</summary>
    public IReadOnlyList<string> ScriptNames => Scripts ?? [];

    internal static int StableHash(string s)
    {
        unchecked
        {
            var h = (int)2166136261;
            foreach (var ch in s)
            {
                h = (h ^ ch) * 16777619;
            }

            return h & int.MaxValue;
        }
    }
}
