namespace ConformanceKit.Load.SimLoad;

/// <summary>Finds the repository (the folder holding ConformanceKit.sln) from the working directory or the runner's binaries.</summary>
public static class RepoPaths
{
    public static string Root()
    {
        foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "ConformanceKit.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException("cannot find the repository (ConformanceKit.sln) above the working directory; pass --sim-dll");
    }
}
