namespace TechSchoolAid.BrowserTests.Infrastructure;

/// <summary>Where the repository is (the folder holding TechSchoolAid.slnx) and where test artifacts go.</summary>
public static class RepoPaths
{
    private static readonly Lazy<string> RootPath = new(FindRoot);
    private static readonly Lazy<string> ScreenshotsPath = new(() =>
    {
        var dir = Path.Combine(Root, "artifacts", "screenshots");
        Directory.CreateDirectory(dir);
        return dir;
    });

    public static string Root => RootPath.Value;

    /// <summary>artifacts/screenshots under the repository root (git-ignored).</summary>
    public static string Screenshots => ScreenshotsPath.Value;

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "TechSchoolAid.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"TechSchoolAid.slnx was not found above {AppContext.BaseDirectory}.");
    }
}
