using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Aid.Rounds.Contracts;
using TechSchoolAid.Modules.Todo;

namespace TechSchoolAid.Modules.Aid.Rounds.Features;

/// <summary>
/// NTF-1 for issue 13 item 6: the school's aid staff see each approved line whose student's status changed (休学, 退学,
/// 转出 …) until they stop or keep it; the first <see cref="Shown"/> by name, the rest counted.
/// </summary>
public sealed class AidStatusTodo(TsaDbContext db, AidStatusFlags flags) : ITodoSource
{
    public const int Shown = 10;

    public async Task<IReadOnlyList<TodoItem>> ItemsAsync(CancellationToken ct)
    {
        var actor = db.Actor;
        if (!actor.May(AidRoundAccess.Manage))
        {
            return [];
        }

        var mine = await flags.ListAsync(null, null, actor.ScopePath, ct);
        var items = mine.Take(Shown).Select(f => new TodoItem(TodoKind.WaitingForMe, "学籍变动，资助待处理",
            $"{f.ClassName} {f.StudentName}（{f.Term}{f.ItemText}）{f.Text}：请停发或确认保留", $"/aid/rounds/{f.RoundId}?statusFlags=1", null)).ToList();
        if (mine.Count > Shown)
        {
            items.Add(new TodoItem(TodoKind.WaitingForMe, "学籍变动，资助待处理",
                $"另有 {mine.Count - Shown} 名学生学籍已变动，审核通过的资助待停发或确认保留", "/aid/rounds", null));
        }

        return items;
    }
}
