namespace TechSchoolAid.Web.Hosting;

/// <summary>
/// The site's footer (section "Site"): the operating body (主办单位) and the ICP filing line (ICP备案号) that a Chinese
/// government website shows on its public pages. Configuration, so each deployment states its own operator and filing.
/// </summary>
public sealed class SiteOptions
{
    public const string Section = "Site";

    /// <summary>主办单位: in the demo the ministry that operates the national system.</summary>
    public string Operator { get; set; } = "人力资源和社会保障部";

    /// <summary>ICP备案号, for example "京ICP备00000000号"; the line is left out while it is empty.</summary>
    public string? IcpRecord { get; set; }

    /// <summary>Where the ICP filing number links to (the ministry of industry and information technology's filing system).</summary>
    public string IcpLink { get; set; } = "https://beian.miit.gov.cn/";

    /// <summary>公安机关备案号 (optional), shown after the ICP line when set.</summary>
    public string? PublicSecurityRecord { get; set; }
}
