using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using System.Numerics;
using TechSchoolAid.Kernel.Errors;
using TechSchoolAid.Modules.CrossCheck.Contracts;
using TechSchoolAid.Modules.CrossCheck.Features;
using TechSchoolAid.Seeding.National;

namespace TechSchoolAid.Cli;

/// <summary>
/// The options several commands share, each declared once with its help, default and validation, so that a bad value is
/// refused while parsing (exit 2, nothing done) rather than half-way through the work. Each call makes a new instance:
/// a System.CommandLine symbol belongs to one command.
/// </summary>
public static class CliOptions
{
    public static Option<int> Seed() => Number("--seed", "随机种子：同样的种子和规模生成完全相同的文件", "N",
        new NationalDataOptions().Seed, _ => true, "");

    public static Option<double> Scale() => Number("--scale", "规模：1 = 全国（约 2,600 所学校、500 万学生），0.01 = 快速小样本；大于 0，不超过 10", "S",
        1.0, v => v is > 0 and <= 10, "--scale 应在 0 到 10 之间（1 = 全国规模，0.01 = 快速小样本）。");

    public static Option<int?> Students() => OptionalNumber<int>("--students", "学生人数（代替按规模计算的人数）", "N",
        v => v >= 1, "--students 不能小于 1。");

    public static Option<int?> Schools() => OptionalNumber<int>("--schools", "学校数（代替按规模计算的校数；每个省级单位至少一所）", "N",
        v => v >= 1, "--schools 不能小于 1。");

    /// <summary>
    /// A number read with the invariant culture and checked against its range in one step: a validator added after the
    /// parse would throw on a value that is not a number at all instead of saying so.
    /// </summary>
    public static Option<T> Number<T>(string name, string description, string helpName, T defaultValue, Func<T, bool> inRange, string rangeMessage)
        where T : struct, INumber<T> => new(name)
    {
        Description = description,
        HelpName = helpName,
        DefaultValueFactory = _ => defaultValue,
        CustomParser = r => r.Tokens.Count == 0 ? defaultValue : Parse(name, r, inRange, rangeMessage) ?? defaultValue,
    };

    /// <summary>A number the command may leave out (null: the command's own default).</summary>
    public static Option<T?> OptionalNumber<T>(string name, string description, string helpName, Func<T, bool> inRange, string rangeMessage)
        where T : struct, INumber<T> => new(name)
    {
        Description = description,
        HelpName = helpName,
        CustomParser = r => r.Tokens.Count == 0 ? null : Parse(name, r, inRange, rangeMessage),
    };

    private static T? Parse<T>(string name, ArgumentResult result, Func<T, bool> inRange, string rangeMessage)
        where T : struct, INumber<T>
    {
        var text = result.Tokens[^1].Value;
        if (!T.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !T.IsFinite(value))
        {
            result.AddError($"{name} 应是{(T.Zero is double or float or decimal ? "数字" : "整数")}，“{text}”不是。");
            return null;
        }

        if (!inRange(value))
        {
            result.AddError(rangeMessage);
            return null;
        }

        return value;
    }

    /// <summary>A check month, YYYY-MM.</summary>
    public static Option<string> Month(string description)
    {
        var month = new Option<string>("--month") { Description = description, HelpName = "YYYY-MM", Required = true };
        month.Validators.Add(r =>
        {
            if (!CheckMonth.TryParse(r.GetValueOrDefault<string>(), out _))
            {
                r.AddError("--month 应为比对月份 YYYY-MM（如 2026-10）。");
            }
        });
        return month;
    }

    /// <summary>An aid term, 2026-autumn or 2027-spring; checked by the same parser the commands use.</summary>
    public static Option<string> Term(string? defaultValue = null)
    {
        var term = new Option<string>("--term")
        {
            Description = "学期：学年-autumn 或 学年-spring（2026-autumn 是 2026-2027 学年秋季学期）",
            HelpName = "YYYY-autumn|YYYY-spring",
            Required = defaultValue is null,
        };
        if (defaultValue is not null)
        {
            term.DefaultValueFactory = _ => defaultValue;
        }

        term.Validators.Add(r =>
        {
            try
            {
                ExchangeExport.ParseTerm(r.GetValueOrDefault<string>());
            }
            catch (AppException ex)
            {
                r.AddError("--term：" + ex.Message);
            }
        });
        term.CompletionSources.Add(_ => ["2026-autumn", "2026-spring", "2027-spring"]);
        return term;
    }

    /// <summary>An input file that must exist.</summary>
    public static Argument<FileInfo> ExistingFile(string name, string description)
    {
        var file = new Argument<FileInfo>(name) { Description = description };
        file.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<FileInfo>() is { Exists: false } f)
            {
                r.AddError($"文件不存在：{f}");
            }
        });
        return file;
    }

    /// <summary>The output file a command writes; not a folder, and with <paramref name="folderMustExist"/> in a folder that exists.</summary>
    public static Option<FileInfo> OutputFile(string description, bool folderMustExist)
    {
        var output = new Option<FileInfo>("--out") { Description = description, HelpName = "FILE", Required = true };
        output.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<FileInfo>() is not { } f)
            {
                return;
            }

            if (Directory.Exists(f.FullName))
            {
                r.AddError($"--out 应是文件，不是目录：{f}");
            }
            else if (folderMustExist && f.Directory is not { Exists: true })
            {
                r.AddError($"--out 所在的目录不存在：{f.DirectoryName}");
            }
        });
        return output;
    }
}
