using Microsoft.Extensions.DependencyInjection;

namespace TechSchoolAid.Modules.Todo;

public enum TodoKind
{
    WaitingForMe = 1, // 待我处理
    DueSoon = 2,      // 即将到期
    Late = 3,         // 已逾期
}

public sealed record TodoItem(TodoKind Kind, string Title, string Detail, string Link, DateOnly? DueDate);

/// <summary>Each module that gives users work implements this; the home page and the API gather them all (NTF-1).</summary>
public interface ITodoSource
{
    Task<IReadOnlyList<TodoItem>> ItemsAsync(CancellationToken ct);
}

public sealed class TodoPanel(IEnumerable<ITodoSource> sources)
{
    public async Task<IReadOnlyList<TodoItem>> ItemsAsync(CancellationToken ct)
    {
        var all = new List<TodoItem>();
        foreach (var source in sources)
        {
            all.AddRange(await source.ItemsAsync(ct));
        }

        return all.OrderByDescending(i => i.Kind).ThenBy(i => i.DueDate ?? DateOnly.MaxValue).ToList();
    }
}

public static class TodoModule
{
    public static IServiceCollection AddTodo(this IServiceCollection services) => services.AddScoped<TodoPanel>();
}
