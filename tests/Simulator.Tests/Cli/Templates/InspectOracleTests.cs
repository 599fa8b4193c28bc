using System.Text.Json;
using System.Text.Json.Nodes;
using Simulator.Cli.Templates;

namespace Simulator.Tests.Cli.Templates;

/// <summary>
/// <see cref="GoTemplate.ExecuteInspect(JsonElement)"/> against the real docker CLI 28.2.2: <c>docker inspect -f TEMPLATE mynginx</c>
/// run against a stub daemon that returns <see cref="Json"/> for the container (the CLI's own <c>{{json .}}</c> of it).
/// Expected texts are the CLI's stdout (trailing newline dropped) or its error with <c>template parsing error: </c> dropped.
/// </summary>
public sealed class InspectOracleTests
{
    private const string Json = """
        {"Id":"4f66ad9a0b2e8f3c1d2e3f405162738495a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0","Created":"2025-01-01T00:00:00.000000000Z","Path":"/docker-entrypoint.sh","Args":["nginx","-g","daemon off;"],"State":{"Status":"running","Running":true,"Paused":false,"Restarting":false,"OOMKilled":false,"Dead":false,"Pid":4242,"ExitCode":0,"Error":"","StartedAt":"2025-01-01T00:00:01.000000000Z","FinishedAt":"0001-01-01T00:00:00Z"},"Image":"sha256:aaaa","ResolvConfPath":"","HostnamePath":"","HostsPath":"","LogPath":"","Name":"/mynginx","RestartCount":0,"Driver":"overlay2","Platform":"linux","MountLabel":"","ProcessLabel":"","AppArmorProfile":"","ExecIDs":null,"HostConfig":{"Binds":null,"ContainerIDFile":"","LogConfig":{"Type":"","Config":null},"NetworkMode":"bridge","PortBindings":{"80/tcp":[{"HostIp":"","HostPort":"8080"}]},"RestartPolicy":{"Name":"no","MaximumRetryCount":0},"AutoRemove":false,"VolumeDriver":"","VolumesFrom":null,"ConsoleSize":[0,0],"CapAdd":null,"CapDrop":null,"CgroupnsMode":"","Dns":[],"DnsOptions":null,"DnsSearch":null,"ExtraHosts":null,"GroupAdd":null,"IpcMode":"","Cgroup":"","Links":null,"OomScoreAdj":0,"PidMode":"","Privileged":false,"PublishAllPorts":false,"ReadonlyRootfs":false,"SecurityOpt":null,"UTSMode":"","UsernsMode":"","ShmSize":0,"Isolation":"","CpuShares":0,"Memory":0,"NanoCpus":0,"CgroupParent":"","BlkioWeight":0,"BlkioWeightDevice":null,"BlkioDeviceReadBps":null,"BlkioDeviceWriteBps":null,"BlkioDeviceReadIOps":null,"BlkioDeviceWriteIOps":null,"CpuPeriod":0,"CpuQuota":0,"CpuRealtimePeriod":0,"CpuRealtimeRuntime":0,"CpusetCpus":"","CpusetMems":"","Devices":null,"DeviceCgroupRules":null,"DeviceRequests":null,"MemoryReservation":0,"MemorySwap":0,"MemorySwappiness":null,"OomKillDisable":null,"PidsLimit":null,"Ulimits":null,"CpuCount":0,"CpuPercent":0,"IOMaximumIOps":0,"IOMaximumBandwidth":0,"MaskedPaths":null,"ReadonlyPaths":null},"GraphDriver":{"Data":null,"Name":"overlay2"},"Mounts":[{"Type":"volume","Name":"dbdata","Source":"/var/lib/docker/volumes/dbdata/_data","Destination":"/data","Driver":"local","Mode":"z","RW":true,"Propagation":""}],"Config":{"Hostname":"4f66ad9a0b2e","Domainname":"","User":"","AttachStdin":false,"AttachStdout":true,"AttachStderr":true,"ExposedPorts":{"80/tcp":{}},"Tty":false,"OpenStdin":false,"StdinOnce":false,"Env":["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin","NGINX_VERSION=1.27.3"],"Cmd":["nginx","-g","daemon off;"],"Image":"nginx","Volumes":null,"WorkingDir":"","Entrypoint":["/docker-entrypoint.sh"],"OnBuild":null,"Labels":{"com.example.a":"1","maintainer":"NGINX Docker Maintainers <docker-maint@nginx.com>"},"StopSignal":"SIGQUIT"},"NetworkSettings":{"Bridge":"","SandboxID":"","SandboxKey":"","Ports":{"80/tcp":[{"HostIp":"0.0.0.0","HostPort":"8080"}]},"HairpinMode":false,"LinkLocalIPv6Address":"","LinkLocalIPv6PrefixLen":0,"SecondaryIPAddresses":null,"SecondaryIPv6Addresses":null,"EndpointID":"","Gateway":"172.17.0.2","GlobalIPv6Address":"","GlobalIPv6PrefixLen":0,"IPAddress":"172.17.0.3","IPPrefixLen":16,"IPv6Gateway":"","MacAddress":"02:42:ac:11:00:03","Networks":{"bridge":{"IPAMConfig":null,"Links":null,"Aliases":null,"MacAddress":"02:42:ac:11:00:03","DriverOpts":null,"GwPriority":0,"NetworkID":"n1","EndpointID":"e1","Gateway":"172.17.0.1","IPAddress":"172.17.0.3","IPPrefixLen":16,"IPv6Gateway":"","GlobalIPv6Address":"","GlobalIPv6PrefixLen":0,"DNSNames":null}}}}
        """;

