using Microsoft.Extensions.Configuration;
using PdfSharp.Fonts;

namespace TechSchoolAid.Modules.Reports.Features.Yearly;

/// <summary>
/// The Chinese font the PDF is printed with. PDFsharp 6 embeds TrueType outlines only: the Noto CJK collections
/// (.ttc, CFF outlines) cannot serve, so the font is a plain .ttf — by default Debian's fonts-droid-fallback
/// (DroidSansFallbackFull.ttf), which scripts/test installs when missing. The paths are tried in order: configuration
/// "Reports:FontPaths" (comma-separated) when set, else <see cref="DefaultPaths"/>; when none exists the PDF endpoints answer 503
/// rather than print empty boxes (docs/adr/0024-yearly-report-and-data-requests.md).
/// </summary>
public sealed class ReportFonts
{
    public const string Family = "TsaChinese";

    public static readonly string[] DefaultPaths =
    [
        "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",
        "/usr/share/fonts-droid-fallback/truetype/DroidSansFallback.ttf",
        "/usr/share/fonts/truetype/wqy/wqy-microhei.ttf",
        "/usr/share/fonts/truetype/arphic/uming.ttf",
    ];

    private static readonly Lock Gate = new();
    private readonly Lazy<byte[]?> _font;

    public ReportFonts(IConfiguration configuration)
    {
        var configured = (configuration["Reports:FontPaths"] ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Paths = configured.Length > 0 ? configured : DefaultPaths;
        _font = new Lazy<byte[]?>(Load);
    }

    /// <summary>The paths tried, in order.</summary>
    public IReadOnlyList<string> Paths { get; }

    /// <summary>Whether a font was found: the PDF endpoints answer 503 without one.</summary>
    public bool Available => _font.Value is not null;

    private byte[]? Load()
    {
        foreach (var path in Paths)
        {
            if (File.Exists(path))
            {
                var bytes = File.ReadAllBytes(path);
                // A TrueType font starts 00 01 00 00 (or "true"); anything else (a collection, CFF) PDFsharp cannot embed.
                if (bytes.Length > 4 && ((bytes[0] == 0 && bytes[1] == 1 && bytes[2] == 0 && bytes[3] == 0) || (bytes[0] == 't' && bytes[1] == 'r')))
                {
                    Install(bytes);
                    return bytes;
                }
            }
        }

        return null;
    }

    /// <summary>PDFsharp's resolver is process-wide and may be set only once: the first font found serves every report.</summary>
    private static void Install(byte[] bytes)
    {
        lock (Gate)
        {
            Resolver.Instance.Font ??= bytes;
            if (GlobalFontSettings.FontResolver is not Resolver)
            {
                GlobalFontSettings.FontResolver = Resolver.Instance;
            }
        }
    }

    private sealed class Resolver : IFontResolver
    {
        public static readonly Resolver Instance = new();

        public byte[]? Font { get; set; }

        public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic) => new(Family);

        public byte[]? GetFont(string faceName) => Font;
    }
}
