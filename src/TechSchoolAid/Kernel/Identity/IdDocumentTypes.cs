using System.Globalization;

namespace TechSchoolAid.Kernel.Identity;

/// <summary>Identity documents accepted for student registration.</summary>
/// <remarks>Numeric values are persisted and exchanged with the national system; never renumber.</remarks>
public enum IdDocumentType
{
    ResidentIdCard = 1,
    HkMacaoTaiwanResidencePermit = 2,
    ForeignPermanentResidentCard = 3,
    Passport = 4,
}

/// <summary>Sex as recorded on identity documents.</summary>
/// <remarks>Values match the GB/T 2261.1 codes (1 = 男, 2 = 女) so they can be exchanged as-is.</remarks>
public enum Sex
{
    Male = 1,
    Female = 2,
}

/// <summary>
/// Outcome of <see cref="IdDocument.Check"/>. <see cref="Normalized"/>, <see cref="BirthDate"/> and
/// <see cref="Sex"/> are only populated when the number is valid, so callers cannot accidentally
/// persist data derived from a rejected number.
/// </summary>
public sealed record IdDocumentCheck(bool IsValid, string? Normalized, DateOnly? BirthDate, Sex? Sex, string? Error)
{
    internal static IdDocumentCheck Fail(string error) => new(false, null, null, null, error);

    internal static IdDocumentCheck Ok(string normalized, DateOnly? birthDate, Sex? sex) =>
        new(true, normalized, birthDate, sex, null);
}

public static class IdDocumentTypeExtensions
{
    extension(IdDocumentType type)
    {
        public string ToChinese() => type switch
        {
            IdDocumentType.ResidentIdCard => "居民身份证",
            IdDocumentType.HkMacaoTaiwanResidencePermit => "港澳台居民居住证",
            IdDocumentType.ForeignPermanentResidentCard => "外国人永久居留身份证",
            IdDocumentType.Passport => "护照",
            _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Unknown identity document type."),
        };

        /// <summary>
        /// Parses what clerks type or what spreadsheets contain: the Chinese name (or the colloquial 身份证),
        /// the numeric code, or the English enum name.
        /// </summary>
        public static bool TryParseChinese(string? text, out IdDocumentType result)
        {
            result = default;
            if (text is null)
            {
                return false;
            }

            var value = text.Trim();
            IdDocumentType? parsed = value switch
            {
                "居民身份证" or "身份证" => IdDocumentType.ResidentIdCard,
                "港澳台居民居住证" => IdDocumentType.HkMacaoTaiwanResidencePermit,
                "外国人永久居留身份证" => IdDocumentType.ForeignPermanentResidentCard,
                "护照" => IdDocumentType.Passport,
                _ => null,
            };
            parsed ??= EnumText.Parse<IdDocumentType>(value);
            if (parsed is null)
            {
                return false;
            }

            result = parsed.Value;
            return true;
        }
    }
}

public static class SexExtensions
{
    extension(Sex sex)
    {
        public string ToChinese() => sex switch
        {
            Sex.Male => "男",
            Sex.Female => "女",
            _ => throw new ArgumentOutOfRangeException(nameof(sex), sex, "Unknown sex."),
        };

        /// <summary>Accepts 男/女, and also the GB/T 2261.1 codes 1/2 and the English enum names.</summary>
        public static bool TryParseChinese(string? text, out Sex result)
        {
            result = default;
            if (text is null)
            {
                return false;
            }

            var value = text.Trim();
            Sex? parsed = value switch
            {
                "男" => Sex.Male,
                "女" => Sex.Female,
                _ => EnumText.Parse<Sex>(value),
            };
            if (parsed is null)
            {
                return false;
            }

            result = parsed.Value;
            return true;
        }
    }
}

file static class EnumText
{
    // Enum.TryParse is deliberately avoided: it accepts undefined numbers ("99") and flag
    // combinations ("1,2"), both of which would slip bogus values into the database.
    public static TEnum? Parse<TEnum>(string value)
        where TEnum : struct, Enum
    {
        if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            foreach (var candidate in Enum.GetValues<TEnum>())
            {
                if (Convert.ToInt32(candidate, CultureInfo.InvariantCulture) == number)
                {
                    return candidate;
                }
            }

            return null;
        }

        foreach (var candidate in Enum.GetValues<TEnum>())
        {
            if (string.Equals(candidate.ToString(), value, StringComparison.OrdinalIgnoreCase))
            {
                return candidate;
            }
        }

        return null;
    }
}
