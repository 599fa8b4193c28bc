docker build with a context directory: instructions, the resulting config, history, the build cache, errors.
Sources: docs.docker.com/reference/dockerfile/ (WORKDIR, COPY, RUN, ENV, EXPOSE, CMD); docker/cli v28.2.2
docs/reference/commandline/image_build.md (-q prints the image ID, -f names the Dockerfile); moby/buildkit
frontend/dockerfile/dockerfile2llb/convert.go (history: "RUN /bin/sh -c ... # buildkit", "COPY ... # buildkit";
a failing RUN: process "/bin/sh -c ..." did not complete successfully: exit code: N), frontend/dockerfile/instructions
parse.go ("unknown instruction: FOO" wrapped by util/suggest.WrapError, which adds " (did you mean FROM?)": FOO is
within Levenshtein distance 2 of "from", and the case of the input is kept); SEMANTICS.md 2.8. Error lines are matched from "failed to solve" on, since the
prefix before it depends on the buildx version installed with Docker 28.

  $ docker pull -q alpine
  docker.io/library/alpine:latest
  $ mkdir /app && cd /app
  $ echo hello > greeting.txt
  $ cat > Dockerfile <<'EOF'
  > FROM alpine
  > WORKDIR /app
  > COPY greeting.txt .
  > RUN echo "built at build time" > built.txt
  > ENV MODE=prod
  > EXPOSE 8080
  > CMD ["cat", "greeting.txt", "built.txt"]
  > EOF
  $ docker build -q -t myapp .
  sha256:[0-9a-f]{64} (re)
  $ docker run --rm myapp
  hello
  built at build time
  $ docker inspect -f '{{.Config.WorkingDir}} {{.Config.Env}} {{.Config.ExposedPorts}} {{.Config.Cmd}}' myapp
  /app [PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin MODE=prod] map[8080/tcp:{}] [cat greeting.txt built.txt]
  $ docker history --no-trunc --format '{{.CreatedBy}}' myapp | grep '# buildkit' | head -2
  RUN /bin/sh -c echo "built at build time" > built.txt # buildkit
  COPY greeting.txt . # buildkit
  $ docker run --rm myapp sh -c 'echo $MODE; pwd'
  prod
  /app

The same context builds the same image from the cache; a changed file makes a new one.

  $ id1=$(docker images -q myapp)
  $ docker build -q -t myapp2 .
  sha256:[0-9a-f]{64} (re)
  $ test "$(docker images -q myapp2)" = "$id1" && echo cached
  cached
  $ echo changed > greeting.txt
  $ docker build -q -t myapp3 .
  sha256:[0-9a-f]{64} (re)
  $ test "$(docker images -q myapp3)" != "$id1" && echo rebuilt
  rebuilt
  $ docker run --rm myapp3 cat greeting.txt
  changed

A Dockerfile read from stdin has no context (docs: "docker build - < Dockerfile").

  $ docker build -q -t fromstdin - <<'EOF'
  > FROM alpine
  > RUN mkdir /made
  > EOF
  sha256:[0-9a-f]{64} (re)
  $ docker run --rm fromstdin ls -d /made
  /made

Failures: a failing RUN, an unknown instruction, a missing file. Nothing is tagged.

  $ printf 'FROM alpine\nRUN exit 3\n' > Dockerfile.fail
  $ docker build -q -t broken -f Dockerfile.fail .
  ...
  *failed to solve: process "/bin/sh -c exit 3" did not complete successfully: exit code: 3 (glob)
  [1]
  $ printf 'FROM alpine\nFOO bar\n' > Dockerfile.bad
  $ docker build -q -t broken -f Dockerfile.bad .
  ...
  *failed to solve: dockerfile parse error on line 2: unknown instruction: FOO (did you mean FROM?) (glob)
  [1]
  $ printf 'FROM alpine\nCOPY nosuch /\n' > Dockerfile.missing
  $ docker build -q -t broken -f Dockerfile.missing .
  ...
  *"/nosuch": not found (glob)
  [1]
  $ docker images -q broken | wc -l
  0
