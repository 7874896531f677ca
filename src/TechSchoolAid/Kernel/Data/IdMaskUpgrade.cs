using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace TechSchoolAid.Kernel.Data;

/// <summary>
/// Rows written before the stronger mask (docs/adr/0003) carry the old one (<c>440524********5368</c>: region and
/// sequence in clear, only the birth date hidden). The masked copies live in several modules' tables, so this finds
/// every <c>…IdNumberMasked</c> column through the model rather than naming tables, and rewrites an old 18- or 15-character
/// mask to the new one (<c>440**************8</c>) in SQL both providers understand. Rows already in the new form are
/// left alone, so running it at every start changes nothing the second time.
/// </summary>
public static class IdMaskUpgrade
{
    public static async Task<int> RunAsync(TsaDbContext db, CancellationToken ct)
    {
        var changed = 0;
        foreach (var entity in db.Model.GetEntityTypes().Where(e => e.BaseType is null && e.GetTableName() is not null))
        {
            var store = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
            foreach (var property in entity.GetProperties().Where(p => p.Name.EndsWith("IdNumberMasked", StringComparison.Ordinal)))
            {
                var table = entity.GetSchema() is { } schema ? $"\"{schema}\".\"{entity.GetTableName()}\"" : $"\"{entity.GetTableName()}\"";
                var c = $"\"{property.GetColumnName(store)}\"";
                foreach (var length in new[] { 18, 15 })
                {
                    var stars = new string('*', length - 4);
                    var sql = $"UPDATE {table} SET {c} = substr({c}, 1, 3) || '{stars}' || substr({c}, {length}, 1) " +
                        $"WHERE length({c}) = {length} AND substr({c}, 4, {length - 4}) <> '{stars}'";
#pragma warning disable EF1002, EF1003 // identifiers come from the model and the lengths are constants: nothing from a user
                    changed += await db.Database.ExecuteSqlRawAsync(sql, ct);
#pragma warning restore EF1002, EF1003
                }
            }
        }

        return changed;
    }
}
