using TechSchoolAid.Kernel.Errors;

namespace TechSchoolAid.Kernel.Security;

/// <summary>
/// Four eyes (四眼原则): the account that entered or submitted an item may not approve the same item, so every approval is
/// a second person's decision — at the school itself too, where the records clerk and the administrator must be two
/// accounts. 人社厅函〔2024〕53号 asks for 「做好审批工作」 and approved lists that are 「真实、完整」; an approval by the hand that
/// prepared the item is no check at all. Evaluated here, beside <see cref="Access"/>, for every approval the system has:
/// status changes, registrations, aid lists, graduation rounds and the supervisor's review of a "keep" clearance (their handlers call
/// <see cref="DemandSecondPerson"/>, their detail views <see cref="WithoutApproval"/>).
/// </summary>
public static class FourEyes
{
    /// <summary>Whether the actor is one of the accounts that entered or submitted the item (names compared without case).</summary>
    public static bool IsHandOf(this Actor actor, params ReadOnlySpan<string?> hands)
    {
        foreach (var hand in hands)
        {
            if (!string.IsNullOrEmpty(hand) && string.Equals(hand, actor.UserName, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Refuses with 403 and the rule in Chinese when the actor entered or submitted the item.</summary>
    /// <param name="item">The item in Chinese, as the refusal names it ("学籍异动", "资助名单").</param>
    public static void DemandSecondPerson(this Actor actor, string item, params ReadOnlySpan<string?> hands)
    {
        if (actor.IsHandOf(hands))
        {
            throw AppException.Forbidden(Refusal(item));
        }
    }

    /// <summary>The Chinese answer: the rule, and who may act instead.</summary>
    public static string Refusal(string item) =>
        $"四眼原则：录入或报送该{item}的账号不能审批同一{item}，须由另一名有审批权限的人员审批";

    /// <summary>The actions of a detail view without the approval the actor may not take on this item.</summary>
    public static IReadOnlyList<string> WithoutApproval(this IReadOnlyList<string> actions, Actor actor, string approval, params ReadOnlySpan<string?> hands) =>
        actions.Contains(approval) && actor.IsHandOf(hands) ? [.. actions.Where(a => a != approval)] : actions;
}
