using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using TechSchoolAid.Kernel;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Errors;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Accounts.Contracts;
using TechSchoolAid.Modules.Accounts.Domain;
using TechSchoolAid.Modules.Audit;
using TechSchoolAid.Modules.Organizations.Contracts;

namespace TechSchoolAid.Modules.Accounts.Features;

public sealed class CreateAccountInput
{
    public string? UserName { get; set; }

    public string? DisplayName { get; set; }

    public Role? Role { get; set; }

    public string? OrganizationCode { get; set; }

    public string? Password { get; set; }
}

/// <summary>ORG-4: an administrator opens an account in a direct subordinate organisation, or for staff of its own.</summary>
public sealed partial class CreateAccount(TsaDbContext db, TimeProvider clock)
{
    public static void Map(RouteGroupBuilder g) =>
        g.MapPost("/", async (CreateAccountInput input, CreateAccount s, CancellationToken ct) =>
        {
            var created = await s.HandleAsync(input, ct);
            return TypedResults.Created($"/api/v1/accounts/{created.UserName}", created);
        }).WithSummary("为直属下级机构或本机构工作人员创建账号").ProducesProblem(400).ProducesProblem(403).ProducesProblem(409);

    public async Task<AccountDto> HandleAsync(CreateAccountInput input, CancellationToken ct)
    {
        var actor = db.Actor;
        actor.Demand(AccountAccess.Create);

        var errors = new Dictionary<string, string[]>();
        var userName = input.UserName?.Trim() ?? "";
        if (!UserNamePattern().IsMatch(userName))
        {
            errors["userName"] = ["用户名应为 3–64 位字母、数字、点、横线或下划线"];
        }

        var displayName = input.DisplayName?.Trim() ?? "";
        if (displayName.Length is 0 or > 50 || displayName.IndexOfAny(['<', '>', '=']) >= 0)
        {
            errors["displayName"] = ["请填写姓名（不超过 50 字，不含 < > =）"];
        }

        if (input.Role is not { } role || Permissions.LevelOf(role) == OrgLevel.Public || role == Role.SystemJob)
        {
            errors["role"] = ["请选择角色"];
            role = Role.Anonymous;
        }

        var passwordProblem = AccountRules.PasswordProblem(input.Password, userName);
        if (passwordProblem is not null)
        {
            errors["password"] = [passwordProblem];
        }

        if (errors.Count > 0)
        {
            throw AppException.Invalid(errors);
        }

        var org = await db.AllOrganizations().FirstOrDefaultAsync(o => o.Code == input.OrganizationCode, ct)
            ?? throw AppException.Invalid("organizationCode", "机构代码不存在");
        var allowed = AccountRules.CanCreateIn(actor, org, role);
        if (allowed is not null)
        {
            throw AppException.Forbidden(allowed);
        }

        if (Permissions.LevelOf(role) != org.Level)
        {
            throw AppException.Invalid("role", $"{role.ToChinese()}不能设在{org.Level.ToChinese()}机构");
        }

        if (await db.Unscoped<UserAccount>("account names are unique across the country; sign-in runs before a scope exists").AnyAsync(u => u.UserName == userName, ct))
        {
            throw new AppException(ErrorKind.Conflict, "用户名已被使用", new Dictionary<string, string[]> { ["userName"] = ["用户名已被使用"] });
        }

        var user = new UserAccount(userName, displayName, role, org.Id, org.ScopePath, "", clock.GetUtcNow().UtcDateTime, actor.UserName);
        user.SetPasswordHash(AccountRules.HashPassword(user, input.Password!));
        db.Add(user);
        db.Record(AccountAuditActions.Created, userName, org.ScopePath, null, new { userName, role, organization = org.Code }, clock);
        await db.SaveChangesAsync(ct);
        return new AccountDto(user.Id, user.UserName, user.DisplayName, user.Role, org.Code, org.Name, false, false, null, user.CreatedBy, ["manage"]);
    }

    [GeneratedRegex("^[A-Za-z0-9._-]{3,64}$")]
    private static partial Regex UserNamePattern();
}
