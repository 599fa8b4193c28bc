namespace Simulator.Containers;

/// <summary>Which stream a log line came from (json-file's <c>stream</c> field).</summary>
public enum LogStream
{
    /// <summary><c>stdout</c>.</summary>
    Stdout,

    /// <summary><c>stderr</c>.</summary>
    Stderr,
}
