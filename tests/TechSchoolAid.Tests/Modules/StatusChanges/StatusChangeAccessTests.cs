using TechSchoolAid.Kernel;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Audit.Contracts;
using TechSchoolAid.Modules.StatusChanges.Contracts;

namespace TechSchoolAid.Tests.Modules.StatusChanges;

/// <summary>StatusChangeAccess: the approver is chosen by the change; undo is always the authority's; the audit catalogue keeps the stored codes.</summary>
public sealed class StatusChangeAccessTests
{
    private const string SchoolPath = "/44/4401/44010004/";

    private static readonly Actor City = new("city-4401", "", Role.CityReviewer, "4401", OrgLevel.City, "/44/4401/", null);
    private static readonly Actor Province = new("prov-44", "", Role.ProvinceAdmin, "44", OrgLevel.Province, "/44/", null);
    private static readonly Actor SchoolAdmin = new("school-44010004", "", Role.SchoolAdmin, "44010004", OrgLevel.School, SchoolPath, null);
    private static readonly Actor Clerk = new("school-44010004-records", "", Role.SchoolRecordsOfficer, "44010004", OrgLevel.School, SchoolPath, null);

    [Fact]
    public void Approver_KindNeedingTheAuthority_IsTheDirectSupervisorOnly()
    {
        var rule = StatusChangeAccess.ApproverOf(StatusChangeKind.Withdrawal.NeedsAuthority(), StatusChangeKind.Withdrawal);
        Assert.True(City.May(rule, SchoolPath));
        Assert.False(Province.May(rule, SchoolPath));
        Assert.False(SchoolAdmin.May(rule, SchoolPath));
        Assert.False(Clerk.May(rule, SchoolPath));
    }

    [Fact]
    public void Approver_SchoolLevelKind_IsTheSchoolAdministratorWithTheKindInTheRefusal()
    {
        var rule = StatusChangeAccess.ApproverOf(StatusChangeKind.Suspension.NeedsAuthority(), StatusChangeKind.Suspension);
        Assert.True(SchoolAdmin.May(rule, SchoolPath));
        Assert.False(City.May(rule, SchoolPath));
        Assert.False(Clerk.May(rule, SchoolPath));
        Assert.Contains("休学", rule.Denied);
    }

    [Fact]
    public void Undo_IsTheAuthoritysEvenForSchoolLevelKinds()
    {
        Assert.True(City.May(StatusChangeAccess.Undo, SchoolPath));
        Assert.False(SchoolAdmin.May(StatusChangeAccess.Undo, SchoolPath));
        Assert.Equal(["approve", "return", "undo"], City.ActionsOn(SchoolPath, StatusChangeAccess.ApproveByAuthority, StatusChangeAccess.ReturnByAuthority, StatusChangeAccess.Undo, StatusChangeAccess.Submit));
    }

    [Fact]
    public void Clerk_OwnSchoolOnly()
    {
        Assert.True(Clerk.May(StatusChangeAccess.Submit, SchoolPath));
        Assert.False(Clerk.May(StatusChangeAccess.Submit, "/44/4401/44010007/"));
        Assert.False(City.May(StatusChangeAccess.Clerk));
    }

    [Fact]
    public void AuditCatalogue_KeepsTheStoredCodesOfStatusChangesAndGraduation()
    {
        string[] codes =
        [
            "status_change.entered", "status_change.submitted", "status_change.transfer_proposed", "status_change.accepted", "status_change.approved",
            "status_change.returned", "status_change.undone", "status_change.evidence_added", "student.transferred_out", "student.transferred_in",
            "graduation.round_opened", "graduation.assessed", "graduation.entry_removed", "graduation.submitted", "graduation.returned",
            "graduation.approved", "graduation.certificate_upgraded",
        ];
        foreach (var code in codes)
        {
            Assert.NotNull(AuditCatalogue.Find(code));
        }

        Assert.Equal("Student", AuditCatalogue.Find("student.transferred_in")!.Subject);
        Assert.Equal("Certificate", AuditCatalogue.Find("graduation.certificate_upgraded")!.Subject);
    }
}
