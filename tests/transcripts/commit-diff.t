docker diff lists a container's changes against its image; docker commit makes them an image.
Sources: moby v28.2.2 integration/container/diff_test.go (mkdir /foo; echo > /foo/bar gives exactly "A /foo"
and "A /foo/bar"), go-archive changes.go (a changed parent directory is listed as C; a deleted directory is one D;
order unspecified, so sorted here), docker/cli v28.2.2 cli/command/container/commit.go (prints the new image
ID) and docs/reference/commandline/container_commit.md (--change, volumes not committed); SEMANTICS.md 3.23-3.31.

  $ docker pull -q alpine
  docker.io/library/alpine:latest

  $ docker run --name d1 alpine sh -c 'mkdir /foo; echo xyzzy > /foo/bar'
  $ docker diff d1
  A /foo
  A /foo/bar

  $ docker run --name d2 alpine sh -c 'rm /etc/motd; touch /tmp/new; rm -r /etc/apk/keys'
  $ docker diff d2 | sort
  A /tmp/new
  C /etc
  C /etc/apk
  C /tmp
  D /etc/apk/keys
  D /etc/motd

A container that changed nothing has an empty diff.

  $ docker run --name d3 alpine true
  $ docker diff d3

Committing: the new image has the change, and --change sets its config.

  $ docker commit d1 foo:v1
  sha256:[0-9a-f]{64} (re)
  $ docker run --rm foo:v1 cat /foo/bar
  xyzzy
  $ docker commit -c 'CMD ["cat", "/foo/bar"]' -c 'ENV MODE=test' d1 foo:v2
  sha256:[0-9a-f]{64} (re)
  $ docker run --rm foo:v2
  xyzzy
  $ docker inspect -f '{{.Config.Cmd}} {{index .Config.Env 1}}' foo:v2
  [cat /foo/bar] MODE=test
  $ docker run --rm foo:v2 sh -c 'echo $MODE'
  test
  $ docker images --format '{{.Repository}}:{{.Tag}}' | sort
  alpine:latest
  foo:v1
  foo:v2

One layer more than the base (docker history lists newest first).

  $ test $(docker history -q foo:v1 | wc -l) -gt $(docker history -q alpine | wc -l) && echo more
  more

A volume's content is not part of a commit (its mount point directory, which the runtime creates in the
container's root filesystem, is).

  $ docker run --name d4 -v /vol alpine sh -c 'echo data > /vol/file; echo root > /rootfile'
  $ docker diff d4 | sort
  A /rootfile
  A /vol
  $ docker commit d4 foo:v3
  sha256:[0-9a-f]{64} (re)
  $ docker run --rm --entrypoint ls foo:v3 /vol
  $ docker run --rm foo:v3 cat /rootfile
  root

  $ docker commit nosuch foo:v4
  Error response from daemon: No such container: nosuch
  [1]
