using Microsoft.EntityFrameworkCore;
using TechSchoolAid.Kernel;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Errors;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Aid.Contracts;
using TechSchoolAid.Modules.Aid.Eligibility;
using TechSchoolAid.Modules.Aid.Rounds.Contracts;
using TechSchoolAid.Modules.Aid.Rounds.Domain;
using TechSchoolAid.Modules.Organizations.Contracts;

namespace TechSchoolAid.Modules.Aid.Rounds.Features;

/// <summary>
/// What the round's commands share: loading a list or line under <see cref="AidRoundAccess"/>, the policy and its tiers,
/// the once-per-term check across schools, and saving with the database's refusals turned into Chinese conflicts.
/// Each command writes its audit event in its own transaction; a refusal writes nothing.
/// </summary>
public sealed class AidRoundSteps(TsaDbContext db, AidEligibilityRules rules)
{
    /// <summary>Names listed in a refusal before "等".</summary>
    public const int NamesShown = 10;

    public Actor Actor => db.Actor;

    /// <summary>A list of the caller's own school, for its aid staff (the role is checked before the list is looked up).</summary>
    public async Task<AidRound> LoadOwnAsync(Guid id, CancellationToken ct)
    {
        db.Actor.Demand(AidRoundAccess.Manage);
        var round = await db.Set<AidRound>().FirstOrDefaultAsync(r => r.Id == id, ct) ?? throw AppException.NotFound("资助名单");
        db.Actor.Demand(AidRoundAccess.Manage, round.ScopePath);
        return round;
    }

    /// <summary>A list of the caller's own school that may still be changed.</summary>
    public async Task<AidRound> LoadEditableAsync(Guid id, CancellationToken ct)
    {
        var round = await LoadOwnAsync(id, ct);
        round.EnsureEditable();
        return round;
    }

    /// <summary>A line of a list of the caller's own school, with its list.</summary>
    public async Task<(AidRound Round, AidEntry Entry)> LoadEntryAsync(Guid entryId, CancellationToken ct)
    {
        db.Actor.Demand(AidRoundAccess.Manage);
        var entry = await db.Set<AidEntry>().FirstOrDefaultAsync(e => e.Id == entryId, ct) ?? throw AppException.NotFound("名单记录");
        var round = await db.Set<AidRound>().FirstAsync(r => r.Id == entry.RoundId, ct);
        db.Actor.Demand(AidRoundAccess.Manage, round.ScopePath);
        return (round, entry);
    }

    public Task<int> CountAsync(Guid roundId, AidEntryState state, CancellationToken ct) =>
        db.Set<AidEntry>().CountAsync(e => e.RoundId == roundId && e.State == state, ct);

    /// <summary>Persons among <paramref name="keys"/> approved for the item and term at another school: key → school name.</summary>
    public async Task<Dictionary<string, string>> ApprovedElsewhereAsync(List<string> keys, AidItem item, AidTerm term, int schoolId, CancellationToken ct)
    {
        if (keys.Count == 0)
        {
            return [];
        }

        var rows = await (from e in db.Unscoped<AidEntry>("同一学生同一学期只能在一所学校享受同一资助：须查其他学校审核通过的记录")
                          where e.State == AidEntryState.Approved && e.Item == item && e.SchoolYear == term.SchoolYear && e.Semester == term.Semester
                                && e.SchoolId != schoolId && keys.Contains(e.PersonKey)
                          join o in db.AllOrganizations() on e.SchoolId equals o.Id
                          select new { e.PersonKey, o.Name }).ToListAsync(ct);
        return rows.GroupBy(r => r.PersonKey).ToDictionary(g => g.Key, g => g.First().Name);
    }

    /// <summary>The yearly grant amount if it is one of the policy's tiers.</summary>
    public async Task<long> TierAsync(AidRound round, long fen, CancellationToken ct)
    {
        var policy = await PolicyAsync(round, ct);
        if (policy.Tiers.All(t => t.AmountFen != fen))
        {
            throw AppException.Invalid("yearAmountFen",
                $"档次应为本省政策的 {string.Join("、", policy.Tiers.Select(t => AidMoney.Yuan(t.AmountFen)))} 元/年之一");
        }

        return fen;
    }

    public async Task<AidPolicy> PolicyAsync(AidRound round, CancellationToken ct) =>
        await rules.PolicyForSchoolAsync(round.SchoolId, round.Term, ct)
        ?? throw AppException.Conflict($"{round.Term}没有资助政策");

    public static ItemEligibility Of(AidEligibilityExplanation a, AidItem item) => item == AidItem.Grant ? a.Grant : a.Waiver;

    public static string Required(string? value, string field, string message, int max)
    {
        var v = value?.Trim();
        if (string.IsNullOrEmpty(v))
        {
            throw AppException.Invalid(field, message);
        }

        return v.Length <= max ? v : throw AppException.Invalid(field, $"不能超过 {max} 字");
    }

    public static string Names(List<string> names) =>
        names.Count <= NamesShown ? string.Join("、", names) : $"{string.Join("、", names.Take(NamesShown))} 等";

    public static bool IsOncePerTermViolation(Exception ex)
    {
        for (var e = (Exception?)ex; e is not null; e = e.InnerException)
        {
            if (e.Message.Contains("ux_aid_entries_once_per_term", StringComparison.Ordinal) || e.Message.Contains("aid_entries.PersonKey", StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    public async Task SaveAsync(CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw AppException.Conflict("该名单已被他人修改，请刷新后重试");
        }
        catch (DbUpdateException ex) when (IsOncePerTermViolation(ex))
        {
            throw AppException.Conflict("同一学生同一学期同一资助项目只能审核通过一次");
        }
        catch (DbUpdateException ex) when (ex.InnerException?.Message.Contains("ux_aid_rounds_school_term_item", StringComparison.Ordinal) == true
                                           || ex.InnerException?.Message.Contains("aid_rounds.SchoolId", StringComparison.Ordinal) == true)
        {
            throw AppException.Conflict("本校该学期该资助项目的名单已建立，请在原名单上修改");
        }
    }
}
