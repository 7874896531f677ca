namespace TechSchoolAid.Web.Tests;

public sealed partial class AuthorizationMatrixTests
{
    // HandleComplaints: school admin and aid officer, city reviewer, province admin and reviewer, ministry admin.
    private static readonly HashSet<string> ComplaintHandlers = ["ministry-admin", "province-admin", "province-reviewer", "city-reviewer", "school-admin", "school-aid-officer"];

    /// <summary>
    /// The rows of the PublicSite module. The public endpoints (filing, following, school search, hotlines) answer
    /// everyone alike, signed in or not; each public request comes from its own client address so the per-address limits
    /// stay out of the matrix. A complaint outside the caller's scope is 404; a transfer target outside it is bad input
    /// (400 naming toOrganizationCode). The hotline is kept only by its own province or the ministry (OwnOrganization);
    /// the answer deadlines only by the ministry.
    /// </summary>
    private static Endpoint[] PublicSiteEndpoints =>
    [
        new("POST /api/v1/public/complaints", Targets.None, true,
            _ => Task.FromResult(PublicSiteApi.Post("/api/v1/public/complaints", PublicSiteApi.Complaint(OwnSchool))),
            _ => Is(201, "public: anyone may file")),
        new("POST /api/v1/public/complaints/track", Targets.None, true,
            _ => Task.FromResult(PublicSiteApi.Post("/api/v1/public/complaints/track", new { trackingNumber = "TS-2026-2222-2222", phoneLastFour = "1234" })),
            _ => Is(404, "public: an unknown number answers 404")),
        new("GET /api/v1/public/schools", Targets.None, true, _ => Get("/api/v1/public/schools?q=4401"), _ => Is(200, "public")),
        new("GET /api/v1/public/hotlines", Targets.None, true, _ => Get("/api/v1/public/hotlines"), _ => Is(200, "public")),
        new("GET /api/v1/complaints", Targets.None, false, _ => Get("/api/v1/complaints?filter=Open"),
            c => Permission(ComplaintHandlers.Contains(c.Caller.Key), 200, "HandleComplaints")),
        new("GET /api/v1/complaints/{id}", Targets.School, false,
            async c => new HttpRequestMessage(HttpMethod.Get, $"/api/v1/complaints/{await PublicSiteApi.FiledIdAsync(c.App, c.School)}"),
            c => ComplaintRead(c, 200)),
        new("POST /api/v1/complaints/{id}/answer", Targets.School, false,
            async c => await Versioned(c.App, Json(HttpMethod.Post, $"/api/v1/complaints/{await PublicSiteApi.FiledIdAsync(c.App, c.School)}/answer",
                new { answer = "经核实，助学金已于本月发放到卡。", upheld = false })),
            c => ComplaintRead(c, 200)),
        new("POST /api/v1/complaints/{id}/transfer", Targets.School, false,
            async c =>
            {
                // Inside: a complaint about the province (province, ministry) or about the own school (city, school).
                var id = c.Target == Outside || c.Caller.Level is "city" or "school" || c.Caller.IsAnonymous
                    ? await PublicSiteApi.FiledIdAsync(c.App, c.School)
                    : await PublicSiteApi.FiledIdAsync(c.App, null, "44");
                var to = c.Caller.Level is "city" or "school" ? "44010007" : OwnSchool;
                return await Versioned(c.App, Json(HttpMethod.Post, $"/api/v1/complaints/{id}/transfer", new { toOrganizationCode = to, reason = "由学校直接答复" }));
            },
            c => !ComplaintHandlers.Contains(c.Caller.Key) ? Is(403, "lacks HandleComplaints")
                : c.Target == Outside ? Is(404, "complaint outside its scope is not found")
                : c.Caller.Level == "school" ? Is(400, "another school is outside a school's scope: bad input naming toOrganizationCode")
                : Is(200, "HandleComplaints, to an organisation in its scope")),
        new("GET /api/v1/complaint-deadlines", Targets.None, false, _ => Get("/api/v1/complaint-deadlines"),
            c => Permission(ComplaintHandlers.Contains(c.Caller.Key), 200, "HandleComplaints")),
        new("POST /api/v1/complaint-deadlines", Targets.None, false,
            _ => Json(HttpMethod.Post, "/api/v1/complaint-deadlines", new
            {
                kind = "Consultation", answerWorkingDays = 5, source = "测试依据",
                validFrom = new DateOnly(2027, 1, 1).AddDays(Interlocked.Increment(ref _counter)).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            }),
            c => c.Caller.Key == "ministry-admin" ? Is(201, "ManagePublicInfo at the ministry")
                : c.Caller.Key == "province-admin" ? Is(403, "ManagePublicInfo, but the deadlines are the ministry's")
                : Is(403, "lacks ManagePublicInfo")),
        new("PUT /api/v1/hotlines/{organizationCode}", Targets.School, false,
            c => Json(HttpMethod.Put, $"/api/v1/hotlines/{HotlineOrgOf(c)}", new
            {
                consultationPhone = "020-00000044", complaintPhone = "020-00004400", address = "广州市（测试地址）", hours = "工作日 9:00-17:00", email = "zizhu@example.cn",
            }),
            c => c.Caller.Key is "ministry-admin" or "province-admin"
                ? c.Target == Outside ? Is(403, "another province's hotline") : Is(200, "ManagePublicInfo, own organisation")
                : Is(403, "lacks ManagePublicInfo")),
    ];

    private static Expectation ComplaintRead(Cell c, int success) =>
        !ComplaintHandlers.Contains(c.Caller.Key) ? Is(403, "lacks HandleComplaints")
        : c.Target == Outside ? Is(404, "complaint outside its scope is not found")
        : Is(success, "HandleComplaints, in scope");

    /// <summary>The organisation whose hotline a cell edits: the caller's own (province 44, the ministry) or another province's.</summary>
    private static string HotlineOrgOf(Cell c) => c.Target == Outside ? "51" : c.Caller.Level == "ministry" ? "000000" : "44";
}
