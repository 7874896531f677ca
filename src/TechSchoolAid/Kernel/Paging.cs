namespace TechSchoolAid.Kernel;

/// <summary>The page a list is asked for, made safe: pages count from 1, a page holds 1 to <c>max</c> rows (50 unless asked).</summary>
public static class Paging
{
    public const int DefaultSize = 50;

    public static (int Page, int Size) Clamp(int? page, int? size, int max) => (Math.Max(1, page ?? 1), Math.Clamp(size ?? DefaultSize, 1, max));
}
