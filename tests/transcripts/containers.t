Container lifecycle: create, start, stop, restart, kill, pause, rename, wait, rm.
Sources: docker/cli v28.2.2 cli/command/container/{create,start,stop,restart,kill,pause,rm,wait}.go (create and
run -d print the full ID; the others echo each argument as given; start adds "Error: failed to start
containers: ..."); moby v28.2.2 daemon/container/state.go (STATUS: Created, Up <dur>, Up <dur> (Paused),
Exited (<code>) <dur> ago), daemon/delete.go (rm of a running container), daemon/container/view.go (No such
container), daemon/errors.go (name conflict); docker/go-units duration.go (SEMANTICS.md 6.3-6.5). Inspect's
State times are RFC 3339 (daemon/inspect.go, time.RFC3339Nano: no fraction when it is zero).
The clock starts at 2025-01-15 12:00:00 UTC and moves only with `sleep` and waits (TRANSCRIPTS.md).

  $ docker pull -q alpine
  docker.io/library/alpine:latest

  $ docker create --name c1 alpine sleep 300
  [0-9a-f]{64} (re)
  $ docker ps -a --format '{{.Names}}: {{.Status}}'
  c1: Created
  $ docker ps -q | wc -l
  0

  $ docker start c1
  c1
  $ docker ps --format '{{.Names}}: {{.Status}} {{.Command}}'
  c1: Up Less than a second "sleep 300"
  $ sleep 60
  $ docker ps --format '{{.Names}}: {{.Status}}'
  c1: Up About a minute

sleep as PID 1 installs no SIGTERM handler, so docker stop waits its 10 s grace period and kills it (137).

  $ docker stop c1
  c1
  $ docker ps -a --format '{{.Names}}: {{.Status}}'
  c1: Exited (137) Less than a second ago
  $ docker inspect -f '{{.State.StartedAt}} {{.State.FinishedAt}} {{.State.ExitCode}}' c1
  2025-01-15T12:00:00Z 2025-01-15T12:01:10Z 137
  $ sleep 5
  $ docker ps -a --format '{{.Status}}'
  Exited (137) 5 seconds ago

  $ docker start c1
  c1
  $ docker restart c1
  c1
  $ docker inspect -f '{{.State.Running}} {{.State.StartedAt}}' c1
  true 2025-01-15T12:01:25Z
  $ docker kill c1
  c1
  $ docker wait c1
  137
  $ docker rm c1
  c1
  $ docker ps -aq | wc -l
  0

Unknown containers (daemon/container/view.go: "No such container: <arg>").

  $ docker rm nosuch
  Error response from daemon: No such container: nosuch
  [1]
  $ docker start nosuch
  Error response from daemon: No such container: nosuch
  Error: failed to start containers: nosuch
  [1]
  $ docker stop nosuch
  Error response from daemon: No such container: nosuch
  [1]

A running container is removed only with -f.

  $ docker run -d --name c2 alpine sleep 300
  [0-9a-f]{64} (re)
  $ docker rm c2
  Error response from daemon: cannot remove container "c2": container is running: stop the container before removing or force remove
  [1]
  $ docker rm -f c2
  c2

Names are unique (daemon/errors.go nameConflictError; the CLI wraps run errors with "docker: " and a hint,
cli/command/container/run.go withHelp, exit 125).

  $ docker run -d --name c3 alpine sleep 300
  [0-9a-f]{64} (re)
  $ docker run -d --name c3 alpine sleep 300
  docker: Error response from daemon: Conflict\. The container name "/c3" is already in use by container "[0-9a-f]{64}"\. You have to remove \(or rename\) that container to be able to reuse that name\. (re)
  
  Run 'docker run --help' for more information
  [125]

Pause, rename.

  $ docker pause c3
  c3
  $ docker ps --format '{{.Names}}: {{.Status}}'
  c3: Up Less than a second (Paused)
  $ docker rm c3
  Error response from daemon: cannot remove container "c3": container is paused and must be unpaused first
  [1]
  $ docker unpause c3
  c3
  $ docker rename c3 c4
  $ docker ps --format '{{.Names}}'
  c4
  $ docker rm -f c4
  c4
