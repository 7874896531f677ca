using TechSchoolAid.Modules.Aid.Contracts;
using TechSchoolAid.Modules.Aid.Policies.Contracts;

namespace TechSchoolAid.Modules.Aid.Policies.Domain;

/// <summary>
/// One policy table (AID-3, AID-4, AID-5) for a province, or the national default the ministry sets
/// (<see cref="ProvinceCode"/> null), valid over a period of dates. Money is fen (分). A province row replaces the national
/// default whole for the dates it covers. The approval deadlines are not the table's: they are national
/// (<see cref="AidNationalRange"/>, issue 11 item 2). Rows are not <c>IScoped</c>: every signed-in user reads every policy (ADR 0009);
/// <see cref="ScopePath"/> ("/" national, "/44/" province) is what a writer must have in scope.
/// </summary>
public sealed class AidPolicyRecord
{
    private AidPolicyRecord()
    {
    }

    internal AidPolicyRecord(Guid id, AidPolicyValues values)
    {
        Id = id;
        ProvinceCode = string.IsNullOrEmpty(values.ProvinceCode) ? null : values.ProvinceCode;
        ScopePath = ScopeOf(ProvinceCode);
        Apply(values);
    }

    public static string ScopeOf(string? provinceCode) => AidPolicyAccess.ScopeOf(provinceCode);

    public Guid Id { get; private set; }

    /// <summary>Null for the national default.</summary>
    public string? ProvinceCode { get; private set; }

    public string ScopePath { get; private set; } = "/";

    public string Title { get; private set; } = "";

    public DateOnly ValidFrom { get; private set; }

    public DateOnly? ValidTo { get; private set; }

    public int GrantGradeFrom { get; private set; }

    public int GrantGradeTo { get; private set; }

    public long GrantAverageFen { get; private set; }

    public long Tier1Fen { get; private set; }

    public int Tier1SharePercent { get; private set; }

    public long Tier2Fen { get; private set; }

    public int Tier2SharePercent { get; private set; }

    public long? Tier3Fen { get; private set; }

    public int? Tier3SharePercent { get; private set; }

    /// <summary>County (6-digit) or city (4-digit) codes where every rural student qualifies for the grant, comma-separated.</summary>
    public string AllRuralAreaCodes { get; private set; } = "";

    public int PublicationWorkingDays { get; private set; }

    public int ObjectionAnswerWorkingDays { get; private set; }

    public string Source { get; private set; } = "";

    public int Version { get; private set; }

    public bool AppliesTo(DateOnly date) => date >= ValidFrom && (ValidTo is null || date <= ValidTo);

    public AidPolicyValues Values => new()
    {
        ProvinceCode = ProvinceCode,
        Title = Title,
        ValidFrom = ValidFrom,
        ValidTo = ValidTo,
        GrantGradeFrom = GrantGradeFrom,
        GrantGradeTo = GrantGradeTo,
        GrantAverageFen = GrantAverageFen,
        Tiers = Tier3Fen is { } t3
            ? [new(Tier1Fen, Tier1SharePercent), new(Tier2Fen, Tier2SharePercent), new(t3, Tier3SharePercent ?? 0)]
            : [new(Tier1Fen, Tier1SharePercent), new(Tier2Fen, Tier2SharePercent)],
        AllRuralAreaCodes = AllRuralAreaCodes.Length == 0 ? [] : AllRuralAreaCodes.Split(','),
        PublicationWorkingDays = PublicationWorkingDays,
        ObjectionAnswerWorkingDays = ObjectionAnswerWorkingDays,
        Source = Source,
    };

    /// <summary>Replaces every number; the caller has checked them (<c>AidPolicyRules</c>).</summary>
    internal void Apply(AidPolicyValues v)
    {
        Title = v.Title.Trim();
        ValidFrom = v.ValidFrom;
        ValidTo = v.ValidTo;
        GrantGradeFrom = v.GrantGradeFrom;
        GrantGradeTo = v.GrantGradeTo;
        GrantAverageFen = v.GrantAverageFen;
        Tier1Fen = v.Tiers[0].AmountFen;
        Tier1SharePercent = v.Tiers[0].SharePercent;
        Tier2Fen = v.Tiers[1].AmountFen;
        Tier2SharePercent = v.Tiers[1].SharePercent;
        Tier3Fen = v.Tiers.Count > 2 ? v.Tiers[2].AmountFen : null;
        Tier3SharePercent = v.Tiers.Count > 2 ? v.Tiers[2].SharePercent : null;
        AllRuralAreaCodes = string.Join(',', v.AllRuralAreaCodes.Select(c => c.Trim()).Where(c => c.Length > 0).Distinct().Order(StringComparer.Ordinal));
        PublicationWorkingDays = v.PublicationWorkingDays;
        ObjectionAnswerWorkingDays = v.ObjectionAnswerWorkingDays;
        Source = v.Source.Trim();
        Version++;
    }

    /// <summary>For the configuration's seed rows only.</summary>
    internal static AidPolicyRecord Seed(Guid id, AidPolicyValues values)
    {
        var row = new AidPolicyRecord(id, values);
        row.Version = 1;
        return row;
    }
}
