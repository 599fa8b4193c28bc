namespace Simulator.Tests.Api;

public sealed class ErrorVocabularyTests
{
    [Theory]
    // moby errdefs / containerd errhttp status mapping.
    [InlineData(ErrorKind.NotFound, 404)]
    [InlineData(ErrorKind.AlreadyExists, 409)]
    [InlineData(ErrorKind.Conflict, 409)]
    [InlineData(ErrorKind.InvalidArgument, 400)]
    [InlineData(ErrorKind.FailedPrecondition, 412)]
    [InlineData(ErrorKind.NotImplemented, 501)]
    [InlineData(ErrorKind.Forbidden, 403)]
    public void Each_kind_maps_to_the_engine_api_status(ErrorKind kind, int status)
    {
        var ex = new DockerSimulatorException(kind, "No such container: web");
        Assert.Equal(status, ex.StatusCode);
        Assert.Equal(kind, ex.Kind);
        Assert.Equal("No such container: web", ex.Message);
    }

    [Fact]
    public void The_vocabulary_has_the_errdefs_kinds()
    {
        // Forbidden: moby errdefs.Forbidden (403), e.g. removing a pre-defined network.
        Assert.Equal(
            ["NotFound", "AlreadyExists", "Conflict", "InvalidArgument", "FailedPrecondition", "NotImplemented", "Forbidden"],
            Enum.GetNames<ErrorKind>());
    }

    [Fact]
    public void Inner_exceptions_are_kept()
    {
        var inner = new IOException("disk");
        Assert.Same(inner, new DockerSimulatorException(ErrorKind.Conflict, "x", inner).InnerException);
    }
}
