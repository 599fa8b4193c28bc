docker run's exit status: the container's own, or 125/126/127 when it cannot run (docker/cli v28.2.2
cli/command/container/run.go toStatusError; moby v28.2.2 daemon/errors.go setExitCodeFromError).

  $ docker pull -q alpine
  docker.io/library/alpine:latest

  $ docker run --rm alpine sh -c 'exit 3'
  [3]
  $ docker run --rm alpine true
  $ docker run --rm alpine false
  [1]

A missing command: runc's message (runc 1.2, as Docker 28 ships it), exit 127.

  $ docker run --name missing alpine nosuchcmd
  docker: Error response from daemon: failed to create task for container: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: error during container init: exec: "nosuchcmd": executable file not found in $PATH: unknown
  
  Run 'docker run --help' for more information
  [127]
  $ docker ps -a --format '{{.Names}}: {{.Status}}'
  missing: Created
  $ docker inspect -f '{{.State.ExitCode}}' missing
  127

A directory is not executable: 126 (moby appends ": permission denied" to an EISDIR error so that the CLI,
which looks for "permission denied", exits 126: daemon/errors.go).

  $ docker run --rm alpine /tmp
  docker: Error response from daemon: failed to create task for container: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: error during container init: exec: "/tmp": is a directory: unknown: permission denied
  
  Run 'docker run --help' for more information
  [126]

Output of a foreground container goes to the terminal, stdout and stderr apart.

  $ docker run --rm alpine sh -c 'echo out; echo err >&2' 2>/dev/null
  out
  $ docker run --rm alpine sh -c 'echo out; echo err >&2' >/dev/null
  err

Environment, working directory and user (docker run --help: -e, -w, -u).

  $ docker run --rm -e GREETING=hi -w /etc -u 405 alpine sh -c 'echo $GREETING $(pwd) $(id -u)'
  hi /etc 405
  $ docker run --rm --entrypoint echo alpine entry point
  entry point

Without a TTY on stdin, -t is refused (docker/cli cli/streams/in.go CheckTty).

  $ docker run -it --rm alpine true
  the input device is not a TTY
  [1]
