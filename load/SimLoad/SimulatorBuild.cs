namespace ConformanceKit.Load.SimLoad;

/// <summary>Builds src/TaxAuthoritySim in Release and returns its dll (UseArtifactsOutput layout).</summary>
public static class SimulatorBuild
{
    public static async Task<string> EnsureAsync(string? simDll, bool build, string? artifactsPath, CancellationToken cancellationToken)
    {
        if (simDll is not null)
            return File.Exists(simDll) ? Path.GetFullPath(simDll) : throw new FileNotFoundException($"--sim-dll {simDll} does not exist");
        var root = RepoPaths.Root();
        var artifacts = artifactsPath ?? Path.Combine(root, "artifacts");
        var dll = Path.Combine(artifacts, "bin", "TaxAuthoritySim", "release", "TaxAuthoritySim.dll");
        if (build)
        {
            var project = Path.Combine(root, "src", "TaxAuthoritySim", "TaxAuthoritySim.csproj");
            var args = new List<string> { "build", "-c", "Release", project, "-nologo", "-v", "q" };
            if (artifactsPath is not null) args.AddRange(["--artifacts-path", artifactsPath]);
            Console.Error.WriteLine($"  building the simulator: dotnet {string.Join(' ', args)}");
            var (exit, output) = await ChildProcess.RunAsync("dotnet", args, cancellationToken).ConfigureAwait(false);
            if (exit != 0) throw new InvalidOperationException($"building the simulator failed (exit {exit}):\n{Tail(output, 40)}");
        }
        return File.Exists(dll) ? dll : throw new FileNotFoundException($"the simulator was not found at {dll}; build it or pass --sim-dll");
    }

    public static string Tail(string text, int lines) =>
        string.Join('\n', text.Split('\n').TakeLast(lines));
}
