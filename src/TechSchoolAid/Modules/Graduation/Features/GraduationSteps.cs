using Microsoft.EntityFrameworkCore;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Errors;
using TechSchoolAid.Modules.Graduation.Contracts;
using TechSchoolAid.Modules.Graduation.Domain;
using TechSchoolAid.Modules.Students.Contracts;

namespace TechSchoolAid.Modules.Graduation.Features;

/// <summary>What the steps of GRD-1 share: loading a round, the record rule, certificate numbers and the save.</summary>
public sealed class GraduationSteps(TsaDbContext db, StudentSchooling schooling)
{
    public async Task<GraduationRound> LoadAsync(Guid id, CancellationToken ct) =>
        await db.Set<GraduationRound>().FirstOrDefaultAsync(r => r.Id == id, ct) ?? throw AppException.NotFound("毕业批次");

    public async Task RequireAllActiveAsync(List<GraduationEntry> entries, string advice, CancellationToken ct)
    {
        var students = await schooling.GetManyAsync(entries.Select(e => e.StudentId).ToList(), ct);
        var inactive = students.Where(s => s.Status != EnrolmentStatus.Active).ToList();
        if (inactive.Count > 0)
        {
            throw AppException.Conflict(string.Join("；", inactive.Select(s => $"{s.Name} 当前学籍状态为「{s.Status.ToChinese()}」，不是在籍学生")) + "，" + advice);
        }
    }

    public async Task<string> NextNumberAsync(int year, string schoolCode, int schoolKind, CertificateKind kind, Dictionary<CertificateKind, int> serials, CancellationToken ct)
    {
        if (!serials.TryGetValue(kind, out var last))
        {
            var prefix = CertificateNumber.Prefix(year, schoolCode, schoolKind, kind);
            var max = await db.Unscoped<Certificate>("certificate numbers are national: the last serial of this school's prefix, whoever issued it")
                .Where(c => c.Number.StartsWith(prefix)).MaxAsync(c => (string?)c.Number, ct);
            last = max is null ? 0 : CertificateNumber.SerialOf(max);
        }

        serials[kind] = last + 1;
        return CertificateNumber.Compose(year, schoolCode, schoolKind, kind, last + 1);
    }

    public async Task SaveAsync(CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw AppException.Conflict("数据刚被其他用户修改，请刷新后重试");
        }
        catch (DbUpdateException)
        {
            // The unique certificate number: another approval took the same serial at the same moment.
            throw AppException.Conflict("证书编号分配冲突，请稍后重试");
        }
    }
}
