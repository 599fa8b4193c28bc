Data volume containers: --volumes-from shares a container's volumes; `docker rm -v` removes anonymous
volumes only, and only when no other container still refers to them.
Sources: moby v28.2.2 daemon/volumes.go registerMountPoints (--volumes-from copies every mount point, rw by
default, :ro makes them read-only), daemon/mounts.go removeMountPoints (rm -v removes volumes without a
source name, i.e. anonymous ones, and silently keeps those still in use); SEMANTICS.md 4.6-4.9;
docs.docker.com/engine/storage/volumes/ ("Back up, restore, or migrate data volumes").

  $ docker pull -q busybox
  docker.io/library/busybox:latest

  $ docker create -v /dbdata --name dbstore busybox true
  [0-9a-f]{64} (re)
  $ vol=$(docker inspect -f '{{range .Mounts}}{{.Name}}{{end}}' dbstore)
  $ echo $vol | grep -c '^[0-9a-f]\{64\}$'
  1
  $ docker inspect -f '{{range .Mounts}}{{.Type}} {{.Destination}} {{.RW}}{{end}}' dbstore
  volume /dbdata true

  $ docker run --rm --volumes-from dbstore busybox sh -c 'echo hello > /dbdata/greeting'
  $ docker run --rm --volumes-from dbstore busybox cat /dbdata/greeting
  hello

Read-only sharing: busybox ash's error for a redirection that fails, status 2 (ash.c redirectsafe).

  $ docker run --rm --volumes-from dbstore:ro busybox sh -c 'echo x > /dbdata/greeting'
  sh: can't create /dbdata/greeting: Read-only file system
  [2]

Mount points are copied, so a chain of --volumes-from reaches the same volume.

  $ docker create --name second --volumes-from dbstore busybox true
  [0-9a-f]{64} (re)
  $ docker run --rm --volumes-from second busybox cat /dbdata/greeting
  hello

rm -v keeps a volume that another container still uses, and a named volume always.

  $ docker rm -v dbstore
  dbstore
  $ docker volume ls -q | grep -c $vol
  1
  $ docker rm -v second
  second
  $ docker volume ls -q | grep -c $vol
  0
  [1]

  $ docker volume create named
  named
  $ docker run --name keeper -v named:/n -v /anon busybox true
  $ docker volume ls -q | wc -l
  2
  $ docker rm -v keeper
  keeper
  $ docker volume ls -q
  named

--rm removes anonymous volumes the same way.

  $ docker run --rm -v /tmpvol busybox true
  $ docker volume ls -q
  named

Unknown source containers are an error (moby daemon/volumes.go: "No such container").

  $ docker run --rm --volumes-from nosuch busybox true
  docker: Error response from daemon: No such container: nosuch
  
  Run 'docker run --help' for more information
  [125]