    public static TheoryData<string, string> Rows => new()
    {
        { "{{.Config.Cmd}}", "[nginx -g daemon off;]" },
        { "{{json .Config.ExposedPorts}}", "{\"80/tcp\":{}}" },
        { "{{.Config.ExposedPorts}}", "map[80/tcp:{}]" },
        { "{{range .Mounts}}{{.Name}}{{end}}", "dbdata" },
        { "{{join .Args \",\"}}", "nginx,-g,daemon off;" },
        { "{{join .Config.Entrypoint \" \"}}|{{join .HostConfig.Binds \",\"}}", "/docker-entrypoint.sh|" },
        { "{{index .Config.Labels \"com.example.a\"}}", "1" },
        { "{{.Config.Labels}}", "map[com.example.a:1 maintainer:NGINX Docker Maintainers <docker-maint@nginx.com>]" },
        { "{{json .Config.Labels}}", "{\"com.example.a\":\"1\",\"maintainer\":\"NGINX Docker Maintainers <docker-maint@nginx.com>\"}" },
        { "{{.Config.Labels.maintainer}}", "NGINX Docker Maintainers <docker-maint@nginx.com>" },
        { "{{.Config.Labels.nope}}", "<no value>" },
        { "{{.Config.Nope}}", "template parsing error: template: :1:9: executing \"\" at <.Config.Nope>: map has no entry for key \"Nope\"" },
        { "{{.Nope}}", "template parsing error: template: :1:2: executing \"\" at <.Nope>: map has no entry for key \"Nope\"" },
        { "{{.Config.Volumes}}|{{.Config.OnBuild}}|{{.ExecIDs}}|{{.GraphDriver.Data}}|{{json .Config.Volumes}}|{{json .ExecIDs}}", "map[]|[]|[]|map[]|null|null" },
        { "{{.State.Pid}} {{.State.Running}} {{.State.Status}}", "4242 true running" },
        { "{{.NetworkSettings.Networks.bridge.IPAddress}}", "172.17.0.3" },
        { "{{range $p, $conf := .NetworkSettings.Ports}}{{$p}} -> {{(index $conf 0).HostPort}}{{end}}", "80/tcp -> 8080" },
        { "{{.Mounts}}", "[{volume dbdata /var/lib/docker/volumes/dbdata/_data /data local z true }]" },
        { "{{.HostConfig.RestartPolicy}}", "{no 0}" },
        { "{{.HostConfig.RestartPolicy.Name}}", "no" },
        { "{{len .Config.Volumes}} {{range .ExecIDs}}x{{else}}none{{end}} {{if .Config.Volumes}}y{{else}}n{{end}}", "0 none n" },
        { "{{.State.Health.Status}}", "template parsing error: template: :1:8: executing \"\" at <.State.Health.Status>: map has no entry for key \"Health\"" },
        { "{{index .Config.Labels \"nope\"}}|{{index .Config.ExposedPorts \"nope\"}}", "<no value>|<no value>" },
        { "{{.NetworkSettings.Networks.nope}}", "<no value>" },
        { "{{.NetworkSettings.Networks.nope.IPAddress}}", "<no value>" },
        { "{{eq .State.ExitCode 0}}", "true" },
        { "{{.Config.ExposedPorts.nope}}", "template parsing error: template: :1:9: executing \"\" at <.Config.ExposedPorts.nope>: map has no entry for key \"nope\"" },
        { "{{.HostConfig.Dns}}|{{json .HostConfig.Dns}}|{{.HostConfig.ConsoleSize}}", "[]|[]|[0 0]" },
        { "{{.HostConfig.LogConfig}}|{{.HostConfig.LogConfig.Config}}", "{ map[]}|map[]" },
        { "{{.Name}} {{.Id}} {{slice .Id 0 12}}", "/mynginx 4f66ad9a0b2e8f3c1d2e3f405162738495a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0 4f66ad9a0b2e" },
        { "{{json .Mounts}}", "[{\"Type\":\"volume\",\"Name\":\"dbdata\",\"Source\":\"/var/lib/docker/volumes/dbdata/_data\",\"Destination\":\"/data\",\"Driver\":\"local\",\"Mode\":\"z\",\"RW\":true,\"Propagation\":\"\"}]" },
        { "{{json .NetworkSettings.Networks}}", "{\"bridge\":{\"IPAMConfig\":null,\"Links\":null,\"Aliases\":null,\"MacAddress\":\"02:42:ac:11:00:03\",\"DriverOpts\":null,\"GwPriority\":0,\"NetworkID\":\"n1\",\"EndpointID\":\"e1\",\"Gateway\":\"172.17.0.1\",\"IPAddress\":\"172.17.0.3\",\"IPPrefixLen\":16,\"IPv6Gateway\":\"\",\"GlobalIPv6Address\":\"\",\"GlobalIPv6PrefixLen\":0,\"DNSNames\":null}}" },
        { "{{range .NetworkSettings.Networks}}{{.IPAddress}}{{end}}", "172.17.0.3" },
        { "{{.HostConfig.PortBindings}}", "map[80/tcp:[{ 8080}]]" },
        { "{{.NetworkSettings.Ports}}", "map[80/tcp:[{0.0.0.0 8080}]]" },
        { "{{printf \"%s:%d\" .Name .State.Pid}}", "/mynginx:4242" },
        { "{{.Created}}", "2025-01-01T00:00:00.000000000Z" },
        { "{{.HostConfig.MemorySwappiness}}|{{.HostConfig.PidsLimit}}", "<nil>|<nil>" },
        { "{{.Config.Env}}", "[PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin NGINX_VERSION=1.27.3]" },
        { "{{range .Config.Env}}{{println .}}{{end}}", "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin\nNGINX_VERSION=1.27.3\n" },
        { "{{.State.Pid | printf \"%05d\"}}", "04242" },
        { "{{if .State.Running}}up{{end}}", "up" },
        { "{{.Config.Labels.nope.deeper}}", "<no value>" },
        { "{{with .Config.Volumes}}v{{else}}no volumes{{end}}", "no volumes" },
        { "{{.GraphDriver}}", "{map[] overlay2}" },
        { "{{upper .Config.Image}}", "NGINX" },
        { "{{json .State}}", "{\"Status\":\"running\",\"Running\":true,\"Paused\":false,\"Restarting\":false,\"OOMKilled\":false,\"Dead\":false,\"Pid\":4242,\"ExitCode\":0,\"Error\":\"\",\"StartedAt\":\"2025-01-01T00:00:01.000000000Z\",\"FinishedAt\":\"0001-01-01T00:00:00Z\"}" },
    };

    [Theory]
    [MemberData(nameof(Rows))]
    public void Matches_docker_inspect(string template, string expected)
    {
        const string prefix = "template parsing error: ";
        var element = JsonDocument.Parse(Json).RootElement;
        string Run(Func<GoTemplate, string> execute)
        {
            try
            {
                return execute(GoTemplate.Parse(template));
            }
            catch (GoTemplateException e)
            {
                return prefix + e.Message;
            }
        }

        Assert.Equal(expected, Run(t => t.ExecuteInspect(element)));
        Assert.Equal(expected, Run(t => t.ExecuteInspect(JsonNode.Parse(Json))));
    }
}
