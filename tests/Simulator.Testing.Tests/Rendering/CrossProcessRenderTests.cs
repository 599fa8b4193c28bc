using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json.Nodes;
using Simulator.Testing.Builders;
using Simulator.Testing.Fixtures;
using Simulator.Testing.Rendering;

namespace Simulator.Testing.Tests.Rendering;

/// <summary>
/// The renders are byte-identical across processes, cultures and time zones: this test process (invariant globalization,
/// the repository's setting) renders a sample, and a child process of the same tests with ICU cultures on, a Turkish
/// culture (dotless i, which breaks culture-sensitive casing and sorting) and a far time zone renders it again.
/// </summary>
public sealed class CrossProcessRenderTests
{
    private const string OutputVariable = "SIMULATOR_TESTING_RENDER_OUT";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_child_process_with_another_culture_and_time_zone_renders_the_same_bytes()
    {
        var expected = await RenderSampleAsync();
        var dir = Directory.CreateTempSubdirectory("render-child-");
        try
        {
            var assembly = typeof(CrossProcessRenderTests).Assembly.Location;
            var runtimeConfig = JsonNode.Parse(await File.ReadAllTextAsync(Path.ChangeExtension(assembly, ".runtimeconfig.json"), Ct))!;
            runtimeConfig["runtimeOptions"]!["configProperties"]!["System.Globalization.Invariant"] = false;
            runtimeConfig["runtimeOptions"]!["configProperties"]!["System.Globalization.PredefinedCulturesOnly"] = false;
            var configPath = Path.Combine(dir.FullName, "child.runtimeconfig.json");
            await File.WriteAllTextAsync(configPath, runtimeConfig.ToJsonString(), Ct);
            var output = Path.Combine(dir.FullName, "render.txt");

            // The dotnet host sits three levels above the shared runtime's directory (dotnet/shared/Microsoft.NETCore.App/<version>/).
            var dotnet = Path.GetFullPath(Path.Combine(RuntimeEnvironment.GetRuntimeDirectory(), "..", "..", "..", OperatingSystem.IsWindows() ? "dotnet.exe" : "dotnet"));
            var start = new ProcessStartInfo(dotnet)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                ArgumentList =
                {
                    "exec", "--runtimeconfig", configPath, "--depsfile", Path.ChangeExtension(assembly, ".deps.json"), assembly,
                    "-method", typeof(CrossProcessRenderTests).FullName + "." + nameof(Child_renders_the_sample_when_asked),
                },
            };
            start.Environment[OutputVariable] = output;
            start.Environment["LANG"] = "tr_TR.UTF-8";
            start.Environment["LC_ALL"] = "tr_TR.UTF-8";
            start.Environment["TZ"] = "Pacific/Chatham";
            start.Environment["DOTNET_SYSTEM_GLOBALIZATION_INVARIANT"] = "0";
            using var child = Process.Start(start)!;
            var stdout = child.StandardOutput.ReadToEndAsync(Ct);
            var stderr = child.StandardError.ReadToEndAsync(Ct);
            await child.WaitForExitAsync(Ct);
            Assert.True(child.ExitCode == 0 && File.Exists(output), $"child exited {child.ExitCode}:\n{await stdout}\n{await stderr}");
            var lines = (await File.ReadAllTextAsync(output, Ct)).Split('\n', 2);
            // The child really ran with ICU's Turkish culture and the far zone (else the comparison proves nothing).
            Assert.Equal("tr-TR Pacific/Chatham", lines[0]);
            Assert.Equal(expected, lines[1]);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    /// <summary>Runs only as the child of the test above (passes at once otherwise): writes its culture, zone and the sample.</summary>
    [Fact]
    public async Task Child_renders_the_sample_when_asked()
    {
        if (Environment.GetEnvironmentVariable(OutputVariable) is not { Length: > 0 } output)
        {
            return;
        }

        var header = CultureInfo.CurrentCulture.Name + " " + TimeZoneInfo.Local.Id + "\n";
        await File.WriteAllTextAsync(output, header + await RenderSampleAsync(), Ct);
    }

    private static async Task<string> RenderSampleAsync()
    {
        await using var docker = await SimulatorFixture.CreateAsync("alpine");
        var engine = docker.Engine;
        var volume = engine.Volumes.Create("data", labels: new Dictionary<string, string> { ["ıi"] = "İI" });
        volume.Apply(FsScript.Parse("file /Iı/İi \"x\"\nfile /a \"\\xe9\"\nfile /I \"1\"\nfile /i \"2\"\ntouch /i 2026-03-29T01:30:00Z"));
        docker.Clock.Advance(TimeSpan.FromDays(200) + TimeSpan.FromSeconds(3661));
        var id = await engine.Containers.RunDetachedAsync(
            new Containers.ContainerConfig("alpine") { Cmd = ["sh", "-c", "mkdir -p /tmp/İ/ı; echo hi > /tmp/İ/ı/Iİ; touch /etc/I /etc/i /etc/Z /etc/a"], Labels = new Dictionary<string, string> { ["İ"] = "ı" } },
            new Containers.HostConfig { Binds = ["data:/data"] },
            "inspect",
            Ct);
        await engine.Containers.WaitAsync(id, cancellationToken: Ct);
        engine.Containers.Commit(id, new Containers.CommitOptions { Reference = "snap:1" });
        var all = new TreeRenderOptions { Columns = TreeColumns.All };
        return string.Concat(
            engine.RenderImageTree("alpine", all with { Root = "/etc" }),
            engine.RenderContainerTree(id, all with { Include = ["/tmp/**", "/etc/*", "/data/**"] }),
            engine.RenderVolumeTree("data", all),
            engine.RenderChanges(id),
            engine.RenderImage("snap:1"),
            engine.RenderState(),
            engine.RenderState(new StateRenderOptions { TimeOrigin = SimulatorFixture.DefaultStart }),
            FsScript.Format(FsScript.Parse("touch /x 2026-03-04T05:06:07+03:00\nchmod 4755 /İ")));
    }
}
