docker exec runs more processes in a running container; docker logs shows what its main process printed.
Sources: docker/cli v28.2.2 cli/command/container/{exec,logs}.go (exit status of the exec'd process; logs
writes the container's stdout to stdout and stderr to stderr; -t prefixes RFC 3339 nano timestamps,
jsonmessage.RFC3339NanoFixed "2006-01-02T15:04:05.000000000Z07:00"); moby v28.2.2 daemon/errors.go
("container <id> is not running"), api/server/router/container/exec.go (a failed exec start is written into
the stream with "\r\n"), daemon/errors.go setExitCodeFromError (127 for a missing program).

  $ docker pull -q alpine
  docker.io/library/alpine:latest

  $ docker run -d --name app alpine sh -c 'echo started; echo oops >&2; sleep 30; echo later; sleep 3600'
  [0-9a-f]{64} (re)
  $ docker logs app
  started
  oops
  $ docker logs app 2>/dev/null
  started
  $ docker logs -t app 2>&1 | head -1
  2025-01-15T12:00:00.000000000Z started

  $ docker exec app echo hello from exec
  hello from exec
  $ docker exec app sh -c 'exit 5'
  [5]
  $ docker exec -w /etc app pwd
  /etc
  $ docker exec -e X=1 app sh -c 'echo $X'
  1
  $ docker exec app sh -c 'hostname' | grep -c '^[0-9a-f]\{12\}$'
  1
  $ docker exec app nosuch
  OCI runtime exec failed: exec failed: unable to start container process: exec: "nosuch": executable file not found in $PATH: unknown\r (esc)
  [127]

A detached exec prints nothing and runs on its own.

  $ docker exec -d app touch /tmp/marker
  $ docker exec app ls /tmp
  marker

Later output, --tail and --since (the container printed "later" 30 s after it started).

  $ sleep 30
  $ docker logs --tail 1 app
  later
  $ docker logs --since 10s app
  later

Exec needs a running container.

  $ docker stop -t 0 app
  app
  $ docker exec app true
  Error response from daemon: container [0-9a-f]{64} is not running (re)
  [1]

  $ docker logs nosuch
  Error response from daemon: No such container: nosuch
  [1]
