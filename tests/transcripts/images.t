Images: pull, list, tag, inspect, remove.
Sources: docker/cli v28.2.2 cli/command/image/{pull,tag,remove,list}.go (pull: "Using default tag: latest",
progress on stdout, then the canonical reference; -q prints only the reference; rmi prints "Untagged:" and
"Deleted:" lines); moby v28.2.2 daemon/internal/distribution/pull_v2.go ("latest: Pulling from
library/alpine", "Digest:", "Status: Downloaded newer image for" / "Status: Image is up to date for"),
daemon/images/image.go ("No such image: <familiar reference>"), image_delete.go (conflicts); the classic
images table (formatter/image.go; tabwriter rules SEMANTICS.md 6.1, 6.8); go-units HumanDuration for CREATED
(the clock starts at 2025-01-15 12:00 UTC; alpine 3.20's image was built 2024-09-06: "4 months ago").

  $ docker images
  REPOSITORY   TAG       IMAGE ID   CREATED   SIZE

  $ docker pull alpine
  Using default tag: latest
  latest: Pulling from library/alpine
  ...
  Digest: sha256:[0-9a-f]{64} (re)
  Status: Downloaded newer image for alpine:latest
  docker.io/library/alpine:latest
  $ docker pull alpine
  Using default tag: latest
  latest: Pulling from library/alpine
  Digest: sha256:[0-9a-f]{64} (re)
  Status: Image is up to date for alpine:latest
  docker.io/library/alpine:latest

  $ docker images
  REPOSITORY   TAG       IMAGE ID       CREATED        SIZE
  alpine       latest    [0-9a-f]{12}   4 months ago   [0-9.]+MB (re)
  $ docker images -q | grep -c '^[0-9a-f]\{12\}$'
  1
  $ docker image inspect -f '{{.Os}}/{{.Architecture}} {{.Config.Cmd}}' alpine
  linux/amd64 [/bin/sh]
  $ docker inspect -f '{{index .RepoTags 0}}' alpine
  alpine:latest
  $ docker inspect -f '{{.Id}}' alpine | grep -c '^sha256:[0-9a-f]\{64\}$'
  1

Tags are names for the same image ID.

  $ docker tag alpine myalpine:v1
  $ docker tag alpine localhost:5000/alpine
  $ docker images --format '{{.Repository}}:{{.Tag}}' | sort
  alpine:latest
  localhost:5000/alpine:latest
  myalpine:v1
  $ test "$(docker images -q myalpine:v1)" = "$(docker images -q alpine)" && echo same
  same
  $ docker rmi myalpine:v1 localhost:5000/alpine
  Untagged: myalpine:v1
  Untagged: localhost:5000/alpine:latest

Unknown images.

  $ docker rmi nosuch
  Error response from daemon: No such image: nosuch:latest
  [1]
  $ docker image inspect nosuch
  []
  Error response from daemon: No such image: nosuch:latest
  [1]
  $ docker tag nosuch other
  Error response from daemon: No such image: nosuch:latest
  [1]
  $ docker pull nosuchimage
  Using default tag: latest
  Error response from daemon: pull access denied for nosuchimage, repository does not exist or may require 'docker login': denied: requested access to the resource is denied
  [1]

An image used by a container is removed only by force; the last tag of an unused image deletes it.

  $ docker create --name user alpine true
  [0-9a-f]{64} (re)
  $ docker rmi alpine
  Error response from daemon: conflict: unable to remove repository reference "alpine" \(must force\) - container [0-9a-f]{12} is using its referenced image [0-9a-f]{12} (re)
  [1]
  $ docker rm user
  user
  $ docker rmi alpine
  Untagged: alpine:latest
  Untagged: alpine@sha256:[0-9a-f]{64} (re)
  Deleted: sha256:[0-9a-f]{64} (re)
  ...
  $ docker images -q | wc -l
  0
