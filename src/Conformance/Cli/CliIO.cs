namespace ConformanceKit.Conformance.Cli;

/// <summary>The streams a command talks to; tests pass their own.</summary>
public sealed record CliIO(TextWriter Out, TextWriter Error, Func<Stream> OpenStdin, bool IsTerminal)
{
    public static CliIO FromConsole() => new(
        Console.Out, Console.Error, Console.OpenStandardInput, !Console.IsOutputRedirected);
}
