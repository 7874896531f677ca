using TechSchoolAid.Modules.Aid.Rounds.Contracts;

namespace TechSchoolAid.Web.Components.Pages.Aid;

/// <summary>The school's actions on one line of its list.</summary>
public enum AidEntryAction
{
    Tier,
    Withdraw,
    Object,
    Answer,
}

/// <summary>What the line's action form asks for: the tier, the reason, objection or answer text, the day received, upheld.</summary>
public sealed record AidEntryActionRequest(AidEntryRow Entry, AidEntryAction Action, long TierFen, string? Text, DateOnly? RaisedOn, bool Upheld);
