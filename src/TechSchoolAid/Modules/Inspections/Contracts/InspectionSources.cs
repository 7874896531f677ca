namespace TechSchoolAid.Modules.Inspections.Contracts;

/// <summary>
/// A reason to visit a school first when the province plans its year (INS-1: open or overdue cross-check cases, late
/// status changes, hanging records, complaints, funding gaps …). Each module that knows of such a risk implements this
/// for its own data and registers it; the planner adds the risks up and knows none of the modules
/// (docs/adr/0019-oversight-modules.md).
/// </summary>
public interface IInspectionRiskSource
{
    /// <summary>The risks of the schools under <paramref name="provinceScopePath"/> as of <paramref name="asOf"/> (China date); schools without risk are left out.</summary>
    Task<IReadOnlyList<SchoolRisk>> RisksAsync(string provinceScopePath, DateOnly asOf, CancellationToken ct);
}

/// <summary>One risk of one school.</summary>
/// <param name="SchoolCode">The school.</param>
/// <param name="Factor">Stable key of the factor ("crosscheck-overdue", "complaints" …).</param>
/// <param name="Description">Chinese, with the figure ("比对疑似重复3条，其中逾期1条").</param>
/// <param name="Weight">How much it weighs in the ranking (a count times the factor's weight; higher visits first).</param>
public sealed record SchoolRisk(string SchoolCode, string Factor, string Description, int Weight);

/// <summary>
/// A fact the inspection checklist shows beside an item without anyone typing it (INS-2: the school has aid rules on
/// file, aid staff, trained staff, an approved enrolment brochure …). The module that keeps the fact implements this;
/// the checklist and the school's to-do panel show what is missing.
/// </summary>
public interface ISchoolComplianceSource
{
    Task<IReadOnlyList<ComplianceFact>> FactsAsync(IReadOnlyCollection<string> schoolCodes, DateOnly asOf, CancellationToken ct);
}

/// <summary>One checked fact about one school.</summary>
/// <param name="SchoolCode">The school.</param>
/// <param name="Key">Stable key ("aid-rules", "aid-staff", "training", "brochure" …), matching a checklist item's key.</param>
/// <param name="Item">Chinese name of the item.</param>
/// <param name="Met">Whether the school meets it.</param>
/// <param name="Detail">Chinese detail ("资助工作人员2名，均已参加2026年培训" / "尚未上传2026年招生简章").</param>
public sealed record ComplianceFact(string SchoolCode, string Key, string Item, bool Met, string Detail);
