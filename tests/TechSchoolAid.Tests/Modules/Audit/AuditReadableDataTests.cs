using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using TechSchoolAid.Kernel;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Errors;
using TechSchoolAid.Modules.Accounts.Contracts;
using TechSchoolAid.Modules.Audit.Features;
using TechSchoolAid.Modules.Students.Contracts;
using TechSchoolAid.Modules.Students.Features;
using TechSchoolAid.Tests.Support;

namespace TechSchoolAid.Tests.Modules.Audit;

/// <summary>
/// Issue 13, items 8 and 9 on a real database, once per provider: account names resolve to people in one query (also the
/// reviewer above the caller's scope), and the audit log is filtered by person, school, student, action and date in SQL,
/// inside the caller's scope, with its values as labelled Chinese fields.
/// </summary>
public sealed class AuditReadableDataTests
{
    private const string School = "44010004"; // 市管, city 4401, province 44

    /// <summary>A registration collected, verified and submitted by the school, approved by the city: audited steps by two people.</summary>
    private static async Task<(Guid Id, string Name)> ApprovedStudentAsync(TestDatabase db, string name)
    {
        var admin = await db.ActorOf($"school-{School}");
        var city = await db.ActorOf("city-4401");
        var record = await db.As(admin, sp => sp.GetRequiredService<RegisterStudent>().HandleAsync(School, TestIds.Student(TestIds.Make(birth: "20100606"), name), default));
        await db.As(admin, sp => sp.GetRequiredService<VerifyRegistration>().HandleAsync(School, [record.Id], null, default));
        await db.As(admin, sp => sp.GetRequiredService<SubmitRegistrations>().HandleAsync(School, [record.Id], default));
        await db.As(city, sp => sp.GetRequiredService<ApproveRegistrations>().HandleAsync([record.Id], null, default));
        return (record.Id, name);
    }

    private static Task<TechSchoolAid.Kernel.PagedResult<AuditEventDto>> ListAsync(TestDatabase db, Actor actor, AuditFilter filter) =>
        db.As(actor, sp => sp.GetRequiredService<AuditQueries>().ListAsync(filter, default));

    [Theory]
    [BothDatabases]
    public async Task PersonNames_ResolveAPageOfAccountsInOneQuery_IncludingTheReviewerAboveTheSchool(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, studentsPerSchool: 1);
        var school = await db.ActorOf($"school-{School}-records");
        var city = await db.ActorOf("city-4401");
        var wanted = new[] { "city-4401", $"school-{School}", $"school-{School}-records", "prov-44-reviewer", "system:import", "nobody-here", "city-4401" };

        var (names, commands) = await db.As(school, async sp =>
        {
            var context = sp.GetRequiredService<TsaDbContext>();
            using var counter = new CommandCounter(context);
            var resolved = await sp.GetRequiredService<IPersonNames>().ResolveAsync(wanted, default);
            return (resolved, counter.Count);
        });

