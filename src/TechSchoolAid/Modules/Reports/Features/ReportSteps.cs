using Microsoft.EntityFrameworkCore;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Errors;

namespace TechSchoolAid.Modules.Reports.Features;

/// <summary>Saving for the report module: a concurrent change or a duplicate answers 409 in Chinese, never 500.</summary>
public static class ReportSteps
{
    public static async Task SaveAsync(TsaDbContext db, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw AppException.Conflict("该记录已被他人修改，请刷新后重试");
        }
        catch (DbUpdateException ex) when (UniqueIndex.IsViolation(ex, "ux_report_submissions_year", "report_submissions.ScopePath"))
        {
            throw AppException.Conflict("本省该年度的年度报告已由他人同时报送，不能重复报送");
        }
        catch (DbUpdateException ex) when (UniqueIndex.IsViolation(ex, "ux_report_deadlines_year", "report_deadlines.Year"))
        {
            throw AppException.Conflict("该年度的报送期限已由他人同时设定，请刷新后重试");
        }
    }
}
