namespace TechSchoolAid.Cli;

/// <summary>What a script calling tsa can rely on.</summary>
public static class ExitCodes
{
    public const int Success = 0;

    /// <summary>The work failed: a file with errors, a refused account, a broken audit chain.</summary>
    public const int Failure = 1;

    /// <summary>The command line was wrong (unknown command or option, bad or missing value); nothing was done.</summary>
    public const int Usage = 2;
}
