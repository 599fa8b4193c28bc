using Simulator.FileSystem;
using Simulator.Images;

namespace Simulator.World;

/// <summary>
/// <c>nginx:1.27</c> (1.27.3 on Debian bookworm, 192 MB in <c>docker images</c>) and <c>nginx:1.27-alpine</c>
/// (on the alpine layer, 47.9 MB), with the layers of the official Dockerfiles: the base, the package install (nginx,
/// its default config and pages, the log links), then <c>docker-entrypoint.sh</c> and the four
/// <c>/docker-entrypoint.d</c> scripts, one <c>COPY</c> each.
/// </summary>
/// <remarks>
/// The texts of <c>nginx.conf</c>, <c>conf.d/default.conf</c>, <c>index.html</c>, <c>50x.html</c> and
/// <c>docker-entrypoint.sh</c> are the real ones (nginx 1.27 packages, docker-nginx entrypoint). The
/// <c>/docker-entrypoint.d</c> scripts are shortened to the lines they print: their real bodies edit files with tools
/// the simulated userland does not have.
/// </remarks>
internal static class NginxImage
{
    public const string Version = "1.27.3";

    public const string NjsVersion = "0.8.7";

    /// <summary><c>docker images</c> size of <c>nginx:1.27.3</c> (Debian): 192 MB.</summary>
    public const long TargetSize = 192_000_000;

    /// <summary><c>docker images</c> size of <c>nginx:1.27.3-alpine</c>: 47.9 MB.</summary>
    public const long AlpineTargetSize = 47_900_000;

    public static readonly DateTimeOffset Created = new(2024, 11, 26, 18, 42, 8, TimeSpan.Zero);

    public static readonly DateTimeOffset AlpineCreated = new(2024, 11, 26, 18, 45, 39, TimeSpan.Zero);

    public static Image Build(Layer debian)
    {
        var fs = new RootFsBuilder("nginx-" + Version, Created);
        Common(fs, "/usr/lib/nginx/modules");
        fs.Text("/etc/passwd", DebianBase.Passwd("nginx:x:101:101:nginx user:/nonexistent:/bin/false"));
        fs.Text("/etc/group", DebianBase.Group("nginx:x:101:"));
        fs.Program("/usr/bin/envsubst", "envsubst", 35_328);
        fs.Synthetic("/usr/lib/x86_64-linux-gnu/libssl.so.3", 693_256, RootFsBuilder.Mode0755);
        fs.Synthetic("/usr/lib/x86_64-linux-gnu/libcrypto.so.3", 4_709_880, RootFsBuilder.Mode0755);
        fs.Synthetic("/usr/lib/x86_64-linux-gnu/libpcre2-8.so.0.11.2", 629_064, RootFsBuilder.Mode0755);
        fs.PadTo("/usr/lib/x86_64-linux-gnu/libperl.so.5.36.0", TargetSize - DebianBase.TargetSize - ScriptsSize, RootFsBuilder.Mode0755);
        var install = fs.Build();
        var builder = ImageBuilder.FromScratch()
            .WithLayer(debian, "# debian.sh --arch 'amd64' out/ 'bookworm' '@1731283200'")
            .WithConfig(c => c with { Env = ["PATH=" + DebianBase.Path] })
            .WithCmd("bash")
            .WithLabel("maintainer", "NGINX Docker Maintainers <docker-maint@nginx.com>")
            .WithEnv("NGINX_VERSION", Version)
            .WithEnv("NJS_VERSION", NjsVersion)
            .WithEnv("NJS_RELEASE", "1~bookworm")
            .WithEnv("PKG_RELEASE", "1~bookworm")
            .WithEnv("DYNPKG_RELEASE", "1~bookworm")
            .WithLayer(install, "RUN /bin/sh -c set -x     && groupadd --system --gid 101 nginx     && useradd --system --gid nginx --no-create-home --home /nonexistent --comment \"nginx user\" --shell /bin/false --uid 101 nginx # buildkit");
        return Finish(builder, Created).WithCreated(Created).Build();
    }

