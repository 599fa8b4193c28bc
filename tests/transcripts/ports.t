Publishing ports and reaching them with curl from the host.
Sources: docker/cli v28.2.2 cli/command/container/port.go ("80/tcp -> 0.0.0.0:8080"; an IPv6 line may follow,
hence "..."), formatter/container.go (PORTS column, corpus/ps-ports.tsv); moby v28.2.2
daemon/libnetwork/portallocator ("Bind for 0.0.0.0:8080 failed: port is already allocated"); nginx's own
pages (src/http/ngx_http_special_response.c: the 404 page's lines end in CRLF, the tail names the version;
the welcome page, html/index.html, has "Welcome to nginx!" in its title and in its h1);
curl 7.88.1's messages (exit 7 connect, 22 with -f on an HTTP error; -s hides them, -S shows them again).

  $ docker pull -q nginx
  docker.io/library/nginx:latest
  $ docker pull -q alpine
  docker.io/library/alpine:latest

  $ docker run -d -p 8080:80 --name web nginx
  [0-9a-f]{64} (re)
  $ docker port web
  80/tcp -> 0.0.0.0:8080
  ...
  $ docker port web 80/tcp
  0.0.0.0:8080
  ...
  $ docker ps --format '{{.Names}} {{.Ports}}'
  web 0.0.0.0:8080->80/tcp* (glob)

  $ curl -s http://localhost:8080/ | grep -o '<h1>.*</h1>'
  <h1>Welcome to nginx!</h1>
  $ curl -s -o /dev/null -w '%{http_code}' http://localhost:8080/
  200 (no-eol)
  $ curl -s -o /tmp/index.html http://127.0.0.1:8080/ && grep -c '<title>Welcome to nginx!</title>' /tmp/index.html
  1
  $ curl -sI http://localhost:8080/ | head -1
  HTTP/1.1 200 OK\r (esc)
  $ curl -s http://localhost:8080/nope
  <html>\r (esc)
  <head><title>404 Not Found</title></head>\r (esc)
  <body>\r (esc)
  <center><h1>404 Not Found</h1></center>\r (esc)
  <hr><center>nginx/[0-9.]+</center>\r (re)
  </body>\r (esc)
  </html>\r (esc)
  $ curl -sf http://localhost:8080/nope
  [22]
  $ curl -sSf http://localhost:8080/nope
  curl: (22) The requested URL returned error: 404
  [22]
  $ curl -s -w '%{http_code}\n' -o /dev/null http://localhost:8080/nope
  404

Nothing listens on 8081.

  $ curl -sS http://localhost:8081/
  curl: (7) Failed to connect to localhost port 8081 after 0 ms: Couldn't connect to server
  [7]

A host port can be published once. With -d the CLI prints the new container's ID while it asks the daemon to
start it (cli/command/container/run.go: waitDisplayID), so the ID comes before the error.

  $ docker run -d -p 8080:80 nginx
  [0-9a-f]{64} (re)
  docker: Error response from daemon: .*Bind for 0.0.0.0:8080 failed: port is already allocated.* (re)
  ...
  [125]

-P publishes the image's EXPOSEd ports on ephemeral host ports (32768-60999, the kernel's
ip_local_port_range that Docker's port allocator uses).

  $ docker run -d -P --name web2 nginx
  [0-9a-f]{64} (re)
  $ port=$(docker port web2 80 | head -1 | cut -d: -f2)
  $ test $port -ge 32768 && test $port -le 60999 && echo ephemeral
  ephemeral
  $ curl -s http://localhost:$port/ | grep -o '<h1>.*</h1>'
  <h1>Welcome to nginx!</h1>

Containers on the default bridge reach each other by address, not by name.

  $ ip=$(docker inspect -f '{{.NetworkSettings.IPAddress}}' web)
  $ echo $ip
  172.17.0.2
  $ docker run --rm alpine wget -qO- http://$ip/ | grep -o '<h1>.*</h1>'
  <h1>Welcome to nginx!</h1>
  $ docker run --rm alpine wget -qO- http://web/
  wget: bad address 'web'
  [1]

Stopping the container closes the port.

  $ docker stop web
  web
  $ curl -sS http://localhost:8080/
  curl: (7) Failed to connect to localhost port 8080 after 0 ms: Couldn't connect to server
  [7]
