namespace TechSchoolAid.Web.Components.Pages.Registrations;

/// <summary>One batch of the review page's batch table: its students in view, and whether the caller decides it.</summary>
public sealed record PendingBatchRow(Guid Id, string Number, string SchoolCode, string SchoolName, string SubmittedBy, DateTime? SubmittedAt, int Count, bool Mine, string ReviewerText);
