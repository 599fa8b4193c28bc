using CsCheck;
using Simulator.Processes;

namespace Simulator.Tests.Userland;

/// <summary>Properties: any argument list given to any applet ends with a status and busybox-style messages, never a .NET failure text.</summary>
public sealed class AppletPropertyTests
{
    private static readonly string[] Tokens =
    [
        "-n", "-1", "-c", "-d", "-e", "-f", "-k", "-t", "-s", "-r", "-x", "-p", "-a", "-i", "--", "-", "x", "", " ", "0", "-5", "2,1", "1.5",
        "99999999999999999999", "/etc/passwd", "/etc", "/nope", "/tmp/out", "{}", ";", "+", "%s", "%d", "%", "\\", "s/a/b/", "/a/d", "'",
        "-maxdepth", "-name", "-type", "-exec", "f", "-o", "u+x", "777", "root:root", ":", "=", "a=b", "-I{}", "-w", "-C", "/", "@1",
    ];

    // Messages of .NET exceptions that would mean an applet failed on input it should have diagnosed.
    private static readonly string[] DotNetTexts =
    [
        "Index was outside", "Input string was not", "Value cannot be null", "Object reference", "Sequence contains", "Specified argument",
        "out of range", "must be non-negative", "Arithmetic operation", "Value was either too large", "Exception", "startIndex", "Parameter",
    ];

    [Fact]
    public void Random_arguments_never_surface_a_dotnet_failure()
    {
        // Not: the shell (ShellPropertyTests), applets that wait (yes, sleep, tail -f), reach the network or signal processes.
        var applets = Simulator.Userland.Busybox.AppletNames.Where(a => a is not ("sh" or "ash" or "yes" or "sleep" or "wget" or "tail" or "kill")).ToArray();
        var applet = Gen.Int[0, applets.Length - 1].Select(i => applets[i]);
        var token = Gen.Int[0, Tokens.Length - 1].Select(i => Tokens[i]);
        Gen.Select(applet, token.Array[0, 5]).Sample(
            (name, args) =>
            {
                var s = new Sandbox();
                var spec = Sandbox.Spec([name, .. args]);
                var r = s.Run(spec, "a b\nc\n").GetAwaiter().GetResult();
                Assert.InRange(r.Code, 0, 255);
                Assert.False(DotNetTexts.Any(t => r.Err.Contains(t, StringComparison.Ordinal)), r.Err);
            },
            iter: 600);
    }
}
