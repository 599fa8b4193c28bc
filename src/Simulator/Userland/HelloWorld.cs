using Simulator.Processes;

namespace Simulator.Userland;

/// <summary>The <c>hello-world</c> image's <c>/hello</c>: prints Docker's welcome text (hello-world:latest, amd64) and exits 0.</summary>
internal static class HelloWorld
{
    public const string ProgramName = "hello-world";

    /// <summary>The text, exactly as <c>docker run hello-world</c> prints it (a blank line first and last).</summary>
    public const string Text =
        "\n" +
        "Hello from Docker!\n" +
        "This message shows that your installation appears to be working correctly.\n" +
        "\n" +
        "To generate this message, Docker took the following steps:\n" +
        " 1. The Docker client contacted the Docker daemon.\n" +
        " 2. The Docker daemon pulled the \"hello-world\" image from the Docker Hub.\n" +
        "    (amd64)\n" +
        " 3. The Docker daemon created a new container from that image which runs the\n" +
        "    executable that produces the output you are currently reading.\n" +
        " 4. The Docker daemon streamed that output to the Docker client, which sent it\n" +
        "    to your terminal.\n" +
        "\n" +
        "To try something more ambitious, you can run an Ubuntu container with:\n" +
        " $ docker run -it ubuntu bash\n" +
        "\n" +
        "Share images, automate workflows, and more with a free Docker ID:\n" +
        " https://hub.docker.com/\n" +
        "\n" +
        "For more examples and ideas, visit:\n" +
        " https://docs.docker.com/get-started/\n" +
        "\n";

    public static async Task<int> RunAsync(ProcessContext context)
    {
        await context.WriteAsync(Text).ConfigureAwait(false);
        return 0;
    }
}