    public static Image BuildAlpine(Layer alpine)
    {
        var fs = new RootFsBuilder("nginx-" + Version + "-alpine", AlpineCreated);
        Common(fs, "/usr/lib/nginx/modules");
        fs.Text("/etc/passwd", AlpineImage.Passwd + "nginx:x:101:101:nginx:/var/cache/nginx:/sbin/nologin\n");
        fs.Text("/etc/group", AlpineImage.Group + "nginx:x:101:nginx\n");
        fs.Program("/usr/bin/envsubst", "envsubst", 26_912);
        fs.Synthetic("/usr/lib/libpcre2-8.so.0.13.0", 473_224, RootFsBuilder.Mode0755);
        fs.Synthetic("/usr/lib/libxml2.so.2.12.7", 1_339_520, RootFsBuilder.Mode0755);
        fs.PadTo("/usr/lib/nginx/modules/ngx_http_js_module.so", AlpineTargetSize - AlpineImage.TargetSize - ScriptsSize, RootFsBuilder.Mode0755);
        var install = fs.Build();
        var builder = ImageBuilder.FromScratch()
            .WithLayer(alpine, $"ADD alpine-minirootfs-{AlpineImage.Version}-x86_64.tar.gz / # buildkit")
            .WithConfig(c => c with { Env = ["PATH=" + AlpineImage.Path] })
            .WithCmd("/bin/sh")
            .WithLabel("maintainer", "NGINX Docker Maintainers <docker-maint@nginx.com>")
            .WithEnv("NGINX_VERSION", Version)
            .WithEnv("PKG_RELEASE", "1")
            .WithEnv("DYNPKG_RELEASE", "1")
            .WithEnv("NJS_VERSION", NjsVersion)
            .WithEnv("NJS_RELEASE", "1")
            .WithLayer(install, "RUN /bin/sh -c set -x     && addgroup -g 101 -S nginx     && adduser -S -D -H -u 101 -h /var/cache/nginx -s /sbin/nologin -G nginx -g nginx nginx # buildkit");
        return Finish(builder, AlpineCreated).WithCreated(AlpineCreated).Build();
    }

    private static void Common(RootFsBuilder fs, string modules)
    {
        fs.Program("/usr/sbin/nginx", "nginx", 1_475_656);
        fs.Program("/usr/sbin/nginx-debug", "nginx", 1_543_808);
        fs.Text("/etc/nginx/nginx.conf", NginxConf);
        fs.Text("/etc/nginx/conf.d/default.conf", DefaultConf);
        fs.Text("/etc/nginx/mime.types", MimeTypes);
        fs.Text("/etc/nginx/fastcgi_params", FastcgiParams);
        fs.Symlink("/etc/nginx/modules", modules);
        fs.Synthetic(modules + "/ngx_http_geoip_module.so", 24_280, RootFsBuilder.Mode0755);
        fs.Synthetic(modules + "/ngx_http_image_filter_module.so", 32_472, RootFsBuilder.Mode0755);
        fs.Synthetic(modules + "/ngx_http_xslt_filter_module.so", 28_376, RootFsBuilder.Mode0755);
        fs.Synthetic(modules + "/ngx_stream_js_module.so", 1_360_104, RootFsBuilder.Mode0755);
        fs.Text("/usr/share/nginx/html/index.html", IndexHtml);
        fs.Text("/usr/share/nginx/html/50x.html", Error50xHtml);
        fs.Dir("/var/cache/nginx");
        fs.Dir("/var/log/nginx");
        fs.Symlink("/var/log/nginx/access.log", "/dev/stdout");
        fs.Symlink("/var/log/nginx/error.log", "/dev/stderr");
        fs.Dir("/docker-entrypoint.d");
    }

