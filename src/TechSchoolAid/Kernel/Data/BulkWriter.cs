using System.Data.Common;
using System.Linq.Expressions;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;

namespace TechSchoolAid.Kernel.Data;

/// <summary>
/// The one bulk writer: writes new rows of one mapped entity into its table inside the caller's open transaction,
/// bypassing EF's change tracker — binary <c>COPY</c> on PostgreSQL with typed cell writers compiled once per column, one
/// prepared <c>INSERT</c> reused for every row on SQLite. The columns and their conversions come from the EF model, so a
/// column added to the entity is written without a change here. Callers check scope and record the audit event
/// themselves (see <see cref="TsaDbContext.InsertManyAsync{T}"/> and the bulk student import).
/// </summary>
/// <typeparam name="T">A mapped entity type.</typeparam>
public abstract class BulkWriter<T>
    where T : class
{
    private protected BulkWriter(TsaDbContext db)
    {
        var entity = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not mapped.");
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        TableName = entity.GetTableName()!;
        Columns = entity.GetProperties()
            .Select(p => new Column(p, p.GetColumnName(table)!, p.GetTypeMapping() as RelationalTypeMapping))
            .ToArray();
    }

    public string TableName { get; }

    private protected Column[] Columns { get; }

    public static BulkWriter<T> For(TsaDbContext db) => db.IsPostgres ? new PostgresWriter(db) : new SqliteWriter(db);

    public abstract Task WriteAsync(TsaDbContext db, IReadOnlyCollection<T> records, CancellationToken ct);

    private protected sealed record Column(IProperty Property, string Name, RelationalTypeMapping? Mapping)
    {
        private readonly IClrPropertyGetter _getter = Property.GetGetter();

        /// <summary>The value as the database stores it (enums as integers, through the model's converters).</summary>
        public object? ProviderValue(T record)
        {
            var value = _getter.GetClrValueUsingContainingEntity(record);
            var converter = Mapping?.Converter ?? Property.GetValueConverter();
            return value is null ? null : converter is null ? value : converter.ConvertToProvider(value);
        }
    }

    private sealed class PostgresWriter : BulkWriter<T>
    {
        private readonly Action<NpgsqlBinaryImporter, T>[] _cells;

        public PostgresWriter(TsaDbContext db)
            : base(db) => _cells = Columns.Select(CellWriter).ToArray();

        public override async Task WriteAsync(TsaDbContext db, IReadOnlyCollection<T> records, CancellationToken ct)
        {
            var connection = (NpgsqlConnection)db.Database.GetDbConnection();
            var copy = $"COPY \"{TableName}\" ({string.Join(", ", Columns.Select(c => $"\"{c.Name}\""))}) FROM STDIN (FORMAT BINARY)";
            await using var importer = await connection.BeginBinaryImportAsync(copy, ct);

            // Synchronous, typed writes: each only fills Npgsql's buffer (flushed as it fills); an await or a boxed value
            // per cell costs more than the cell.
            foreach (var record in records)
            {
                ct.ThrowIfCancellationRequested();
                importer.StartRow();
                foreach (var cell in _cells)
                {
                    cell(importer, record);
                }
            }

            await importer.CompleteAsync(ct);
        }

        /// <summary>
        /// (importer, record) => importer.Write&lt;T&gt;(record.Property, type), compiled once per column; enums as their
        /// integers (the model's only converter). Any other converter takes the general, boxed path.
        /// </summary>
        private static Action<NpgsqlBinaryImporter, T> CellWriter(Column c)
        {
            var dbType = TypeOf(c);
            var converter = c.Mapping?.Converter ?? c.Property.GetValueConverter();
            var info = c.Property.PropertyInfo;
            var clr = Nullable.GetUnderlyingType(c.Property.ClrType) ?? c.Property.ClrType;
            if (info is null || (converter is not null && !(clr.IsEnum && converter.ProviderClrType == typeof(int))))
            {
                return (importer, record) =>
                {
                    var value = c.ProviderValue(record);
                    if (value is null)
                    {
                        importer.WriteNull();
                    }
                    else
                    {
                        importer.Write(value, dbType);
                    }
                };
            }

            var importerParam = Expression.Parameter(typeof(NpgsqlBinaryImporter), "importer");
            var recordParam = Expression.Parameter(typeof(T), "record");
            Expression property = Expression.Property(recordParam, info);
            var target = clr.IsEnum ? typeof(int) : clr;
            var write = typeof(NpgsqlBinaryImporter).GetMethods()
                .Single(m => m.Name == nameof(NpgsqlBinaryImporter.Write) && m.IsGenericMethodDefinition
                    && m.GetParameters() is [_, { ParameterType: var p }] && p == typeof(NpgsqlDbType))
                .MakeGenericMethod(target);
            var writeNull = typeof(NpgsqlBinaryImporter).GetMethod(nameof(NpgsqlBinaryImporter.WriteNull), Type.EmptyTypes)!;
            var nullable = !info.PropertyType.IsValueType || Nullable.GetUnderlyingType(info.PropertyType) is not null;
            Expression value = Nullable.GetUnderlyingType(info.PropertyType) is not null ? Expression.Property(property, "Value") : property;
            if (clr.IsEnum)
            {
                value = Expression.Convert(value, typeof(int));
            }

            Expression body = Expression.Call(importerParam, write, value, Expression.Constant(dbType));
            if (nullable)
            {
                body = Expression.IfThenElse(Expression.Equal(property, Expression.Constant(null, info.PropertyType)), Expression.Call(importerParam, writeNull), body);
            }

            return Expression.Lambda<Action<NpgsqlBinaryImporter, T>>(body, importerParam, recordParam).Compile();
        }

        private static NpgsqlDbType TypeOf(Column c)
        {
            var clr = c.Mapping?.Converter?.ProviderClrType ?? c.Property.GetValueConverter()?.ProviderClrType ?? c.Property.ClrType;
            clr = Nullable.GetUnderlyingType(clr) ?? clr;
            return clr switch
            {
                _ when clr == typeof(Guid) => NpgsqlDbType.Uuid,
                _ when clr == typeof(string) => NpgsqlDbType.Varchar,
                _ when clr == typeof(int) => NpgsqlDbType.Integer,
                _ when clr == typeof(long) => NpgsqlDbType.Bigint,
                _ when clr == typeof(short) => NpgsqlDbType.Smallint,
                _ when clr == typeof(bool) => NpgsqlDbType.Boolean,
                _ when clr == typeof(DateOnly) => NpgsqlDbType.Date,
                _ when clr == typeof(DateTime) => NpgsqlDbType.TimestampTz,
                _ when clr == typeof(byte[]) => NpgsqlDbType.Bytea,
                _ when clr == typeof(decimal) => NpgsqlDbType.Numeric,
                _ when clr == typeof(double) => NpgsqlDbType.Double,
                _ when clr == typeof(float) => NpgsqlDbType.Real,
                _ when clr == typeof(DateTimeOffset) => NpgsqlDbType.TimestampTz,
                _ when clr == typeof(TimeOnly) => NpgsqlDbType.Time,
                _ => throw new NotSupportedException($"Bulk writer: no PostgreSQL type for {c.Name} ({clr.Name})."),
            };
        }
    }

    private sealed class SqliteWriter(TsaDbContext db) : BulkWriter<T>(db)
    {
        public override async Task WriteAsync(TsaDbContext db, IReadOnlyCollection<T> records, CancellationToken ct)
        {
            var connection = (SqliteConnection)db.Database.GetDbConnection();
            await using var command = connection.CreateCommand();
            command.Transaction = (SqliteTransaction?)db.Database.CurrentTransaction?.GetDbTransaction();
            command.CommandText = $"INSERT INTO \"{TableName}\" ({string.Join(", ", Columns.Select(c => $"\"{c.Name}\""))}) VALUES ({string.Join(", ", Columns.Select((_, i) => $"$p{i}"))})";
            var parameters = new DbParameter[Columns.Length];
            for (var i = 0; i < Columns.Length; i++)
            {
                // EF's own type mapping makes the parameter, so values are stored exactly as EF stores them (GUIDs, dates).
                parameters[i] = Columns[i].Mapping is { } mapping
                    ? mapping.CreateParameter(command, $"$p{i}", null, Columns[i].Property.IsNullable)
                    : new SqliteParameter($"$p{i}", DBNull.Value);
                command.Parameters.Add(parameters[i]);
            }

            command.Prepare();
            foreach (var record in records)
            {
                for (var i = 0; i < Columns.Length; i++)
                {
                    parameters[i].Value = Columns[i].ProviderValue(record) ?? DBNull.Value;
                }

                command.ExecuteNonQuery();
            }
        }
    }
}
