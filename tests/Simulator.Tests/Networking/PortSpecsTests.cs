using Simulator.Networking;

namespace Simulator.Tests.Networking;

public sealed class PortSpecsTests
{
    [Theory]
    [InlineData("80", "80/tcp", "", "")]
    [InlineData("80/udp", "80/udp", "", "")]
    [InlineData("8080:80", "80/tcp", "", "8080")]
    [InlineData("8080:80/tcp", "80/tcp", "", "8080")]
    [InlineData("53:53/UDP", "53/udp", "", "53")]
    [InlineData("127.0.0.1:8080:80", "80/tcp", "127.0.0.1", "8080")]
    [InlineData("127.0.0.1::80", "80/tcp", "127.0.0.1", "")]
    [InlineData("[::1]:8080:80", "80/tcp", "::1", "8080")]
    [InlineData("::1:8080:80", "80/tcp", "::1", "8080")]
    [InlineData("8000-8010:80", "80/tcp", "", "8000-8010")]
    [InlineData("80/sctp", "80/sctp", "", "")]
    public void Parses_one_port(string spec, string port, string ip, string hostPort)
    {
        var result = PortSpecs.ParseSpec(spec);
        var single = Assert.Single(result);
        Assert.Equal(port, single.Key);
        Assert.Equal(new PortBinding(ip, hostPort), single.Value);
    }

    [Fact]
    public void Ranges_map_port_by_port()
    {
        var result = PortSpecs.ParseSpec("8000-8001:80-81");
        Assert.Equal(["80/tcp", "81/tcp"], result.Select(r => r.Key));
        Assert.Equal(["8000", "8001"], result.Select(r => r.Value.HostPort));
        Assert.Equal(["80/tcp", "81/tcp"], PortSpecs.ParseSpec("80-81").Select(r => r.Key));
    }

    [Fact]
    public void Parse_collects_bindings_per_port_in_order()
    {
        var result = PortSpecs.Parse(["8080:80", "127.0.0.1:9090:80", "443"]);
        Assert.Equal(["80/tcp", "443/tcp"], result.ExposedPorts);
        Assert.Equal([new PortBinding("", "8080"), new PortBinding("127.0.0.1", "9090")], result.Bindings["80/tcp"]);
        Assert.Equal([new PortBinding("", "")], result.Bindings["443/tcp"]);
    }

    [Theory]
    [InlineData("x", "invalid containerPort: x")]
    [InlineData("8080:x", "invalid containerPort: x")]
    [InlineData("70000", "invalid containerPort: 70000")]
    [InlineData("81-80", "invalid containerPort: 81-80")]
    [InlineData("x:80", "invalid hostPort: x")]
    [InlineData("99999:80", "invalid hostPort: 99999")]
    [InlineData("80/foo", "invalid proto: foo")]
    [InlineData("1.2.3:80:80", "invalid IP address: 1.2.3")]
    [InlineData("8080:", "no port specified: 8080:<empty>")]
    [InlineData("8000-8002:80-81", "invalid ranges specified for container and host Ports: 80-81 and 8000-8002")]
    public void Rejects_as_nat(string spec, string message)
    {
        var ex = Assert.Throws<DockerSimulatorException>(() => PortSpecs.Parse([spec]));
        Assert.Equal(ErrorKind.InvalidArgument, ex.Kind);
        Assert.Equal(message, ex.Message);
    }

    [Theory]
    [InlineData("80/tcp", "tcp", "80")]
    [InlineData("80", "tcp", "80")]
    [InlineData("80/", "tcp", "80")]
    [InlineData("53/udp", "udp", "53")]
    [InlineData("", "", "")]
    public void SplitProtoPort_as_nat(string raw, string proto, string port) =>
        Assert.Equal((proto, port), PortSpecs.SplitProtoPort(raw));
}
