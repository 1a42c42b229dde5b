namespace ConformanceKit.TestSupport;

/// <summary>Fresh temporary folders for one test's stores, files, reports and keys.</summary>
public static class TestFolder
{
    /// <summary>A new empty folder under the system's temp folder, named <paramref name="prefix"/>&lt;random&gt;.</summary>
    public static string Create(string prefix = "ck-test-") => Directory.CreateTempSubdirectory(prefix).FullName;

    /// <summary>A path for a file named <paramref name="name"/> in a fresh folder of its own.</summary>
    public static string File(string name) => Path.Combine(Create(), name);

    /// <summary>Removes a folder and everything in it, best effort (a file still held is left to the OS).</summary>
    public static void Delete(string folder)
    {
        try { Directory.Delete(folder, recursive: true); }
        catch (DirectoryNotFoundException) { }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }
}
