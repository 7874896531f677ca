using Microsoft.EntityFrameworkCore;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Modules.PublicSite.Contracts;
using TechSchoolAid.Modules.PublicSite.Domain;

namespace TechSchoolAid.Modules.PublicSite.Seeding;

/// <summary>
/// The answer deadlines every installation starts with (idempotent, run with the reference data): the ministry edits
/// them as dated rows (POST /api/v1/complaint-deadlines); these are the first rows, from 2024-01-01.
/// </summary>
public static class ComplaintReferenceData
{
    /// <summary>
    /// 信访工作条例（2022年5月1日起施行）: a petition is acknowledged within 15 days of receipt and handled within 60 days of
    /// acceptance (extendable by 30). The notice 人社厅函〔2024〕53号 三(二) asks for a public consultation and complaint line
    /// but sets no answer period. The system therefore starts with 15 working days for a complaint (the acknowledgement
    /// period counted in working days, well inside the 60-day limit) and 5 working days for a consultation (a question on
    /// the published policy); both are the system's defaults pending the ministry's own figure, and say so in their source.
    /// </summary>
    public const string ComplaintSource = "信访工作条例（2022年5月1日起施行）：收到之日起15日内告知是否受理、受理之日起60日内办结；系统按15个工作日设为投诉答复期限，待部里确认";

    public const string ConsultationSource = "人社厅函〔2024〕53号 三(二) 要求设立并公开资助政策咨询电话，未规定答复期限；系统按5个工作日设为咨询答复期限，待部里确认";

    public static async Task EnsureAsync(TsaDbContext db, CancellationToken ct)
    {
        if (await db.Set<ComplaintDeadline>().AnyAsync(ct))
        {
            return;
        }

        var from = new DateOnly(2024, 1, 1);
        db.Add(new ComplaintDeadline(Guid.CreateVersion7(), ComplaintKind.Consultation, 5, from, ConsultationSource, "system", DateTime.UnixEpoch));
        db.Add(new ComplaintDeadline(Guid.CreateVersion7(), ComplaintKind.Complaint, 15, from, ComplaintSource, "system", DateTime.UnixEpoch));
        await db.SaveChangesAsync(ct);
    }
}
