using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using TechSchoolAid.Kernel;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Errors;
using TechSchoolAid.Kernel.Identity;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Organizations.Contracts;
using TechSchoolAid.Modules.Students.Contracts;
using TechSchoolAid.Modules.Students.Domain;

namespace TechSchoolAid.Modules.Students.Features.Lookups;

/// <summary>
/// One student as a picker lists it: name · class · masked ID · 学籍号, and the school above a school. Deliberately no
/// birth date (beside the mask it would narrow the hidden digits, docs/adr/0003) and never the full ID number.
/// </summary>
public sealed record StudentPick(
    Guid Id,
    string Name,
    string ClassName,
    string IdNumberMasked,
    string? StatusNumber,
    string SchoolCode,
    string SchoolName,
    RegistrationState RegistrationState,
    EnrolmentStatus Status,
    string StatusText);

/// <summary>A picker's answer: at most <see cref="LookupText.Cap"/> items, whether there are more, and a hint in Chinese when the text cannot be searched as typed.</summary>
public sealed record StudentLookupResult(IReadOnlyList<StudentPick> Items, bool More, string? Hint);

/// <summary>The student picker's search, as the query string names it.</summary>
public sealed record StudentLookupInput(string? Q, string? SchoolCode, string? ClassName);

/// <summary>
/// The student picker (issue 13 item 3, docs/adr/0026-pickers.md): by name (its start first, then anywhere in it), class,
/// 学籍号, or the last four characters of the ID number, within the caller's scope, at most 20 at a time. A whole ID number
/// is refused: the picker is not a way to test numbers (the list's search finds one through the blind index, audited pages
/// reveal one). The last four characters are compared on the decrypted numbers of one school only, so they need a school:
/// the caller's own, or one chosen in the request.
/// </summary>
public sealed class LookupStudents(TsaDbContext db, PersonalDataProtector protector)
{
    public static void Map(RouteGroupBuilder students) =>
        students.MapGet("/lookup", ([Microsoft.AspNetCore.Mvc.FromQuery] string? q, [Microsoft.AspNetCore.Mvc.FromQuery] string? schoolCode,
                [Microsoft.AspNetCore.Mvc.FromQuery] string? className, LookupStudents lookup, CancellationToken ct) =>
                lookup.HandleAsync(new StudentLookupInput(q, schoolCode, className), ct))
            .RequireAccess(StudentAccess.View)
            .WithSummary("选择学生：按姓名、班级、学籍号或证件号后四位查找（管理范围内，最多 20 名）")
            .Produces<StudentLookupResult>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden);

    /// <summary>What the picker says before anything is typed.</summary>
    public const string Prompt = "输入姓名、班级、学籍号或证件号后四位";

    public async Task<StudentLookupResult> HandleAsync(StudentLookupInput input, CancellationToken ct)
    {
        db.Actor.Demand(StudentAccess.View);
        var term = LookupText.Checked(input.Q);
        var school = LookupText.Checked(input.SchoolCode, "schoolCode");
        var className = LookupText.Checked(input.ClassName, "className");
        if (term is not null && IdDocument.Normalize(term) is { Length: 15 or 18 } whole && whole[..6].All(char.IsAsciiDigit))
        {
            throw AppException.Invalid("q", "查找内容：请只输入证件号码的后四位，不按完整证件号码查找");
        }

        if (term is null && className is null)
        {
            return new StudentLookupResult([], false, Prompt);
        }

        if (db.Actor.Level == OrgLevel.School)
        {
            school = db.Actor.OrganizationCode;
        }

        var q = db.Set<StudentRecord>().AsNoTracking();
        if (school is not null)
        {
            q = q.Where(s => s.SchoolCode == school);
        }

        if (className is not null)
        {
            q = q.Where(s => s.ClassName == className);
        }

        if (term is not null && IsIdTail(term))
        {
            if (school is null)
            {
                return new StudentLookupResult([], false, "按证件号后四位查找时，请先选择学校");
            }

            var ids = await IdTailMatchesAsync(q, term, ct);
            return await ShownAsync(q.Where(s => ids.Contains(s.Id)), term, ids.Count > LookupText.Cap, ct);
        }

        if (term is not null)
        {
            // Name (anywhere: 小明 finds 王小明), class name (anywhere), 学籍号 (its start). Within one school the
            // (SchoolCode, ClassName, Name) index bounds the rows read to the school's.
            q = q.Where(s => s.Name.Contains(term) || s.ClassName.Contains(term) || (s.StatusNumber != null && s.StatusNumber.StartsWith(term)));
        }

        // Names that start with the text first (王 finds 王芳 before 黄王明), then in the lists' order.
        var ordered = term is null
            ? q.OrderBy(s => s.SchoolCode).ThenBy(s => s.ClassName).ThenBy(s => s.Name).ThenBy(s => s.Id)
            : q.OrderBy(s => s.Name.StartsWith(term) ? 0 : 1).ThenBy(s => s.SchoolCode).ThenBy(s => s.ClassName).ThenBy(s => s.Name).ThenBy(s => s.Id);
        var picked = await ordered.Select(s => s.Id).Take(LookupText.Cap + 1).ToListAsync(ct);
        return await ShownAsync(q.Where(s => picked.Contains(s.Id)), term, picked.Count > LookupText.Cap, ct);
    }

    /// <summary>Four characters, the first three digits: the end of an ID number (sequence and check character).</summary>
    public static bool IsIdTail(string term) =>
        term.Length == 4 && term[..3].All(char.IsAsciiDigit) && (char.IsAsciiDigit(term[3]) || term[3] is 'X' or 'x');

    /// <summary>The ids of the school's students whose ID number ends with <paramref name="tail"/> (decrypted in memory, never returned).</summary>
    private async Task<List<Guid>> IdTailMatchesAsync(IQueryable<StudentRecord> q, string tail, CancellationToken ct)
    {
        var ciphers = await q.Select(s => new { s.Id, s.IdNumberCipher }).ToListAsync(ct);
        return ciphers.Where(c => protector.Decrypt(c.IdNumberCipher).EndsWith(tail, StringComparison.OrdinalIgnoreCase))
            .Select(c => c.Id).Take(LookupText.Cap + 1).ToList();
    }

    private async Task<StudentLookupResult> ShownAsync(IQueryable<StudentRecord> q, string? term, bool more, CancellationToken ct)
    {
        var rows = await (from s in q
                          join o in db.Organizations() on s.SchoolId equals o.Id
                          select new { s.Id, s.Name, s.ClassName, s.IdNumberMasked, s.StatusNumber, s.SchoolCode, SchoolName = o.Name, s.RegistrationState, s.Status })
            .ToListAsync(ct);
        var items = rows
            .OrderBy(r => term is not null && r.Name.StartsWith(term, StringComparison.Ordinal) ? 0 : 1)
            .ThenBy(r => r.SchoolCode, StringComparer.Ordinal).ThenBy(r => r.ClassName, StringComparer.Ordinal).ThenBy(r => r.Name, StringComparer.Ordinal)
            .Take(LookupText.Cap)
            .Select(r => new StudentPick(r.Id, r.Name, r.ClassName, r.IdNumberMasked, r.StatusNumber, r.SchoolCode, r.SchoolName, r.RegistrationState, r.Status, r.Status.ToChinese()))
            .ToList();
        return new StudentLookupResult(items, more, more ? $"只列出前 {LookupText.Cap} 名，请输入更多文字缩小范围" : items.Count == 0 ? "没有找到符合的学生" : null);
    }
}
