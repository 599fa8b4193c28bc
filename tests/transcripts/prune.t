Pruning stopped containers and dangling images, and the disk usage summary.
Sources: docker/cli v28.2.2 cli/command/container/prune.go and image/prune.go ("Deleted Containers:" /
"Deleted Images:" lists, a blank line, "Total reclaimed space: <units.HumanSize>"; with nothing removed only the
total), cli/command/system/df.go (TYPE TOTAL ACTIVE SIZE RECLAIMABLE); moby v28.2.2 daemon/prune.go (only
stopped containers; dangling images only unless -a).

  $ docker pull -q alpine
  docker.io/library/alpine:latest
  $ docker container prune -f
  Total reclaimed space: 0B

  $ docker run --name done1 alpine true
  $ docker run --name done2 alpine sh -c 'echo x > /x'
  $ docker run -d --name alive alpine sleep 3600
  [0-9a-f]{64} (re)
  $ docker container prune -f
  Deleted Containers:
  [0-9a-f]{64} (re)
  [0-9a-f]{64} (re)
  
  Total reclaimed space: 2B
  $ docker ps -a --format '{{.Names}}'
  alive

An image that lost its tag is dangling; image prune removes it.

  $ docker commit alive snap:1
  sha256:[0-9a-f]{64} (re)
  $ docker exec alive touch /changed
  $ docker commit alive snap:1
  sha256:[0-9a-f]{64} (re)
  $ docker images --filter dangling=true --format '{{.Repository}}:{{.Tag}}'
  <none>:<none>
  $ docker image prune -f
  Deleted Images:
  deleted: sha256:[0-9a-f]{64} (re)
  ...
  
  Total reclaimed space: 0B
  $ docker images --format '{{.Repository}}:{{.Tag}}' | sort
  alpine:latest
  snap:1

  $ docker system df --format '{{.Type}} {{.TotalCount}} {{.Active}}'
  Images 2 1
  Containers 1 1
  Local Volumes 0 0
  Build Cache 0 0
