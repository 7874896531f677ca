using Microsoft.EntityFrameworkCore;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Errors;
using TechSchoolAid.Modules.Students.Contracts;
using TechSchoolAid.Modules.Supervision.Domain;

namespace TechSchoolAid.Modules.Supervision.Features;

/// <summary>What the steps of a campaign share: the students it checks and loading a campaign in the caller's scope.</summary>
public static class PresenceCampaignSteps
{
    /// <summary>The statuses of a record that is still supposed to be at school: these are the students a campaign checks.</summary>
    public static readonly EnrolmentStatus[] Live = [EnrolmentStatus.Active, EnrolmentStatus.Suspended, EnrolmentStatus.Reserved];

    public static async Task<PresenceCampaign> LoadAsync(TsaDbContext db, Guid campaignId, CancellationToken ct) =>
        await db.Set<PresenceCampaign>().FirstOrDefaultAsync(c => c.Id == campaignId, ct) ?? throw AppException.NotFound("核验批次");
}
