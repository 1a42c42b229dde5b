namespace ConformanceKit.Provider.Tests.Support;

/// <summary>Fresh temporary folders for one test's stores, files and keys.</summary>
public static class TestFolder
{
    public static string Create() => Directory.CreateTempSubdirectory("ck-test-").FullName;
}