    private static readonly (string Path, string Text)[] Scripts =
    [
        ("/docker-entrypoint.sh", EntrypointScript),
        ("/docker-entrypoint.d/10-listen-on-ipv6-by-default.sh", Ipv6Script),
        ("/docker-entrypoint.d/15-local-resolvers.envsh", ResolversScript),
        ("/docker-entrypoint.d/20-envsubst-on-templates.sh", EnvsubstScript),
        ("/docker-entrypoint.d/30-tune-worker-processes.sh", TuneScript),
    ];

    private static long ScriptsSize => Scripts.Sum(s => (long)System.Text.Encoding.UTF8.GetByteCount(s.Text));

    private static ImageBuilder Finish(ImageBuilder builder, DateTimeOffset created)
    {
        foreach (var (path, text) in Scripts)
        {
            var layer = new RootFsBuilder("nginx-scripts", created).Text(path, text, RootFsBuilder.Mode0775).Build();
            builder = builder.WithLayer(layer, $"COPY {FsPath.Name(path)} {FsPath.Parent(path)}{(FsPath.Parent(path) == "/" ? "" : "/")} # buildkit");
        }

        return builder
            .WithEntrypoint("/docker-entrypoint.sh")
            .WithExposedPort("80/tcp")
            .WithStopSignal("SIGQUIT")
            .WithCmd("nginx", "-g", "daemon off;");
    }

    public const string NginxConf =
        "\nuser  nginx;\nworker_processes  auto;\n\nerror_log  /var/log/nginx/error.log notice;\npid        /var/run/nginx.pid;\n\n\n" +
        "events {\n    worker_connections  1024;\n}\n\n\n" +
        "http {\n    include       /etc/nginx/mime.types;\n    default_type  application/octet-stream;\n\n" +
        "    log_format  main  '$remote_addr - $remote_user [$time_local] \"$request\" '\n" +
        "                      '$status $body_bytes_sent \"$http_referer\" '\n" +
        "                      '\"$http_user_agent\" \"$http_x_forwarded_for\"';\n\n" +
        "    access_log  /var/log/nginx/access.log  main;\n\n    sendfile        on;\n    #tcp_nopush     on;\n\n" +
        "    keepalive_timeout  65;\n\n    #gzip  on;\n\n    include /etc/nginx/conf.d/*.conf;\n}\n";

    public const string DefaultConf =
        "server {\n    listen       80;\n    listen  [::]:80;\n    server_name  localhost;\n\n" +
        "    #access_log  /var/log/nginx/host.access.log  main;\n\n" +
        "    location / {\n        root   /usr/share/nginx/html;\n        index  index.html index.htm;\n    }\n\n" +
        "    #error_page  404              /404.html;\n\n" +
        "    # redirect server error pages to the static page /50x.html\n    #\n" +
        "    error_page   500 502 503 504  /50x.html;\n    location = /50x.html {\n        root   /usr/share/nginx/html;\n    }\n\n" +
        "    # proxy the PHP scripts to Apache listening on 127.0.0.1:80\n    #\n    #location ~ \\.php$ {\n    #    proxy_pass   http://127.0.0.1;\n    #}\n\n" +
        "    # pass the PHP scripts to FastCGI server listening on 127.0.0.1:9000\n    #\n    #location ~ \\.php$ {\n" +
        "    #    root           html;\n    #    fastcgi_pass   127.0.0.1:9000;\n    #    fastcgi_index  index.php;\n" +
        "    #    fastcgi_param  SCRIPT_FILENAME  /scripts$fastcgi_script_name;\n    #    include        fastcgi_params;\n    #}\n\n" +
        "    # deny access to .htaccess files, if Apache's document root\n    # concurs with nginx's one\n    #\n" +
        "    #location ~ /\\.ht {\n    #    deny  all;\n    #}\n}\n\n";