        Assert.Equal(1, commands);
        Assert.Equal(6, names.Count);
        Assert.Equal(city.DisplayName, names["city-4401"].DisplayName);
        Assert.Equal($"{city.DisplayName} · 广州市", names["city-4401"].Line);
        Assert.EndsWith(" · 广州市华信技师学院", names[$"school-{School}-records"].Line, StringComparison.Ordinal);
        Assert.Equal("系统", names["system:import"].Line);
        Assert.Equal("nobody-here", names["nobody-here"].Line);
        Assert.Empty(await db.As(school, sp => sp.GetRequiredService<IPersonNames>().ResolveAsync([null, "", " "], default)));
    }

    [Theory]
    [BothDatabases]
    public async Task AuditFilters_PersonSchoolStudentActionAndDate_InSqlAndInScope_WithChineseFields(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, studentsPerSchool: 1);
        var (id, name) = await ApprovedStudentAsync(db, "审计甲");
        var city = await db.ActorOf("city-4401");
        var province = await db.ActorOf("prov-44");
        var today = DateOnly.FromDateTime(TestDatabase.Now.UtcDateTime.AddHours(8));

        // The city reviewer, found by part of the person's name, and the approval among the registration actions.
        var byPerson = await ListAsync(db, province, new AuditFilter { Person = city.DisplayName[..2], Action = "student.approved", From = today, To = today });
        var approved = Assert.Single(byPerson.Items, e => e.SubjectId == id.ToString());
        Assert.Equal(("注册审核通过", "学籍与注册", "学生"), (approved.ActionName, approved.ModuleName, approved.SubjectName));
        Assert.Equal($"{city.DisplayName} · 广州市", approved.ActorName);
        Assert.StartsWith(name, approved.SubjectLabel, StringComparison.Ordinal);
        var state = Assert.Single(approved.Fields, f => f.Field == "state");
        Assert.Equal(("状态", RegistrationState.Submitted.ToChinese(), RegistrationState.Approved.ToChinese(), true), (state.Label, state.Old, state.New, state.Changed));
        var number = Assert.Single(approved.Fields, f => f.Field == "statusNumber");
        Assert.Equal(("学籍号", null), (number.Label, number.Old));
        Assert.All(byPerson.Items, e => Assert.Equal("student.approved", e.Action));

        // The student, by name and by 学籍号: every step of the registration, newest first.
        var byStudent = await ListAsync(db, province, new AuditFilter { Student = name });
        Assert.Subset(byStudent.Items.Select(e => e.Action).ToHashSet(), new HashSet<string> { "student.approved", "student.submitted", "student.verified", "student.registered" });
        Assert.Equal("student.approved", byStudent.Items[0].Action);
        var byNumber = await ListAsync(db, province, new AuditFilter { Student = number.New });
        Assert.Equal(byStudent.Total, byNumber.Total);

        // The school, by part of its name: its records' events only.
        var bySchool = await ListAsync(db, province, new AuditFilter { School = "华信", Action = "student." });
        Assert.Contains(bySchool.Items, e => e.SubjectId == id.ToString());
        Assert.All(bySchool.Items, e => Assert.StartsWith("student.", e.Action, StringComparison.Ordinal));
        Assert.Equal(0, (await ListAsync(db, province, new AuditFilter { School = "没有这所学校" })).Total);

        // Another province sees none of it, whoever it searches for.
        var sichuan = await db.ActorOf("prov-51");
        Assert.Equal(0, (await ListAsync(db, sichuan, new AuditFilter { Person = city.DisplayName })).Total);
        Assert.Equal(0, (await ListAsync(db, sichuan, new AuditFilter { Student = name })).Total);

        // A day before: nothing.
        Assert.Equal(0, (await ListAsync(db, province, new AuditFilter { Student = name, To = today.AddDays(-1) })).Total);
    }

    [Theory]
    [BothDatabases]
    public async Task AuditFilters_BadInput_400InChineseNamingTheField(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, studentsPerSchool: 1);
        var province = await db.ActorOf("prov-44");
        async Task<AppException> Refused(AuditFilter f) => await Assert.ThrowsAsync<AppException>(() => ListAsync(db, province, f));

        var reversed = await Refused(new AuditFilter { From = new DateOnly(2026, 10, 20), To = new DateOnly(2026, 10, 1) });
        Assert.Equal(ErrorKind.Validation, reversed.Kind);
        Assert.Contains("to", reversed.Errors.Keys);
        Assert.Contains("早于开始日期", reversed.Message, StringComparison.Ordinal);
        Assert.Contains("from", (await Refused(new AuditFilter { From = new DateOnly(1, 1, 1) })).Errors.Keys);
        var longPerson = await Refused(new AuditFilter { Person = new string('王', 51) });
        Assert.Contains("人员不能超过 50 个字符", longPerson.Message, StringComparison.Ordinal);
        Assert.Contains("student", (await Refused(new AuditFilter { Student = "张\u202E三" })).Errors.Keys);
        Assert.Contains("school", (await Refused(new AuditFilter { School = "a\u0000b" })).Errors.Keys);
    }

    /// <summary>Counts the commands one DbContext sends (other tests' contexts, running in parallel, are not counted).</summary>
    private sealed class CommandCounter : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
    {
        private readonly DbContext _context;
        private readonly IDisposable _all;
        private readonly List<IDisposable> _listeners = [];
        private int _count;

        public CommandCounter(DbContext context)
        {
            _context = context;
            _all = DiagnosticListener.AllListeners.Subscribe(this);
        }

        public int Count => _count;

        public void OnNext(DiagnosticListener value)
        {
            if (value.Name == DbLoggerCategory.Name)
            {
                _listeners.Add(value.Subscribe(this));
            }
        }

        public void OnNext(KeyValuePair<string, object?> value)
        {
            if (value.Key == RelationalEventId.CommandExecuted.Name && value.Value is CommandExecutedEventData data && ReferenceEquals(data.Context, _context))
            {
                Interlocked.Increment(ref _count);
            }
        }

        public void OnCompleted()
        {
        }

        public void OnError(Exception error)
        {
        }

        public void Dispose()
        {
            _all.Dispose();
            _listeners.ForEach(l => l.Dispose());
        }
    }
}
