Registries: a private registry on localhost:5000 (registry:2), and Docker Hub with login and logout.
Sources: docker/cli v28.2.2 cli/command/image/push.go ("Using default tag: latest", "The push refers to
repository [...]", "latest: digest: sha256:... size: N"), cli/command/registry/{login,logout}.go ("Login
Succeeded", "Removing login credentials for https://index.docker.io/v1/"), cli/config/credentials/file_store.go
(the unencrypted-credentials warning, on stderr, between empty lines), cli/config/configfile/file.go (config.json
written with json.MarshalIndent and tabs, no final newline; the auth is base64 of user:password);
distribution/distribution registry/handlers/catalog.go and tags.go (JSON bodies ending in a newline);
seed/docker-overview-part-2.md ("Working with a registry").

  $ docker pull -q alpine
  docker.io/library/alpine:latest

  $ docker run -d -p 5000:5000 --name registry registry:2
  Unable to find image 'registry:2' locally
  ...
  [0-9a-f]{64} (re)
  $ curl -s http://localhost:5000/v2/_catalog
  {"repositories":[]}
  $ docker tag alpine localhost:5000/myalpine
  $ docker push localhost:5000/myalpine
  Using default tag: latest
  The push refers to repository [localhost:5000/myalpine]
  ...
  latest: digest: sha256:[0-9a-f]{64} size: [0-9]+ (re)
  $ curl -s http://localhost:5000/v2/_catalog
  {"repositories":["myalpine"]}
  $ curl -s http://localhost:5000/v2/myalpine/tags/list
  {"name":"myalpine","tags":["latest"]}
  $ docker rmi localhost:5000/myalpine
  Untagged: localhost:5000/myalpine:latest
  ...
  $ docker pull localhost:5000/myalpine
  Using default tag: latest
  latest: Pulling from myalpine
  ...
  Status: Downloaded newer image for localhost:5000/myalpine:latest
  localhost:5000/myalpine:latest
  $ docker pull localhost:5000/nosuch
  Using default tag: latest
  Error response from daemon: manifest for localhost:5000/nosuch:latest not found: manifest unknown: manifest unknown
  [1]

Docker Hub: pushing to someone's namespace needs a login.

  $ docker tag alpine yourname/app
  $ docker push yourname/app
  Using default tag: latest
  The push refers to repository [docker.io/yourname/app]
  ...
  denied: requested access to the resource is denied
  [1]
  $ echo s3cret | docker login -u yourname --password-stdin
  
  WARNING! Your credentials are stored unencrypted in '/root/.docker/config.json'.
  Configure a credential helper to remove this warning. See
  https://docs.docker.com/go/credential-store/
  
  Login Succeeded
  $ cat /root/.docker/config.json
  {
  	"auths": {
  		"https://index.docker.io/v1/": {
  			"auth": "eW91cm5hbWU6czNjcmV0"
  		}
  	}
  } (no-eol)
  $ echo s3cret | docker login -u yourname --password-stdin
  Login Succeeded
  $ docker push yourname/app
  Using default tag: latest
  The push refers to repository [docker.io/yourname/app]
  ...
  latest: digest: sha256:[0-9a-f]{64} size: [0-9]+ (re)
  $ docker logout
  Removing login credentials for https://index.docker.io/v1/
  $ cat /root/.docker/config.json
  {
  	"auths": {}
  } (no-eol)
