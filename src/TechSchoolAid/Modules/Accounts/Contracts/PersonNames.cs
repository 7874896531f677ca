namespace TechSchoolAid.Modules.Accounts.Contracts;

/// <summary>
/// The person behind an account, as lists and the audit log show who acted (issue 13, item 8: people, not accounts):
/// the account's display name and its organisation's name, on one line, with the account name kept for the hover.
/// </summary>
public sealed record NamedPerson(string UserName, string DisplayName, string OrganizationName)
{
    /// <summary>"王芳 · 广州市华信技师学院".</summary>
    public string Line => string.IsNullOrEmpty(OrganizationName) ? DisplayName : $"{DisplayName} · {OrganizationName}";

    /// <summary>An account name that names no account (the system, a job, an account since removed): shown as it is.</summary>
    public static NamedPerson Unknown(string userName) =>
        userName.StartsWith("system:", StringComparison.Ordinal) ? new NamedPerson(userName, "系统", "") : new NamedPerson(userName, userName, "");
}

/// <summary>
/// Resolves account names into people, in one query per call (a page of rows resolves all of its 经办人 at once, never
/// one query per cell). Only names and organisations: no role, contact or state of the account.
/// </summary>
public interface IPersonNames
{
    /// <summary>
    /// The person for each distinct account name given (at most <see cref="MaxNamesPerCall"/>); a name without an account
    /// maps to <see cref="NamedPerson.Unknown"/>. The names come from records the caller already sees, so the reviewer of a
    /// school's record resolves for the school even though the reviewer's account lies above the school's scope.
    /// </summary>
    Task<IReadOnlyDictionary<string, NamedPerson>> ResolveAsync(IEnumerable<string?> userNames, CancellationToken ct);

    /// <summary>
    /// The account names whose person or account name contains <paramref name="text"/> (at most <paramref name="max"/>),
    /// for filters that search by person ("王芳" finds her account): the caller filters its own scoped rows with them.
    /// </summary>
    Task<IReadOnlyList<string>> FindUserNamesAsync(string text, int max, CancellationToken ct);

    public const int MaxNamesPerCall = 1000;
}
