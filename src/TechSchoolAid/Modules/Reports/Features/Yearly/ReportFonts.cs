using Microsoft.Extensions.Configuration;
using PdfSharp.Fonts;

namespace TechSchoolAid.Modules.Reports.Features.Yearly;

/// <summary>
/// The fonts the PDF is printed with. PDFsharp 6 embeds TrueType outlines only: the Noto CJK collections (.ttc, CFF
/// outlines) cannot serve, so the Chinese face is a plain .ttf — by default Debian's fonts-droid-fallback
/// (DroidSansFallbackFull.ttf). That face has no Latin letters or digits, so text is drawn in runs: characters below
/// U+2E80 with a Latin face (fonts-dejavu-core's DejaVuSans.ttf by default), the rest with the Chinese one. scripts/test
/// installs both when missing. The paths are tried in order: configuration "Reports:FontPaths" / "Reports:LatinFontPaths"
/// (comma-separated) when set, else the defaults; when either is missing the PDF endpoints answer 503 rather than print
/// empty boxes (docs/adr/0024-yearly-report-and-data-requests.md).
/// </summary>
public sealed class ReportFonts
{
    public const string Family = "TsaChinese";
    public const string LatinFamily = "TsaLatin";

    public static readonly string[] DefaultLatinPaths =
    [
        "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
        "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
        "/usr/share/fonts/truetype/liberation2/LiberationSans-Regular.ttf",
    ];

    public static readonly string[] DefaultPaths =
    [
        "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",
        "/usr/share/fonts-droid-fallback/truetype/DroidSansFallback.ttf",
        "/usr/share/fonts/truetype/wqy/wqy-microhei.ttf",
        "/usr/share/fonts/truetype/arphic/uming.ttf",
    ];

    private static readonly Lock Gate = new();
    private readonly Lazy<bool> _fonts;

    public ReportFonts(IConfiguration configuration)
    {
        static string[] List(string? value) => (value ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var configured = List(configuration["Reports:FontPaths"]);
        var latin = List(configuration["Reports:LatinFontPaths"]);
        Paths = configured.Length > 0 ? configured : DefaultPaths;
        LatinPaths = latin.Length > 0 ? latin : DefaultLatinPaths;
        _fonts = new Lazy<bool>(Load);
    }

    /// <summary>The paths tried for the Chinese face, in order.</summary>
    public IReadOnlyList<string> Paths { get; }

    /// <summary>The paths tried for the Latin face (letters, digits), in order.</summary>
    public IReadOnlyList<string> LatinPaths { get; }

    /// <summary>Whether both faces were found: the PDF endpoints answer 503 without them.</summary>
    public bool Available => _fonts.Value;

    /// <summary>Whether the character is drawn with the Chinese face (else the Latin one).</summary>
    public static bool IsChinese(char c) => c >= '\u2E80';

    private bool Load()
    {
        var chinese = First(Paths);
        var latin = First(LatinPaths);
        if (chinese is null || latin is null)
        {
            return false;
        }

        Install(chinese, latin);
        return true;
    }

    private static byte[]? First(IEnumerable<string> paths)
    {
        foreach (var path in paths.Where(File.Exists))
        {
            var bytes = File.ReadAllBytes(path);
            // A TrueType font starts 00 01 00 00 (or "true"); anything else (a collection, CFF) PDFsharp cannot embed.
            if (bytes.Length > 4 && ((bytes[0] == 0 && bytes[1] == 1 && bytes[2] == 0 && bytes[3] == 0) || (bytes[0] == 't' && bytes[1] == 'r')))
            {
                return bytes;
            }
        }

        return null;
    }

    /// <summary>PDFsharp's resolver is process-wide and may be set only once: the first fonts found serve every report.</summary>
    private static void Install(byte[] chinese, byte[] latin)
    {
        lock (Gate)
        {
            Resolver.Instance.Chinese ??= chinese;
            Resolver.Instance.Latin ??= latin;
            if (GlobalFontSettings.FontResolver is not Resolver)
            {
                GlobalFontSettings.FontResolver = Resolver.Instance;
            }
        }
    }

    private sealed class Resolver : IFontResolver
    {
        public static readonly Resolver Instance = new();

        public byte[]? Chinese { get; set; }

        public byte[]? Latin { get; set; }

        public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic) => new(familyName == LatinFamily ? LatinFamily : Family);

        public byte[]? GetFont(string faceName) => faceName == LatinFamily ? Latin : Chinese;
    }
}
