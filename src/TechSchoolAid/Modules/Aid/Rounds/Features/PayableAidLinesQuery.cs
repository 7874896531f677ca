using Microsoft.EntityFrameworkCore;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Modules.Aid.Contracts;
using TechSchoolAid.Modules.Aid.Rounds.Contracts;
using TechSchoolAid.Modules.Aid.Rounds.Domain;

namespace TechSchoolAid.Modules.Aid.Rounds.Features;

/// <summary>The approved (or approved, then revoked) lines of a term, for the Funds module (<see cref="IPayableAidLines"/>).</summary>
public sealed class PayableAidLinesQuery(TsaDbContext db) : IPayableAidLines
{
    public IQueryable<PayableAidLine> Query(AidItem item, AidTerm term) =>
        db.Set<AidEntry>().AsNoTracking()
            .Where(e => e.Item == item && e.SchoolYear == term.SchoolYear && e.Semester == term.Semester
                        && (e.State == AidEntryState.Approved || (e.State == AidEntryState.Withdrawn && e.ReviewedAtUtc != null)))
            .Select(e => new PayableAidLine
            {
                EntryId = e.Id,
                StudentId = e.StudentId,
                SchoolId = e.SchoolId,
                ScopePath = e.ScopePath,
                Item = e.Item,
                SchoolYear = e.SchoolYear,
                Semester = e.Semester,
                StudentName = e.StudentName,
                ClassName = e.ClassName,
                AmountFen = e.AmountFen,
                Revoked = e.State == AidEntryState.Withdrawn,
                ReviewedBy = e.ReviewedBy,
                ReviewedAtUtc = e.ReviewedAtUtc,
                RevokedAtUtc = e.WithdrawnAtUtc,
                RevokedReason = e.WithdrawnReason,
            });
}
