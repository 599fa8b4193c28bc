--format Go templates and --filter: fields, json, join, upper, lower, index, range, .Label, table.
Sources: docker/cli v28.2.2 templates/templates.go (functions json, join, lower, upper, split, title, pad,
truncate, and Go's index, len, println), formatter/container.go (ps fields; .Label "key"),
cli/command/formatter/formatter.go (table: tabwriter minwidth 10, padding 3; "\t" in a format is a tab),
docs/reference/commandline/container_ls.md (filters name, label, status, ancestor, exited);
moby v28.2.2 runconfig merge (user -e variables come before the image's), daemon/inspect.go (.Name with "/").

  $ docker pull -q alpine
  docker.io/library/alpine:latest
  $ docker run -d --name f1 -l app=web -l tier=front -e A=1 alpine sleep 300
  [0-9a-f]{64} (re)
  $ docker run --name f2 -l app=batch alpine sh -c 'exit 2'
  [2]

  $ docker inspect -f '{{.Name}} {{.State.Status}} {{json .State.Status}}' f1
  /f1 running "running"
  $ docker inspect -f '{{json .Config.Labels}}' f1
  {"app":"web","tier":"front"}
  $ docker inspect -f '{{.Config.Labels.app}} {{index .Config.Labels "tier"}}' f1
  web front
  $ docker inspect -f '{{join .Config.Cmd " "}} | {{upper .Config.Image}} | {{lower "ABC"}}' f1
  sleep 300 | ALPINE | abc
  $ docker inspect -f '{{range .Config.Env}}{{println .}}{{end}}' f1
  A=1
  PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
  
  $ docker inspect -f '{{len .Config.Env}}' f1
  2
  $ docker inspect -f '{{.State.ExitCode}}' f1 f2
  0
  2
  $ docker inspect --format '{{.Config.Image}}' nosuch f1
  alpine
  Error: No such object: nosuch
  [1]

  $ docker ps --format '{{.Names}} {{.Label "app"}} {{.Image}}'
  f1 web alpine
  $ docker ps --format 'table {{.Names}}\t{{.Image}}\t{{.Label "tier"}}'
  NAMES     IMAGE     tier
  f1        alpine    front
  $ docker ps -a --format '{{.Names}}' | sort
  f1
  f2
  $ docker ps -a --filter status=exited --format '{{.Names}} {{.Status}}'
  f2 Exited (2) Less than a second ago
  $ docker ps -a --filter exited=2 --format '{{.Names}}'
  f2
  $ docker ps -a --filter label=app=web --format '{{.Names}}'
  f1
  $ docker ps -a --filter name=f2 -q | grep -c '^[0-9a-f]\{12\}$'
  1
  $ docker ps -a --filter ancestor=alpine --format '{{.Names}}' | sort
  f1
  f2
  $ docker ps --no-trunc --format '{{.ID}}' | grep -c '^[0-9a-f]\{64\}$'
  1

  $ docker images --format '{{.Repository}}:{{.Tag}} {{.ID}}' | grep -c '^alpine:latest [0-9a-f]\{12\}$'
  1
  $ docker images --format 'table {{.Repository}}\t{{.Tag}}'
  REPOSITORY   TAG
  alpine       latest
  $ docker volume create --label env=dev v1
  v1
  $ docker volume ls --format '{{.Name}} {{.Driver}} {{.Label "env"}}'
  v1 local dev
  $ docker volume ls --filter label=env=dev -q
  v1
