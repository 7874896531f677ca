using System.Net.Http.Headers;

namespace TechSchoolAid.Web.Tests;

public sealed partial class AuthorizationMatrixTests
{
    /// <summary>
    /// The rows of issue 13's status-change endpoints: entry with its evidence in one multipart call (the entry's rule:
    /// the school's records staff, own school's student), the kind rules read by every role with ViewStudents, and set by
    /// the ministry (nation) or a province (its own schools) with ManagePolicy. A rule set here is for 留级 and asks for
    /// no evidence, on a day of its own, so it changes nothing another row relies on.
    /// </summary>
    private static Endpoint[] StatusChangeRulesEndpoints =>
    [
        new("POST /api/v1/students/{id}/status-changes/with-evidence", Targets.Student, false,
            async c => new HttpRequestMessage(HttpMethod.Post, $"/api/v1/students/{await ChangeStudentOf(c)}/status-changes/with-evidence") { Content = SuspensionForm() },
            c => !ChangeClerks.Contains(c.Caller.Key) ? Is(403, "lacks ManageStatusChanges (school records staff only)")
                : c.Target == Outside ? Is(404, "student outside its scope is not found")
                : Is(201, "school records staff, own school's active student, change and evidence saved together")),
        new("GET /api/v1/status-changes/kind-rules", Targets.None, false, _ => Get("/api/v1/status-changes/kind-rules"),
            _ => Is(200, "ViewStudents (every role)")),
        new("POST /api/v1/status-changes/kind-rules", Targets.None, false,
            _ => Json(HttpMethod.Post, "/api/v1/status-changes/kind-rules", new
            {
                kind = "Repeat", validFrom = $"2027-{1 + (Interlocked.Increment(ref _counter) % 12):00}-{1 + (_counter % 28):00}", evidenceRequired = false,
                source = "授权矩阵测试：留级不要求证明材料",
            }),
            c => Permission(PolicyKeepers.Contains(c.Caller.Key), 200, "ManagePolicy (ministry for the nation, province for its own schools)")),
    ];

    private static MultipartFormDataContent SuspensionForm()
    {
        var file = new ByteArrayContent(StatusChangeApi.Png);
        file.Headers.ContentType = MediaTypeHeaderValue.Parse("image/png");
        return new MultipartFormDataContent
        {
            { new StringContent("Suspension"), "kind" },
            { new StringContent("2026-10-12"), "occurredOn" },
            { new StringContent("2027-03-01"), "expectedReturnOn" },
            { new StringContent("因病休学，监护人申请"), "reason" },
            { file, "files", "休学申请.png" },
        };
    }
}
