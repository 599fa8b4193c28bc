Bad input: unknown commands and flags, missing arguments, malformed references and --format templates.
Every expected line below is what the real docker CLI 28.2.2 binary prints (client-side checks, no daemon
needed; captured with /usr/local/bin/docker, stdout and stderr together). Exit codes: 1 for usage and
reference errors, 125 for flag errors (cobra's FlagErrorFunc wraps them in a StatusError, docker/cli
cli/cobra.go FlagErrorFunc), 64 for `docker inspect` template errors (cli/command/inspect/inspector.go).

  $ docker foo
  docker: unknown command: docker foo
  
  Run 'docker --help' for more information
  [1]

  $ docker container foo
  docker: unknown command: docker container foo
  
  Usage:  docker container
  
  Run 'docker container --help' for more information
  [1]

  $ docker run --foo alpine
  unknown flag: --foo
  
  Usage:  docker run [OPTIONS] IMAGE [COMMAND] [ARG...]
  
  Run 'docker run --help' for more information
  [125]

  $ docker ps --foo
  unknown flag: --foo
  
  Usage:  docker ps [OPTIONS]
  
  Run 'docker ps --help' for more information
  [125]

  $ docker run -e
  flag needs an argument: 'e' in -e
  
  Usage:  docker run [OPTIONS] IMAGE [COMMAND] [ARG...]
  
  Run 'docker run --help' for more information
  [125]

  $ docker stop -t x c
  invalid argument "x" for "-t, --timeout" flag: strconv.ParseInt: parsing "x": invalid syntax
  
  Usage:  docker stop [OPTIONS] CONTAINER [CONTAINER...]
  
  Run 'docker stop --help' for more information
  [125]

Missing and extra arguments (cli/required.go). The stray "S" before "Run" is the real binary's.

  $ docker run
  docker: 'docker run' requires at least 1 argument
  
  Usage:  docker run [OPTIONS] IMAGE [COMMAND] [ARG...]
  
  See 'docker run --help' for more information
  [1]

  $ docker rm
  docker: 'docker rm' requires at least 1 argument
  
  Usage:  docker rm [OPTIONS] CONTAINER [CONTAINER...]
  
  See 'docker rm --help' for more information
  [1]

  $ docker volume rm
  docker: 'docker volume rm' requires at least 1 argument
  
  Usage:  docker volume rm [OPTIONS] VOLUME [VOLUME...]
  
  See 'docker volume rm --help' for more information
  [1]

  $ docker tag alpine
  docker: 'docker tag' requires 2 arguments
  
  Usage:  docker tag SOURCE_IMAGE[:TAG] TARGET_IMAGE[:TAG]
  
  Run 'docker tag --help' for more information
  [1]

  $ docker volume create a b
  docker: 'docker volume create' requires at most 1 argument
  
  Usage:  docker volume create [OPTIONS] [VOLUME]
  
  SRun 'docker volume create --help' for more information
  [1]

A management command alone prints its usage, and succeeds. (`update`, for cluster volumes only, is listed only
by a daemon that is a swarm manager: captured with the real 28.2.2 binary against `dsim serve`.)

  $ docker volume
  Usage:  docker volume COMMAND
  
  Manage volumes
  
  Commands:
    create      Create a volume
    inspect     Display detailed information on one or more volumes
    ls          List volumes
    prune       Remove unused local volumes
    rm          Remove one or more volumes
  
  Run 'docker volume COMMAND --help' for more information on a command.

Malformed references (distribution/reference: underscores are not allowed in a domain, upper case is not
allowed in a repository; SEMANTICS.md 1.8, 1.9).

  $ docker pull your_registry:5000/mynginx
  invalid reference format
  [1]

  $ docker pull UPPER
  invalid reference format: repository name (library/UPPER) must be lowercase
  [1]

  $ docker pull 'alpine:bad tag'
  invalid reference format
  [1]

  $ docker run -p 99999:80 alpine
  docker: invalid hostPort: 99999
  
  Run 'docker run --help' for more information
  [125]

