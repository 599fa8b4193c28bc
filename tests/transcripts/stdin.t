Standard input: -i attaches it, here-documents and pipes feed it, without -i the container's stdin is empty.
Sources: docker/cli v28.2.2 cli/command/container/run.go (-i attaches stdin; the CLI waits for the container to
exit and returns its status), docs/reference/commandline/container_run.md ("--interactive, -i: Keep STDIN open
even if not attached"; example `echo "test" | docker run -i -a stdin ubuntu cat -`), busybox ash/cat/wc.

  $ docker pull -q alpine
  docker.io/library/alpine:latest

  $ echo hello | docker run -i --rm alpine cat
  hello
  $ echo hello | docker run --rm alpine cat
  $ printf 'a\nb\nc\n' | docker run -i --rm alpine wc -l
  3

  $ docker run -i --rm alpine sh <<'EOF'
  > x=41
  > echo $((x + 1))
  > cd /etc && pwd
  > EOF
  42
  /etc

A shell reading its script from stdin stops at exit, with that status.

  $ docker run -i --rm alpine sh <<'EOF'
  > echo before
  > exit 4
  > echo after
  > EOF
  before
  [4]

The same for exec.

  $ docker run -d --name box alpine sleep 3600
  [0-9a-f]{64} (re)
  $ echo 'data' | docker exec -i box sh -c 'cat > /tmp/in; cat /tmp/in'
  data
  $ echo 'ignored' | docker exec box cat
  $ docker exec -i box sh -c 'read line; echo "got: $line"' <<'EOF'
  > one line
  > EOF
  got: one line
