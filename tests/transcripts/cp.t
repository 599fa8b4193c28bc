docker cp between the host and a container, both ways; the copy shows up in docker diff.
Sources: docker/cli v28.2.2 cli/command/container/cp.go (progress and "Successfully copied" only when stdout is a
terminal, so nothing here; "invalid output path" and "lstat ..." are client-side, checked with the real 28.2.2
binary); moby v28.2.2 daemon/errors.go ("Could not find the file <path> in container <name>");
docs/reference/commandline/container_cp.md (SRC_PATH ending in "/." copies the directory's content).

  $ docker pull -q alpine
  docker.io/library/alpine:latest
  $ docker run -d --name box alpine sleep 3600
  [0-9a-f]{64} (re)

  $ echo 'from host' > /tmp/h.txt
  $ docker cp /tmp/h.txt box:/root/h.txt
  $ docker exec box cat /root/h.txt
  from host

  $ docker exec box sh -c 'mkdir -p /data/sub && echo inside > /data/sub/f'
  $ docker cp box:/data /tmp/out
  $ cat /tmp/out/sub/f
  inside
  $ mkdir /tmp/out2
  $ docker cp box:/data/. /tmp/out2
  $ ls /tmp/out2
  sub
  $ docker cp box:/etc/alpine-release - | tar -tf -
  alpine-release

  $ docker diff box | sort
  A /data
  A /data/sub
  A /data/sub/f
  A /root/h.txt
  C /root

A stopped container can be copied from too.

  $ docker stop -t 0 box
  box
  $ docker cp box:/root/h.txt /tmp/back.txt && cat /tmp/back.txt
  from host

Errors.

  $ docker cp box:/nosuch /tmp/x
  Error response from daemon: Could not find the file /nosuch in container box
  [1]
  $ docker cp /tmp/nosuch box:/
  lstat /tmp/nosuch: no such file or directory
  [1]
  $ docker cp box:/root/h.txt /tmp/nosuchdir/y
  invalid output path: directory "/tmp/nosuchdir" does not exist
  [1]
