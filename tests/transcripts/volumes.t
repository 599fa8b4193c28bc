Named and anonymous volumes: create, ls, inspect, use, in-use protection, rm, prune.
Sources: docker/cli v28.2.2 cli/command/volume/{create,list,remove,prune}.go (rm echoes each name; prune prints
"Deleted Volumes:", the names, a blank line and "Total reclaimed space: <units.HumanSize>"); moby v28.2.2
volume/service/errors.go ("remove <name>: volume is in use - [<ids>]", "get <name>: no such volume"),
volume/local/local.go (Mountpoint /var/lib/docker/volumes/<name>/_data); formatter/volume_test.go (table);
SEMANTICS.md 4.1-4.12 (population of an empty named volume from the image on first mount, prune of anonymous
volumes only unless --all).

  $ docker pull -q alpine
  docker.io/library/alpine:latest
  $ docker pull -q nginx
  docker.io/library/nginx:latest

  $ docker volume ls
  DRIVER    VOLUME NAME
  $ docker volume create myvol
  myvol
  $ docker volume ls
  DRIVER    VOLUME NAME
  local     myvol
  $ docker volume inspect -f '{{.Name}} {{.Driver}} {{.Scope}} {{.Mountpoint}}' myvol
  myvol local local /var/lib/docker/volumes/myvol/_data

Data written to a volume outlives the container.

  $ docker run --rm -v myvol:/data alpine sh -c 'echo kept > /data/f'
  $ docker run --rm -v myvol:/data alpine cat /data/f
  kept

A volume used by a container (running or not) cannot be removed.

  $ docker run -d --name user -v myvol:/data alpine sleep 300
  [0-9a-f]{64} (re)
  $ docker volume rm myvol
  Error response from daemon: remove myvol: volume is in use - \[[0-9a-f]{64}\] (re)
  [1]
  $ docker stop -t 0 user
  user
  $ docker volume rm myvol
  Error response from daemon: remove myvol: volume is in use - \[[0-9a-f]{64}\] (re)
  [1]
  $ docker rm user
  user
  $ docker volume rm myvol
  myvol
  $ docker volume rm myvol
  Error response from daemon: get myvol: no such volume
  [1]

An empty named volume is filled from the image the first time it is mounted.

  $ docker run --rm -v html:/usr/share/nginx/html nginx ls /usr/share/nginx/html
  50x.html
  index.html
  $ docker run --rm -v html:/html alpine grep -o '<h1>.*</h1>' /html/index.html
  <h1>Welcome to nginx!</h1>

An anonymous volume (-v /path) gets a 64-hex name; prune removes unused anonymous volumes only.

  $ docker run --name anon -v /scratch alpine touch /scratch/x
  $ docker volume ls -q | grep -c '^[0-9a-f]\{64\}$'
  1
  $ docker volume prune -f
  Total reclaimed space: 0B
  $ docker rm anon
  anon
  $ docker volume prune -f
  Deleted Volumes:
  [0-9a-f]{64} (re)
  
  Total reclaimed space: 0B
  $ docker volume ls -q
  html
  $ docker volume prune -af
  Deleted Volumes:
  html
  
  Total reclaimed space: [0-9.]+kB (re)
  $ docker volume ls -q | wc -l
  0
