using System.Globalization;

namespace TechSchoolAid.Web.Components.Pages.Funds.Closing;

/// <summary>Yuan on the closing pages: fen shown as "1,234.50", typed yuan read back as fen.</summary>
public static class Money
{
    public static string Yuan(long fen) => (fen / 100m).ToString("#,##0.00", CultureInfo.InvariantCulture);

    public static string Yuan(long? fen) => fen is { } f ? Yuan(f) : "—";

    public static long Fen(decimal yuan) => (long)Math.Round(yuan * 100m, MidpointRounding.AwayFromZero);
}