    public const string IndexHtml =
        "<!DOCTYPE html>\n<html>\n<head>\n<title>Welcome to nginx!</title>\n<style>\nhtml { color-scheme: light dark; }\n" +
        "body { width: 35em; margin: 0 auto;\nfont-family: Tahoma, Verdana, Arial, sans-serif; }\n</style>\n</head>\n<body>\n" +
        "<h1>Welcome to nginx!</h1>\n<p>If you see this page, the nginx web server is successfully installed and\n" +
        "working. Further configuration is required.</p>\n\n<p>For online documentation and support please refer to\n" +
        "<a href=\"http://nginx.org/\">nginx.org</a>.<br/>\nCommercial support is available at\n" +
        "<a href=\"http://nginx.com/\">nginx.com</a>.</p>\n\n<p><em>Thank you for using nginx.</em></p>\n</body>\n</html>\n";

    public const string Error50xHtml =
        "<!DOCTYPE html>\n<html>\n<head>\n<title>Error</title>\n<style>\nhtml { color-scheme: light dark; }\n" +
        "body { width: 35em; margin: 0 auto;\nfont-family: Tahoma, Verdana, Arial, sans-serif; }\n</style>\n</head>\n<body>\n" +
        "<h1>An error occurred.</h1>\n<p>Sorry, the page you are looking for is currently unavailable.<br/>\nPlease try again later.</p>\n" +
        "<p>If you are the system administrator of this resource then you should check\nthe error log for details.</p>\n" +
        "<p><em>Faithfully yours, nginx.</em></p>\n</body>\n</html>\n";

    private const string MimeTypes =
        "\ntypes {\n    text/html                                        html htm shtml;\n    text/css                                         css;\n" +
        "    text/xml                                         xml;\n    image/gif                                        gif;\n" +
        "    image/jpeg                                       jpeg jpg;\n    application/javascript                           js;\n" +
        "    application/atom+xml                             atom;\n    application/rss+xml                              rss;\n\n" +
        "    text/plain                                       txt;\n    image/png                                        png;\n" +
        "    image/svg+xml                                    svg svgz;\n    image/webp                                       webp;\n" +
        "    image/x-icon                                     ico;\n    application/json                                 json;\n" +
        "    application/pdf                                  pdf;\n    application/wasm                                 wasm;\n" +
        "    application/zip                                  zip;\n    application/octet-stream                         bin exe dll;\n}\n";

    private const string FastcgiParams =
        "\nfastcgi_param  QUERY_STRING       $query_string;\nfastcgi_param  REQUEST_METHOD     $request_method;\n" +
        "fastcgi_param  CONTENT_TYPE       $content_type;\nfastcgi_param  CONTENT_LENGTH     $content_length;\n\n" +
        "fastcgi_param  SCRIPT_NAME        $fastcgi_script_name;\nfastcgi_param  REQUEST_URI        $request_uri;\n" +
        "fastcgi_param  DOCUMENT_URI       $document_uri;\nfastcgi_param  DOCUMENT_ROOT      $document_root;\n" +
        "fastcgi_param  SERVER_PROTOCOL    $server_protocol;\nfastcgi_param  REQUEST_SCHEME     $scheme;\nfastcgi_param  HTTPS              $https if_not_empty;\n\n" +
        "fastcgi_param  GATEWAY_INTERFACE  CGI/1.1;\nfastcgi_param  SERVER_SOFTWARE    nginx/$nginx_version;\n\n" +
        "fastcgi_param  REMOTE_ADDR        $remote_addr;\nfastcgi_param  REMOTE_PORT        $remote_port;\n" +
        "fastcgi_param  SERVER_ADDR        $server_addr;\nfastcgi_param  SERVER_PORT        $server_port;\nfastcgi_param  SERVER_NAME        $server_name;\n\n" +
        "# PHP only, required if PHP was built with --enable-force-cgi-redirect\nfastcgi_param  REDIRECT_STATUS    200;\n";

