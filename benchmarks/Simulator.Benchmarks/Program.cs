using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);

/// <summary>Entry point type, named for <see cref="BenchmarkSwitcher"/>.</summary>
public partial class Program;
