User-defined networks: create, ls, inspect, name resolution between containers, connect, rm.
Sources: docker/cli v28.2.2 cli/command/network/{create,list,remove,connect}.go (create prints the ID; ls sorts by
name; rm echoes names, and on failure prints the error, then "exit status 1", cli/error.go StatusError);
moby v28.2.2 libnetwork/error.go ("network with name %s already exists", "network %s not found", active
endpoints listed as name:"..." id:"<12 hex>"), daemon/network.go ("error while removing network: "); default
address pools (172.17.0.0/16 for bridge, then 172.18.0.0/16, ...; libnetwork/ipamutils).

  $ docker pull -q alpine
  docker.io/library/alpine:latest
  $ docker pull -q nginx
  docker.io/library/nginx:latest

  $ docker network ls --format '{{.Name}} {{.Driver}} {{.Scope}}'
  bridge bridge local
  host host local
  none null local
  $ docker network create mynet
  [0-9a-f]{64} (re)
  $ docker network ls
  NETWORK ID     NAME      DRIVER    SCOPE
  [0-9a-f]{12}   bridge    bridge    local (re)
  [0-9a-f]{12}   host      host      local (re)
  [0-9a-f]{12}   mynet     bridge    local (re)
  [0-9a-f]{12}   none      null      local (re)
  $ docker network inspect -f '{{.Name}} {{.Driver}} {{range .IPAM.Config}}{{.Subnet}} {{.Gateway}}{{end}}' mynet
  mynet bridge 172.18.0.0/16 172.18.0.1
  $ docker network create mynet
  Error response from daemon: network with name mynet already exists
  [1]

Containers on a user-defined network find each other by name (the embedded DNS server).

  $ docker run -d --name srv --network mynet nginx
  [0-9a-f]{64} (re)
  $ docker inspect -f '{{range .NetworkSettings.Networks}}{{.IPAddress}}{{end}}' srv
  172.18.0.2
  $ docker run --rm --network mynet alpine wget -qO- http://srv/ | grep -o '<h1>.*</h1>'
  <h1>Welcome to nginx!</h1>

A container on the default bridge joins later with connect.

  $ docker run -d --name client alpine sleep 3600
  [0-9a-f]{64} (re)
  $ docker exec client wget -qO- http://srv/
  wget: bad address 'srv'
  [1]
  $ docker network connect mynet client
  $ docker exec client wget -qO- http://srv/ | grep -o '<h1>.*</h1>'
  <h1>Welcome to nginx!</h1>
  $ docker inspect -f '{{len .NetworkSettings.Networks}}' client
  2
  $ docker network disconnect mynet client
  $ docker inspect -f '{{len .NetworkSettings.Networks}}' client
  1

A network in use cannot be removed.

  $ docker network rm mynet
  Error response from daemon: error while removing network: network mynet has active endpoints \(name:"srv" id:"[0-9a-f]{12}"\) (re)
  exit status 1
  [1]
  $ docker rm -f srv client
  srv
  client
  $ docker network rm mynet
  mynet
  $ docker network rm mynet
  Error response from daemon: network mynet not found
  exit status 1
  [1]