Malformed --format templates (Go text/template's parse errors).

  $ docker ps --format '{{.Foo'
  failed to parse template: template: :1: unclosed action
  [1]

  $ docker ps --format '{{.Names}'
  failed to parse template: template: :1: bad character U+007D '}'
  [1]

  $ docker ps --format '{{nosuchfunc .Names}}'
  failed to parse template: template: :1: function "nosuchfunc" not defined
  [1]

docker ps also runs the template once on an empty row before asking the daemon (cli/command/container/list.go).

  $ docker ps --format '{{.Nope}}'
  failed to execute template: template: :1:2: executing "" at <.Nope>: can't evaluate field Nope in type *formatter.ContainerContext
  [1]

  $ docker inspect -f '{{.Foo' x
  template parsing error: template: :1: unclosed action
  [64]

Logging in without a terminal needs both a user name and a password (cli/command/registry/login.go).

  $ docker login
  Error: Cannot perform an interactive login from a non TTY device
  [1]

  $ docker login -u x --password-stdin < /dev/null
  Error: Cannot perform an interactive login from a non TTY device
  [1]

More client-side checks, also captured with the real 28.2.2 binary and no daemon: the root command's usage line is
cobra's UseLine ("... COMMAND [ARG...]"); cp's usage has two lines; typed flag values are parsed when set
(opts.MemBytes with go-units RAMInBytes, opts.NanoCPUs with big.Rat, time.ParseDuration, opts.FilterOpt);
--pull is checked first (container/create.go validatePullOpt, exit 125); stop's deprecated --time prints
pflag's notice on stdout before the conflict error (container/stop.go); volume create's hidden --name
(volume/create.go); system prune's until/--volumes check (system/prune.go).

  $ docker --foo ps
  unknown flag: --foo
  
  Usage:  docker [OPTIONS] COMMAND [ARG...]
  
  Run 'docker --help' for more information
  [125]

  $ docker cp a
  docker: 'docker cp' requires 2 arguments
  
  Usage:  docker cp [OPTIONS] CONTAINER:SRC_PATH DEST_PATH|-
  	docker cp [OPTIONS] SRC_PATH|- CONTAINER:DEST_PATH
  
  Run 'docker cp --help' for more information
  [1]

  $ docker run --memory 1x alpine
  invalid argument "1x" for "-m, --memory" flag: invalid suffix: 'x'
  
  Usage:  docker run [OPTIONS] IMAGE [COMMAND] [ARG...]
  
  Run 'docker run --help' for more information
  [125]

  $ docker run --memory-swap xyz alpine
  invalid argument "xyz" for "--memory-swap" flag: invalid size: 'xyz'
  
  Usage:  docker run [OPTIONS] IMAGE [COMMAND] [ARG...]
  
  Run 'docker run --help' for more information
  [125]

  $ docker run --cpus 0.0000000001 alpine
  invalid argument "0.0000000001" for "--cpus" flag: value is too precise
  
  Usage:  docker run [OPTIONS] IMAGE [COMMAND] [ARG...]
  
  Run 'docker run --help' for more information
  [125]

  $ docker run --health-interval 1 alpine
  invalid argument "1" for "--health-interval" flag: time: missing unit in duration "1"
  
  Usage:  docker run [OPTIONS] IMAGE [COMMAND] [ARG...]
  
  Run 'docker run --help' for more information
  [125]

  $ docker ps --filter bogus
  invalid argument "bogus" for "-f, --filter" flag: bad format of filter (expected name=value)
  
  Usage:  docker ps [OPTIONS]
  
  Run 'docker ps --help' for more information
  [125]

  $ docker run --pull=sometimes alpine
  docker: invalid pull option: 'sometimes': must be one of "always", "missing" or "never"
  
  Run 'docker run --help' for more information
  [125]

  $ docker create --pull=x alpine
  docker: invalid pull option: 'x': must be one of "always", "missing" or "never"
  
  Run 'docker create --help' for more information
  [125]

  $ docker stop --time 3 --timeout 4 c1
  Flag --time has been deprecated, use --timeout instead
  conflicting options: cannot specify both --timeout and --time
  [1]

  $ docker volume create --name a b
  conflicting options: cannot specify a volume-name through both --name and as a positional arg
  [1]

  $ docker search --limit x alpine
  invalid argument "x" for "--limit" flag: strconv.ParseInt: parsing "x": invalid syntax
  
  Usage:  docker search [OPTIONS] TERM
  
  Run 'docker search --help' for more information
  [125]

  $ docker system prune --volumes --filter until=1h
  ERROR: The "until" filter is not supported with "--volumes"
  [1]