    public const string EntrypointScript =
        "#!/bin/sh\n# vim:sw=4:ts=4:et\n\nset -e\n\nentrypoint_log() {\n    if [ -z \"${NGINX_ENTRYPOINT_QUIET_LOGS:-}\" ]; then\n        echo \"$@\"\n    fi\n}\n\n" +
        "if [ \"$1\" = \"nginx\" ] || [ \"$1\" = \"nginx-debug\" ]; then\n" +
        "    if /usr/bin/find \"/docker-entrypoint.d/\" -mindepth 1 -maxdepth 1 -type f -print -quit 2>/dev/null | read v; then\n" +
        "        entrypoint_log \"$0: /docker-entrypoint.d/ is not empty, will attempt to perform configuration\"\n\n" +
        "        entrypoint_log \"$0: Looking for shell scripts in /docker-entrypoint.d/\"\n" +
        "        find \"/docker-entrypoint.d/\" -follow -type f -print | sort -V | while read -r f; do\n" +
        "            case \"$f\" in\n                *.envsh)\n                    if [ -x \"$f\" ]; then\n" +
        "                        entrypoint_log \"$0: Sourcing $f\";\n                        . \"$f\"\n                    else\n" +
        "                        # warn on shell scripts without exec bit\n                        entrypoint_log \"$0: Ignoring $f, not executable\";\n" +
        "                    fi\n                    ;;\n                *.sh)\n                    if [ -x \"$f\" ]; then\n" +
        "                        entrypoint_log \"$0: Launching $f\";\n                        \"$f\"\n                    else\n" +
        "                        # warn on shell scripts without exec bit\n                        entrypoint_log \"$0: Ignoring $f, not executable\";\n" +
        "                    fi\n                    ;;\n                *) entrypoint_log \"$0: Ignoring $f\";;\n            esac\n        done\n\n" +
        "        entrypoint_log \"$0: Configuration complete; ready for start up\"\n    else\n" +
        "        entrypoint_log \"$0: No files found in /docker-entrypoint.d/, skipping configuration\"\n    fi\nfi\n\nexec \"$@\"\n";

    private const string Ipv6Script =
        "#!/bin/sh\n# vim:sw=4:ts=4:et\n\nset -e\n\nentrypoint_log() {\n    if [ -z \"${NGINX_ENTRYPOINT_QUIET_LOGS:-}\" ]; then\n        echo \"$@\"\n    fi\n}\n\n" +
        "ME=$(basename \"$0\")\nDEFAULT_CONF_FILE=\"etc/nginx/conf.d/default.conf\"\n\n" +
        "entrypoint_log \"$ME: info: Getting the checksum of /$DEFAULT_CONF_FILE\"\n" +
        "entrypoint_log \"$ME: info: Enabled listen on IPv6 in /$DEFAULT_CONF_FILE\"\n\nexit 0\n";

    private const string ResolversScript =
        "#!/bin/sh\n# vim:sw=2:ts=2:sts=2:et\n\nset -eu\n\nLC_ALL=C\nPATH=\"$PATH:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin\"\n\n" +
        "[ \"${NGINX_ENTRYPOINT_LOCAL_RESOLVERS:-}\" ] || return 0\n\n" +
        "NGINX_LOCAL_RESOLVERS=$(awk 'BEGIN{ORS=\" \"} $1==\"nameserver\" {print $2}' /etc/resolv.conf)\nexport NGINX_LOCAL_RESOLVERS\n";

    private const string EnvsubstScript =
        "#!/bin/sh\n\nset -e\n\nME=$(basename \"$0\")\n\nentrypoint_log() {\n    if [ -z \"${NGINX_ENTRYPOINT_QUIET_LOGS:-}\" ]; then\n        echo \"$@\"\n    fi\n}\n\n" +
        "template_dir=\"${NGINX_ENVSUBST_TEMPLATE_DIR:-/etc/nginx/templates}\"\n\n" +
        "[ -d \"$template_dir\" ] || exit 0\n\nexit 0\n";

    private const string TuneScript =
        "#!/bin/sh\n# vim:sw=2:ts=2:sts=2:et\n\nset -eu\n\nLC_ALL=C\nME=$(basename \"$0\")\nPATH=\"$PATH:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin\"\n\n" +
        "[ \"${NGINX_ENTRYPOINT_WORKER_PROCESSES_AUTOTUNE:-}\" ] || exit 0\n\nexit 0\n";
}
