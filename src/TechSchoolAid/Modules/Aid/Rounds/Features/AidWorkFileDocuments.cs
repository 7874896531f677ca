using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using TechSchoolAid.Kernel;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Aid.Contracts;
using TechSchoolAid.Modules.Aid.Hardship.Contracts;
using TechSchoolAid.Modules.Aid.Hardship.Domain;
using TechSchoolAid.Modules.Aid.Rounds.Contracts;
using TechSchoolAid.Modules.Aid.Rounds.Domain;
using TechSchoolAid.Modules.Audit;

namespace TechSchoolAid.Modules.Aid.Rounds.Features;

/// <summary>The Aid documents of a school's yearly work file, as CSV (UTF-8; formula-looking cells neutralised).</summary>
public sealed class AidWorkFileDocuments(TsaDbContext db, PersonalDataProtector protector, TimeProvider clock) : IAidWorkFile
{
    public async Task<IReadOnlyList<AidWorkFileDocument>> DocumentsAsync(int schoolId, int fiscalYear, CancellationToken ct)
    {
        // The calendar year holds the spring term of the school year before and the autumn term of the school year.
        var spring = fiscalYear - 1;
        var hardship = await db.Set<HardshipAssessment>().AsNoTracking()
            .Where(h => h.SchoolId == schoolId && ((h.SchoolYear == spring && h.Semester == Semester.Spring) || (h.SchoolYear == fiscalYear && h.Semester == Semester.Autumn)))
            .OrderBy(h => h.ClassName).ThenBy(h => h.StudentName).ToListAsync(ct);
        if (hardship.Count > 0)
        {
            // SEC-1: the family situations leave in the work file: the export is recorded with the actor (issue 11 item 9).
            db.Record(HardshipAuditActions.SensitiveExported, $"{hardship[0].SchoolCode}/{fiscalYear}", hardship[0].ScopePath, null,
                new { fiscalYear, rows = hardship.Count, file = "资助申请与评议记录.csv" }, clock);
            await db.SaveChangesAsync(ct);
        }

        string? Open(byte[]? cipher) => cipher is null ? null : protector.Decrypt(cipher);
        var rounds = await db.Set<AidRound>().AsNoTracking()
            .Where(r => r.SchoolId == schoolId && ((r.SchoolYear == spring && r.Semester == Semester.Spring) || (r.SchoolYear == fiscalYear && r.Semester == Semester.Autumn)))
            .OrderBy(r => r.SchoolYear).ThenBy(r => r.Semester).ThenBy(r => r.Item).ToListAsync(ct);
        var roundIds = rounds.Select(r => r.Id).ToList();
        var approved = await db.Set<AidEntry>().AsNoTracking().Where(e => roundIds.Contains(e.RoundId) && e.State == AidEntryState.Approved)
            .OrderBy(e => e.Item).ThenBy(e => e.ClassName).ThenBy(e => e.StudentName).ToListAsync(ct);

        return
        [
            new("资助申请与评议记录.csv", "家庭经济困难学生认定申请、班级评议小组评议记录及认定结果", Csv(
                ["学年学期", "班级", "姓名", "家庭情况", "申请人", "申请时间", "评议小组成员", "评议日期", "评议意见", "认定等级", "认定人", "公示起止", "状态"],
                hardship.Select(h => new[]
                {
                    new AidTerm(h.SchoolYear, h.Semester).ToString(), h.ClassName, h.StudentName, Open(h.FamilySituationCipher), h.AppliedBy, ChinaTime.Format(h.AppliedAtUtc),
                    h.PanelMembers, h.PanelReviewedOn?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), Open(h.PanelOpinionCipher), h.Level?.ToChinese(), h.DecidedBy,
                    h.PublishedFrom is null ? null : $"{h.PublishedFrom:yyyy-MM-dd}至{h.PublishedTo:yyyy-MM-dd}", h.State.ToChinese(),
                }))),
            new("资助名单公示记录.csv", "各学期资助名单的公示期、公示人与名单状态", Csv(
                ["学年学期", "资助项目", "公示起止", "公示人", "提交人", "提交时间", "审核人", "审核时间", "名单状态"],
                rounds.Select(r => new[]
                {
                    r.Term.ToString(), r.Item == AidItem.Grant ? "国家助学金" : "免学费", r.PublishedFrom is null ? null : $"{r.PublishedFrom:yyyy-MM-dd}至{r.PublishedTo:yyyy-MM-dd}",
                    r.PublishedBy, r.SubmittedBy, ChinaTime.Format(r.SubmittedAtUtc), r.ReviewedBy, ChinaTime.Format(r.ReviewedAtUtc), r.State.ToChinese(),
                }))),
            new("资助审批名单.csv", "主管部门审核通过的资助名单（证件号码脱敏）", Csv(
                ["学年学期", "资助项目", "班级", "姓名", "证件号码", "金额（元）", "资助依据", "审核人", "审核时间"],
                approved.Select(e => new[]
                {
                    new AidTerm(e.SchoolYear, e.Semester).ToString(), e.Item == AidItem.Grant ? "国家助学金" : "免学费", e.ClassName, e.StudentName, e.IdNumberMasked,
                    (e.AmountFen / 100m).ToString("0.00", CultureInfo.InvariantCulture), e.Basis, e.ReviewedBy, ChinaTime.Format(e.ReviewedAtUtc),
                }))),
        ];
    }

    /// <summary>A CSV text: quoted where needed, cells starting like a formula prefixed with an apostrophe.</summary>
    public static string Csv(string[] header, IEnumerable<string?[]> rows)
    {
        var sb = new StringBuilder();
        sb.AppendJoin(',', header.Select(Cell)).Append("\r\n");
        foreach (var row in rows)
        {
            sb.AppendJoin(',', row.Select(Cell)).Append("\r\n");
        }

        return sb.ToString();
    }

    private static string Cell(string? value)
    {
        var v = SafeCell(value ?? "");
        return v.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + v.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : v;
    }

    private static string SafeCell(string v) => v.Length > 0 && v[0] is '=' or '+' or '-' or '@' or '\t' or '\r' or '|' ? "'" + v : v;
}
