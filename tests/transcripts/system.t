System commands: version, info, system prune, and the hidden `volume create --name`.
Sources: the real docker 28.2.2 client (/usr/local/bin/docker): with no daemon it prints the Client part of
`docker version` and `docker info` and its own errors; against `dsim serve` (the simulated engine's API) it
printed the Server parts and the prune lines asserted here. Layouts: docker/cli v28.2.2
cli/command/system/version.go (defaultVersionTemplate, tabwriter), info.go (prettyPrintClientInfo,
prettyPrintServerInfo), prune.go (confirmationTemplate: the warning lists what goes, "unused build cache"
from API 1.31; each part's list and a blank line, then "Total reclaimed space:"), volume/create.go (--name is
a hidden flag; with a positional name too it is refused even when both agree).

  $ docker version
  Client:
   Version:           28.2.2
   API version:       1.50
   Go version:        go1.24.3
   Git commit:        e6534b4
   Built:             Fri May 30 12:07:14 2025
   OS/Arch:           linux/amd64
   Context:           default
  
  Server: Docker Engine - Community
   Engine:
    Version:          28.2.2
  ...
  $ docker version --format '{{.Server.Version}}'
  28.2.2
  $ docker pull -q alpine
  docker.io/library/alpine:latest
  $ docker info | head -12
  Client:
   Version:    28.2.2
   Context:    default
   Debug Mode: false
  
  Server:
   Containers: 0
    Running: 0
    Paused: 0
    Stopped: 0
   Images: 1
   Server Version: 28.2.2

A stopped container, an unused network, a named and an anonymous volume.

  $ docker run --name done -v /data alpine true
  $ docker network create net1 > /dev/null
  $ docker volume create --name keep
  keep
  $ docker volume create --name other other
  conflicting options: cannot specify a volume-name through both --name and as a positional arg
  [1]
  $ docker volume ls -q | wc -l
  2

Declining the prompt removes nothing.

  $ echo n | docker system prune
  WARNING! This will remove:
    - all stopped containers
    - all networks not used by at least one container
    - all dangling images
    - unused build cache
  
  Are you sure you want to continue? [y/N]  (no-eol)
  $ docker ps -aq | wc -l
  1

With -f and --volumes: the stopped container, the network, and the anonymous volume (the named one stays).

  $ docker system prune -f --volumes
  Deleted Containers:
  [0-9a-f]{64} (re)
  
  Deleted Networks:
  net1
  
  Deleted Volumes:
  [0-9a-f]{64} (re)
  
  Total reclaimed space: 0B
  $ docker volume ls -q
  keep
  $ docker system prune -f --volumes --filter until=1h
  ERROR: The "until" filter is not supported with "--volumes"
  [1]
