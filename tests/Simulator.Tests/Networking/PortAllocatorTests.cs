using Simulator.Networking;

namespace Simulator.Tests.Networking;

public sealed class PortAllocatorTests
{
    [Fact]
    public void Conflicts_with_dockers_message()
    {
        var ports = new PortAllocator();
        Assert.Equal(8080, ports.Allocate("", "tcp", 8080, "a"));
        var ex = Assert.Throws<DockerSimulatorException>(() => ports.Allocate("", "tcp", 8080, "b"));
        Assert.Equal(ErrorKind.Conflict, ex.Kind);
        Assert.Equal("Bind for 0.0.0.0:8080 failed: port is already allocated", ex.Message);
    }

    // moby v28.2.2 libnetwork/portallocator (per-address maps, "Bind for %s:%d failed: port is already allocated" with
    // Go's net.IP String) and drivers/bridge/port_mapping_linux.go bindTCPOrUDP ("failed to bind host port for %s: %w",
    // types.PortBinding.String, EADDRINUSE's "address already in use"; SO_REUSEADDR, IPv6 sockets V6ONLY).
    [Fact]
    public void A_tcp_port_on_the_wildcard_refuses_other_addresses_of_its_family_at_bind()
    {
        var ports = new PortAllocator();
        ports.Allocate("127.0.0.1", "tcp", 8080, "a");
        Assert.Equal(
            "failed to bind host port for 0.0.0.0:8080/tcp: address already in use",
            Assert.Throws<DockerSimulatorException>(() => ports.Allocate("0.0.0.0", "tcp", 8080, "b")).Message);
        Assert.Equal(
            "failed to bind host port for 0.0.0.0:8080:172.17.0.3:80/tcp: address already in use",
            Assert.Throws<DockerSimulatorException>(() => ports.Allocate("", "tcp", 8080, "b", "172.17.0.3:80")).Message);
        Assert.Equal(8080, ports.Allocate("127.0.0.2", "tcp", 8080, "b"));
        Assert.Equal(8080, ports.Allocate("::", "tcp", 8080, "c")); // IPv6 sockets are V6ONLY
        Assert.Equal(
            "failed to bind host port for [::1]:8080:[fd00::2]:80/tcp: address already in use",
            Assert.Throws<DockerSimulatorException>(() => ports.Allocate("::1", "tcp", 8080, "d", "[fd00::2]:80")).Message);
    }

    [Fact]
    public void The_same_address_is_the_allocators_conflict_and_udp_shares_a_port_across_addresses()
    {
        var ports = new PortAllocator();
        ports.Allocate("", "udp", 8080, "a");
        Assert.Equal(
            "Bind for 0.0.0.0:8080 failed: port is already allocated",
            Assert.Throws<DockerSimulatorException>(() => ports.Allocate("", "udp", 8080, "b")).Message);
        Assert.Equal(
            "Bind for :::8080 failed: port is already allocated",
            Assert.Throws<DockerSimulatorException>(() => ports.Allocate("::", "udp", 8080, "b")).Message);
        Assert.Equal(8080, ports.Allocate("127.0.0.1", "udp", 8080, "b"));
        Assert.Equal(8080, ports.Allocate("::1", "udp", 8080, "c"));
        Assert.Equal(
            "Bind for ::1:8080 failed: port is already allocated",
            Assert.Throws<DockerSimulatorException>(() => ports.Allocate("::1", "udp", 8080, "d")).Message);
        Assert.Equal(8080, ports.Allocate("", "tcp", 8080, "d")); // protocols are separate
    }

    [Fact]
    public void Release_frees_the_port()
    {
        var ports = new PortAllocator();
        ports.Allocate("", "tcp", 8080, "a");
        ports.Allocate("", "tcp", 8081, "a");
        ports.ReleaseAll("a");
        Assert.False(ports.IsAllocated("", "tcp", 8080));
        Assert.Equal(8080, ports.Allocate("", "tcp", 8080, "b"));
        ports.Release("", "tcp", 8080);
        Assert.False(ports.IsAllocated("0.0.0.0", "tcp", 8080));
    }

    [Fact]
    public void Ephemeral_ports_are_in_range_distinct_and_deterministic_per_seed()
    {
        var a = new PortAllocator(seed: 7);
        var b = new PortAllocator(seed: 7);
        var first = Enumerable.Range(0, 50).Select(_ => a.Allocate("", "tcp", 0, "x")).ToList();
        var second = Enumerable.Range(0, 50).Select(_ => b.Allocate("", "tcp", 0, "x")).ToList();
        Assert.Equal(first, second);
        Assert.Equal(50, first.Distinct().Count());
        Assert.All(first, p => Assert.InRange(p, PortAllocator.EphemeralStart, PortAllocator.EphemeralEnd));
        Assert.NotEqual(first, Enumerable.Range(0, 50).Select(_ => new PortAllocator(seed: 8).Allocate("", "tcp", 0, "x")).ToList());
    }
}
