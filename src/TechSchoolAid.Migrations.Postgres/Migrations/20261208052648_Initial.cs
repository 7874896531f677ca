using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

#pragma warning disable CA1814 // Prefer jagged arrays over multidimensional

namespace TechSchoolAid.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "aid_central_shares",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ProvinceCode = table.Column<string>(type: "character varying(2)", maxLength: 2, nullable: false),
                    CityCode = table.Column<string>(type: "character varying(4)", maxLength: 4, nullable: true),
                    SharePercent = table.Column<int>(type: "integer", nullable: false),
                    ValidFrom = table.Column<DateOnly>(type: "date", nullable: false),
                    ValidTo = table.Column<DateOnly>(type: "date", nullable: true),
                    Source = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_aid_central_shares", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "aid_deadline_reopenings",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ProvinceCode = table.Column<string>(type: "character varying(2)", maxLength: 2, nullable: false),
                    ScopePath = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    SchoolYear = table.Column<int>(type: "integer", nullable: false),
                    Semester = table.Column<int>(type: "integer", nullable: false),
                    Until = table.Column<DateOnly>(type: "date", nullable: false),
                    Reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    CreatedBy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_aid_deadline_reopenings", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "aid_designated_areas",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ProvinceCode = table.Column<string>(type: "character varying(2)", maxLength: 2, nullable: true),
                    ScopePath = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Kind = table.Column<int>(type: "integer", nullable: false),
                    CountyCodes = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: false),
                    ValidFrom = table.Column<DateOnly>(type: "date", nullable: false),
                    ValidTo = table.Column<DateOnly>(type: "date", nullable: true),
                    Source = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_aid_designated_areas", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "aid_national_ranges",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TierMinFen = table.Column<long>(type: "bigint", nullable: false),
                    TierMaxFen = table.Column<long>(type: "bigint", nullable: false),
                    NationalAverageFen = table.Column<long>(type: "bigint", nullable: false),
                    MinPublicationWorkingDays = table.Column<int>(type: "integer", nullable: false),
                    SpringDeadlineMonth = table.Column<int>(type: "integer", nullable: false),
                    SpringDeadlineDay = table.Column<int>(type: "integer", nullable: false),
                    AutumnDeadlineMonth = table.Column<int>(type: "integer", nullable: false),
                    AutumnDeadlineDay = table.Column<int>(type: "integer", nullable: false),
                    ValidFrom = table.Column<DateOnly>(type: "date", nullable: false),
                    ValidTo = table.Column<DateOnly>(type: "date", nullable: true),
                    Source = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_aid_national_ranges", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "aid_policies",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ProvinceCode = table.Column<string>(type: "character varying(2)", maxLength: 2, nullable: true),
                    ScopePath = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Title = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    ValidFrom = table.Column<DateOnly>(type: "date", nullable: false),
                    ValidTo = table.Column<DateOnly>(type: "date", nullable: true),
                    GrantGradeFrom = table.Column<int>(type: "integer", nullable: false),
                    GrantGradeTo = table.Column<int>(type: "integer", nullable: false),
                    GrantAverageFen = table.Column<long>(type: "bigint", nullable: false),
                    Tier1Fen = table.Column<long>(type: "bigint", nullable: false),
                    Tier1SharePercent = table.Column<int>(type: "integer", nullable: false),
                    Tier2Fen = table.Column<long>(type: "bigint", nullable: false),
                    Tier2SharePercent = table.Column<int>(type: "integer", nullable: false),
                    Tier3Fen = table.Column<long>(type: "bigint", nullable: true),
                    Tier3SharePercent = table.Column<int>(type: "integer", nullable: true),
                    AllRuralAreaCodes = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    PublicationWorkingDays = table.Column<int>(type: "integer", nullable: false),
                    ObjectionAnswerWorkingDays = table.Column<int>(type: "integer", nullable: false),
                    Source = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_aid_policies", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "audit_events",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Sequence = table.Column<long>(type: "bigint", nullable: false),
                    OccurredAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ActorUserName = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    ActorOrganizationCode = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    ScopePath = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    SubjectType = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    SubjectId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Action = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    OldValue = table.Column<string>(type: "text", nullable: true),
                    NewValue = table.Column<string>(type: "text", nullable: true),
                    ClientAddress = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    PreviousHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    HashAlgorithm = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_audit_events", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "calendar_days",
                columns: table => new
                {
                    Date = table.Column<DateOnly>(type: "date", nullable: false),
                    Kind = table.Column<int>(type: "integer", nullable: false),
                    Name = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_calendar_days", x => x.Date);
                });

            migrationBuilder.CreateTable(
                name: "certificate_lookups",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    AtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ClientHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    NumberQueried = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Found = table.Column<bool>(type: "boolean", nullable: false),
                    Channel = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_certificate_lookups", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "comparable_tuitions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ProvinceCode = table.Column<string>(type: "character varying(2)", maxLength: 2, nullable: false),
                    CityCode = table.Column<string>(type: "character varying(4)", maxLength: 4, nullable: true),
                    ScopePath = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Kind = table.Column<int>(type: "integer", nullable: false),
                    AmountFen = table.Column<long>(type: "bigint", nullable: false),
                    Major = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: true),
                    DocumentNumber = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    DocumentDate = table.Column<DateOnly>(type: "date", nullable: false),
                    ValidFrom = table.Column<DateOnly>(type: "date", nullable: false),
                    ValidTo = table.Column<DateOnly>(type: "date", nullable: true),
                    RecordedBy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    RecordedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_comparable_tuitions", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "crosscheck_cases",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<int>(type: "integer", nullable: false),
                    Month = table.Column<int>(type: "integer", nullable: false),
                    RunId = table.Column<Guid>(type: "uuid", nullable: false),
                    EntryId = table.Column<Guid>(type: "uuid", nullable: false),
                    Item = table.Column<int>(type: "integer", nullable: false),
                    SchoolYear = table.Column<int>(type: "integer", nullable: false),
                    Semester = table.Column<int>(type: "integer", nullable: false),
                    SchoolId = table.Column<int>(type: "integer", nullable: false),
                    SchoolCode = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    SchoolName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    ScopePath = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    SupervisorPath = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    PersonKey = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    StudentName = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    IdNumberMasked = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    OtherSide = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    FoundOn = table.Column<DateOnly>(type: "date", nullable: false),
                    DueDate = table.Column<DateOnly>(type: "date", nullable: false),
                    State = table.Column<int>(type: "integer", nullable: false),
                    ClearanceNote = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    ClearedBy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    ClearedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ClearedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    EvidenceId = table.Column<Guid>(type: "uuid", nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    KeepConfirmedBy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    KeepConfirmedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ReopenReason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    ReopenedBy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    ReopenedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_crosscheck_cases", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "crosscheck_clearance_deadlines",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ValidFrom = table.Column<DateOnly>(type: "date", nullable: false),
                    ValidTo = table.Column<DateOnly>(type: "date", nullable: true),
                    WorkingDays = table.Column<int>(type: "integer", nullable: false),
                    Source = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_crosscheck_clearance_deadlines", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "crosscheck_runs",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<int>(type: "integer", nullable: false),
                    Month = table.Column<int>(type: "integer", nullable: false),
                    ScopePath = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    FileName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    FileSha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    Encoding = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    TotalRows = table.Column<long>(type: "bigint", nullable: false),
                    ValidRows = table.Column<long>(type: "bigint", nullable: false),
                    MalformedRows = table.Column<long>(type: "bigint", nullable: false),
                    Matches = table.Column<int>(type: "integer", nullable: false),
                    NewCases = table.Column<int>(type: "integer", nullable: false),
                    RunBy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    RunAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_crosscheck_runs", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "data_protection_keys",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    FriendlyName = table.Column<string>(type: "text", nullable: true),
                    Xml = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_data_protection_keys", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "data_requests",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ScopePath = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Title = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Description = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    FieldsJson = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    DueOn = table.Column<DateOnly>(type: "date", nullable: false),
                    State = table.Column<int>(type: "integer", nullable: false),
                    CreatedBy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ClosedBy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    ClosedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_data_requests", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "funds_payment_rules",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ProvinceCode = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    Frequency = table.Column<int>(type: "integer", nullable: false),
                    PayDay = table.Column<int>(type: "integer", nullable: false),
                    EffectiveFrom = table.Column<DateOnly>(type: "date", nullable: false),
                    SetBy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    SetAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_funds_payment_rules", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "hanging_policies",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false),
                    NoActivityDays = table.Column<int>(type: "integer", nullable: false),
                    GraduationGraceDays = table.Column<int>(type: "integer", nullable: false),
                    ValidFrom = table.Column<DateOnly>(type: "date", nullable: false),
                    ValidTo = table.Column<DateOnly>(type: "date", nullable: true),
                    Source = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_hanging_policies", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "inspection_checklist_items",
                columns: table => new
                {
                    Key = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Order = table.Column<int>(type: "integer", nullable: false),
                    Area = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Text = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    Source = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_inspection_checklist_items", x => x.Key);
                });

            migrationBuilder.CreateTable(
                name: "inspection_files",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    OwnerId = table.Column<Guid>(type: "uuid", nullable: false),
                    OfRectification = table.Column<bool>(type: "boolean", nullable: false),
                    ScopePath = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    FileName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    ContentType = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Content = table.Column<byte[]>(type: "bytea", nullable: false),
                    Size = table.Column<long>(type: "bigint", nullable: false),
                    Sha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    UploadedBy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    UploadedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_inspection_files", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "inspection_plans",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ProvinceCode = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    ScopePath = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Year = table.Column<int>(type: "integer", nullable: false),
                    State = table.Column<int>(type: "integer", nullable: false),
                    ProposedBy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    ProposedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ConfirmedBy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    ConfirmedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_inspection_plans", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "inspection_policies",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false),
                    ValidFrom = table.Column<DateOnly>(type: "date", nullable: false),
                    CityShareNumerator = table.Column<int>(type: "integer", nullable: false),
                    CityShareDenominator = table.Column<int>(type: "integer", nullable: false),
                    YearsWithinWhichEverySchool = table.Column<int>(type: "integer", nullable: false),
                    NoRecentVisitWeight = table.Column<int>(type: "integer", nullable: false),
                    RectificationWorkingDays = table.Column<int>(type: "integer", nullable: false),
                    Source = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    SetBy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    SetAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_inspection_policies", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "intake_deadlines",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Season = table.Column<int>(type: "integer", nullable: false),
                    Month = table.Column<int>(type: "integer", nullable: false),
                    Day = table.Column<int>(type: "integer", nullable: false),
                    ValidFromYear = table.Column<int>(type: "integer", nullable: false),
                    ValidToYear = table.Column<int>(type: "integer", nullable: true),
                    Source = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_intake_deadlines", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "key_rotations",
                columns: table => new
                {
                    Target = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    LastStudentId = table.Column<Guid>(type: "uuid", nullable: true),
                    RowsChecked = table.Column<long>(type: "bigint", nullable: false),
                    RowsRewritten = table.Column<long>(type: "bigint", nullable: false),
                    StartedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UpdatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    CompletedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_key_rotations", x => x.Target);
                });

            migrationBuilder.CreateTable(
                name: "major_catalogue_editions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    EffectiveFrom = table.Column<DateOnly>(type: "date", nullable: false),
                    Source = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    IsDemo = table.Column<bool>(type: "boolean", nullable: false),
                    LoadedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    LoadedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    EntryCount = table.Column<int>(type: "integer", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_major_catalogue_editions", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "organizations",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Code = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Level = table.Column<int>(type: "integer", nullable: false),
                    ParentId = table.Column<int>(type: "integer", nullable: true),
                    ScopePath = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    ProvinceCode = table.Column<string>(type: "character varying(2)", maxLength: 2, nullable: true),
                    CityCode = table.Column<string>(type: "character varying(4)", maxLength: 4, nullable: true),
                    Kind = table.Column<int>(type: "integer", nullable: true),
                    Ownership = table.Column<int>(type: "integer", nullable: true),
                    ManagedBy = table.Column<int>(type: "integer", nullable: true),
                    Address = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    Principal = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    AidOfficeContact = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    AidOfficePhone = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_organizations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_organizations_organizations_ParentId",
                        column: x => x.ParentId,
                        principalTable: "organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "presence_campaigns",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    DefaultMethod = table.Column<int>(type: "integer", nullable: false),
                    StartsOn = table.Column<DateOnly>(type: "date", nullable: false),
                    EndsOn = table.Column<DateOnly>(type: "date", nullable: false),
                    ScopePath = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    OrganizationCode = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    State = table.Column<int>(type: "integer", nullable: false),
                    OpenedBy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    OpenedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ClosedBy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    ClosedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_presence_campaigns", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "public_complaint_deadlines",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<int>(type: "integer", nullable: false),
                    AnswerWorkingDays = table.Column<int>(type: "integer", nullable: false),
                    ValidFrom = table.Column<DateOnly>(type: "date", nullable: false),
                    Source = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    RecordedBy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    RecordedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_public_complaint_deadlines", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "public_complaints",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TrackingNumber = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Kind = table.Column<int>(type: "integer", nullable: false),
                    ProvinceCode = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: false),
                    ProvinceName = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    SchoolCode = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    SchoolName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    RoutedToCode = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    RoutedToName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    ScopePath = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Text = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    NameCipher = table.Column<byte[]>(type: "bytea", nullable: true),
                    NameMasked = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    PhoneCipher = table.Column<byte[]>(type: "bytea", nullable: false),
                    PhoneMasked = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    LookupKey = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    ContentKey = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    FiledOn = table.Column<DateOnly>(type: "date", nullable: false),
                    FiledAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    DueOn = table.Column<DateOnly>(type: "date", nullable: false),
                    FirstDueOn = table.Column<DateOnly>(type: "date", nullable: false),
                    AnswerWorkingDays = table.Column<int>(type: "integer", nullable: false),
                    Status = table.Column<int>(type: "integer", nullable: false),
                    EscalationLevel = table.Column<int>(type: "integer", nullable: false),
                    EscalatedToPath = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    EscalatedToName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    EscalatedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    Answer = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    Upheld = table.Column<bool>(type: "boolean", nullable: true),
                    AnsweredOn = table.Column<DateOnly>(type: "date", nullable: true),
                    AnsweredBy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    AnsweredByName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    TransferCount = table.Column<int>(type: "integer", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_public_complaints", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "public_hotlines",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    OrganizationCode = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    OrganizationName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    ScopePath = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    ConsultationPhone = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    ComplaintPhone = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Address = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Hours = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Email = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    UpdatedBy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    UpdatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_public_hotlines", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "report_deadlines",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Year = table.Column<int>(type: "integer", nullable: false),
                    DueOn = table.Column<DateOnly>(type: "date", nullable: false),
                    Source = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    SetBy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    SetAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_report_deadlines", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "standards_aid_rules",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    SchoolId = table.Column<int>(type: "integer", nullable: false),
                    SchoolCode = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    ScopePath = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Title = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Kind = table.Column<int>(type: "integer", nullable: false),
                    AdoptedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    FileName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    ContentType = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Content = table.Column<byte[]>(type: "bytea", nullable: false),
                    Size = table.Column<int>(type: "integer", nullable: false),
                    Sha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Status = table.Column<int>(type: "integer", nullable: false),
                    ReplacedById = table.Column<Guid>(type: "uuid", nullable: true),
                    EndedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    EndReason = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    RecordedBy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    RecordedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_standards_aid_rules", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "standards_aid_staff",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    SchoolId = table.Column<int>(type: "integer", nullable: false),
                    SchoolCode = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    ScopePath = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Name = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    PostKind = table.Column<int>(type: "integer", nullable: false),
                    Post = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    PhoneCipher = table.Column<byte[]>(type: "bytea", nullable: false),
                    PhoneMasked = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    AppointedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    EndedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    RecordedBy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    RecordedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_standards_aid_staff", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "standards_brochures",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    SchoolId = table.Column<int>(type: "integer", nullable: false),
                    SchoolCode = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    SchoolName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    ScopePath = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Year = table.Column<int>(type: "integer", nullable: false),
                    Season = table.Column<int>(type: "integer", nullable: false),
                    FileName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    ContentType = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    Content = table.Column<byte[]>(type: "bytea", nullable: false),
                    Size = table.Column<int>(type: "integer", nullable: false),
                    Sha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    StatesWaiver = table.Column<bool>(type: "boolean", nullable: false),
                    WaiverPage = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    StatesGrant = table.Column<bool>(type: "boolean", nullable: false),
                    GrantPage = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    StatesHotline = table.Column<bool>(type: "boolean", nullable: false),
                    HotlinePage = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    Status = table.Column<int>(type: "integer", nullable: false),
                    SubmittedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    SubmittedBy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    DecidedBy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    DecidedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ReturnReason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    Returns = table.Column<int>(type: "integer", nullable: false),
                    UpdatedBy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    UpdatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_standards_brochures", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "standards_policies",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ProvinceCode = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    ProvinceScopePath = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    ValidFrom = table.Column<DateOnly>(type: "date", nullable: false),
                    TrainingValidityMonths = table.Column<int>(type: "integer", nullable: false),
                    IntakeYear = table.Column<int>(type: "integer", nullable: false),
                    IntakeSeason = table.Column<int>(type: "integer", nullable: false),
                    Source = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    RecordedBy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    RecordedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_standards_policies", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "standards_trainings",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ProvinceId = table.Column<int>(type: "integer", nullable: false),
                    ScopePath = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Title = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Kind = table.Column<int>(type: "integer", nullable: false),
                    StartsOn = table.Column<DateOnly>(type: "date", nullable: false),
                    EndsOn = table.Column<DateOnly>(type: "date", nullable: false),
                    Hours = table.Column<int>(type: "integer", nullable: false),
                    Place = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    RecordedBy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    RecordedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_standards_trainings", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "status_change_kind_rules",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false),
                    Kind = table.Column<int>(type: "integer", nullable: false),
                    ScopePath = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    ValidFrom = table.Column<DateOnly>(type: "date", nullable: false),
                    EvidenceRequired = table.Column<bool>(type: "boolean", nullable: false),
                    Evidence = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    MaxMonths = table.Column<int>(type: "integer", nullable: true),
                    Source = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    SetBy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    SetAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_status_change_kind_rules", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "status_change_policies",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false),
                    WorkingDays = table.Column<int>(type: "integer", nullable: false),
                    ValidFrom = table.Column<DateOnly>(type: "date", nullable: false),
                    ValidTo = table.Column<DateOnly>(type: "date", nullable: true),
                    Source = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_status_change_policies", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "student_import_batches",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    FileSha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    FileName = table.Column<string>(type: "character varying(260)", maxLength: 260, nullable: false),
                    BatchNumber = table.Column<int>(type: "integer", nullable: false),
                    SchoolId = table.Column<int>(type: "integer", nullable: false),
                    SchoolCode = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    ScopePath = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    FirstRow = table.Column<int>(type: "integer", nullable: false),
                    LastRow = table.Column<int>(type: "integer", nullable: false),
                    Imported = table.Column<int>(type: "integer", nullable: false),
                    Unchanged = table.Column<int>(type: "integer", nullable: false),
                    ImportedBy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    ImportedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_student_import_batches", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "crosscheck_evidence",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CaseId = table.Column<Guid>(type: "uuid", nullable: false),
                    ScopePath = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    FileName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    ContentType = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    Content = table.Column<byte[]>(type: "bytea", nullable: false),
                    Size = table.Column<int>(type: "integer", nullable: false),
                    Sha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    UploadedBy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    UploadedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_crosscheck_evidence", x => x.Id);
                    table.ForeignKey(
                        name: "FK_crosscheck_evidence_crosscheck_cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "crosscheck_cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "crosscheck_rejected_rows",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    RunId = table.Column<Guid>(type: "uuid", nullable: false),
                    ScopePath = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    RowNumber = table.Column<long>(type: "bigint", nullable: false),
                    Reason = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Value = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_crosscheck_rejected_rows", x => x.Id);
                    table.ForeignKey(
                        name: "FK_crosscheck_rejected_rows_crosscheck_runs_RunId",
                        column: x => x.RunId,
                        principalTable: "crosscheck_runs",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "inspection_plan_acknowledgements",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    PlanId = table.Column<Guid>(type: "uuid", nullable: false),
                    ScopePath = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    BreachKey = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    Breach = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    Reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_inspection_plan_acknowledgements", x => x.Id);
                    table.ForeignKey(
                        name: "FK_inspection_plan_acknowledgements_inspection_plans_PlanId",
                        column: x => x.PlanId,
                        principalTable: "inspection_plans",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "inspection_risk_weights",
                columns: table => new
                {
                    PolicyId = table.Column<int>(type: "integer", nullable: false),
                    Factor = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Multiplier = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_inspection_risk_weights", x => new { x.PolicyId, x.Factor });
                    table.ForeignKey(
                        name: "FK_inspection_risk_weights_inspection_policies_PolicyId",
                        column: x => x.PolicyId,
                        principalTable: "inspection_policies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "major_catalogue_entries",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    EditionId = table.Column<Guid>(type: "uuid", nullable: false),
                    Code = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Name = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    Category = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    IsAgricultural = table.Column<bool>(type: "boolean", nullable: false),
                    Arts = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_major_catalogue_entries", x => x.Id);
                    table.ForeignKey(
                        name: "FK_major_catalogue_entries_major_catalogue_editions_EditionId",
                        column: x => x.EditionId,
                        principalTable: "major_catalogue_editions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "aid_hardship_notices",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    SchoolId = table.Column<int>(type: "integer", nullable: false),
                    SchoolCode = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    ScopePath = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    SchoolYear = table.Column<int>(type: "integer", nullable: false),
                    Content = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    WhoMayApply = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    Documents = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    ApplyFrom = table.Column<DateOnly>(type: "date", nullable: false),
                    ApplyTo = table.Column<DateOnly>(type: "date", nullable: false),
                    PublishedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    PublishedBy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    PublishedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_aid_hardship_notices", x => x.Id);
                    table.ForeignKey(
                        name: "FK_aid_hardship_notices_organizations_SchoolId",
                        column: x => x.SchoolId,
                        principalTable: "organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "aid_rounds",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    SchoolId = table.Column<int>(type: "integer", nullable: false),
                    SchoolCode = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    SchoolName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    ScopePath = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    SupervisorPath = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    SchoolYear = table.Column<int>(type: "integer", nullable: false),
                    Semester = table.Column<int>(type: "integer", nullable: false),
                    Item = table.Column<int>(type: "integer", nullable: false),
                    PolicyId = table.Column<Guid>(type: "uuid", nullable: false),
                    ApprovalDeadline = table.Column<DateOnly>(type: "date", nullable: false),
                    DeclaredEligibleCount = table.Column<int>(type: "integer", nullable: false),
                    State = table.Column<int>(type: "integer", nullable: false),
                    CreatedBy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    PublishedFrom = table.Column<DateOnly>(type: "date", nullable: true),
                    PublishedTo = table.Column<DateOnly>(type: "date", nullable: true),
                    PublishedBy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    PublishedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    SubmittedBy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    SubmittedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ReviewedBy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    ReviewedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ReturnNote = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_aid_rounds", x => x.Id);
                    table.ForeignKey(
                        name: "FK_aid_rounds_organizations_SchoolId",
                        column: x => x.SchoolId,
                        principalTable: "organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "data_request_recipients",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    RequestId = table.Column<Guid>(type: "uuid", nullable: false),
                    OrganizationId = table.Column<int>(type: "integer", nullable: false),
                    ProvinceCode = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    ProvinceName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    ScopePath = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    ValuesJson = table.Column<string>(type: "text", nullable: true),
                    AnsweredBy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    AnsweredAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    FirstAnsweredOn = table.Column<DateOnly>(type: "date", nullable: true),
                    Late = table.Column<bool>(type: "boolean", nullable: false),
                    Corrections = table.Column<int>(type: "integer", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_data_request_recipients", x => x.Id);
                    table.ForeignKey(
                        name: "FK_data_request_recipients_data_requests_RequestId",
                        column: x => x.RequestId,
                        principalTable: "data_requests",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_data_request_recipients_organizations_OrganizationId",
                        column: x => x.OrganizationId,
                        principalTable: "organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "declared_intakes",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    SchoolId = table.Column<int>(type: "integer", nullable: false),
                    ScopePath = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    IntakeYear = table.Column<int>(type: "integer", nullable: false),
                    IntakeSeason = table.Column<int>(type: "integer", nullable: false),
                    Count = table.Column<int>(type: "integer", nullable: false),
                    DeclaredBy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    DeclaredAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_declared_intakes", x => x.Id);
                    table.ForeignKey(
                        name: "FK_declared_intakes_organizations_SchoolId",
                        column: x => x.SchoolId,
                        principalTable: "organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "funds_allocations",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    FiscalYear = table.Column<int>(type: "integer", nullable: false),
                    Item = table.Column<int>(type: "integer", nullable: false),
                    Source = table.Column<int>(type: "integer", nullable: false),
                    FromOrganizationId = table.Column<int>(type: "integer", nullable: false),
                    FromScopePath = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    ToOrganizationId = table.Column<int>(type: "integer", nullable: false),
                    ToName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    ScopePath = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    AmountFen = table.Column<long>(type: "bigint", nullable: false),
                    DocumentNumber = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    IssuedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    ParentId = table.Column<Guid>(type: "uuid", nullable: true),
                    ReceivedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    ReceivedBy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    IsCancelled = table.Column<bool>(type: "boolean", nullable: false),
                    RecordedBy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    RecordedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_funds_allocations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_funds_allocations_funds_allocations_ParentId",
                        column: x => x.ParentId,
                        principalTable: "funds_allocations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_funds_allocations_organizations_ToOrganizationId",
                        column: x => x.ToOrganizationId,
                        principalTable: "organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "funds_final_accounts",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    OrganizationId = table.Column<int>(type: "integer", nullable: false),
                    OrganizationName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    ScopePath = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    FiscalYear = table.Column<int>(type: "integer", nullable: false),
                    DeclaredReceivedFen = table.Column<long>(type: "bigint", nullable: false),
                    DeclaredPaidFen = table.Column<long>(type: "bigint", nullable: false),
                    DeclaredReturnedFen = table.Column<long>(type: "bigint", nullable: false),
                    DeclaredBalanceFen = table.Column<long>(type: "bigint", nullable: false),
                    ComputedReceivedFen = table.Column<long>(type: "bigint", nullable: false),
                    ComputedPaidFen = table.Column<long>(type: "bigint", nullable: false),
                    ComputedReturnedFen = table.Column<long>(type: "bigint", nullable: false),
                    ComputedBalanceFen = table.Column<long>(type: "bigint", nullable: false),
                    Note = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    DrawnUpBy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    DrawnUpAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_funds_final_accounts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_funds_final_accounts_organizations_OrganizationId",
                        column: x => x.OrganizationId,
                        principalTable: "organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "funds_payment_batches",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    SchoolId = table.Column<int>(type: "integer", nullable: false),
                    SchoolCode = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    SchoolName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    ScopePath = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Item = table.Column<int>(type: "integer", nullable: false),
                    SchoolYear = table.Column<int>(type: "integer", nullable: false),
                    Semester = table.Column<int>(type: "integer", nullable: false),
                    PeriodStart = table.Column<DateOnly>(type: "date", nullable: false),
                    PeriodEnd = table.Column<DateOnly>(type: "date", nullable: false),
                    PeriodLabel = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    PaymentDate = table.Column<DateOnly>(type: "date", nullable: false),
                    FiscalYear = table.Column<int>(type: "integer", nullable: false),
                    IsRepayment = table.Column<bool>(type: "boolean", nullable: false),
                    State = table.Column<int>(type: "integer", nullable: false),
                    LineCount = table.Column<int>(type: "integer", nullable: false),
                    TotalFen = table.Column<long>(type: "bigint", nullable: false),
                    PaidCount = table.Column<int>(type: "integer", nullable: false),
                    PaidFen = table.Column<long>(type: "bigint", nullable: false),
                    FailedCount = table.Column<int>(type: "integer", nullable: false),
                    FailedFen = table.Column<long>(type: "bigint", nullable: false),
                    BuiltBy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    BuiltAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ExportedBy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    ExportedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ReturnImportedBy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    ReturnImportedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ExcludedCount = table.Column<int>(type: "integer", nullable: false),
                    ExcludedJson = table.Column<string>(type: "text", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_funds_payment_batches", x => x.Id);
                    table.ForeignKey(
                        name: "FK_funds_payment_batches_organizations_SchoolId",
                        column: x => x.SchoolId,
                        principalTable: "organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "funds_performance_targets",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    OrganizationId = table.Column<int>(type: "integer", nullable: false),
                    ScopePath = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    FiscalYear = table.Column<int>(type: "integer", nullable: false),
                    ExecutionRatePercent = table.Column<int>(type: "integer", nullable: false),
                    TimelinessPercent = table.Column<int>(type: "integer", nullable: false),
                    ApprovalOnTimePercent = table.Column<int>(type: "integer", nullable: false),
                    DuplicatesClearedPercent = table.Column<int>(type: "integer", nullable: false),
                    RectificationPercent = table.Column<int>(type: "integer", nullable: false),
                    SetBy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    SetAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_funds_performance_targets", x => x.Id);
                    table.ForeignKey(
                        name: "FK_funds_performance_targets_organizations_OrganizationId",
                        column: x => x.OrganizationId,
                        principalTable: "organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "funds_refunds",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    OrganizationId = table.Column<int>(type: "integer", nullable: false),
                    ScopePath = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    FiscalYear = table.Column<int>(type: "integer", nullable: false),
                    Target = table.Column<int>(type: "integer", nullable: false),
                    AmountFen = table.Column<long>(type: "bigint", nullable: false),
                    ReturnedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    DocumentNumber = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Note = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    RecordedBy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    RecordedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_funds_refunds", x => x.Id);
                    table.ForeignKey(
                        name: "FK_funds_refunds_organizations_OrganizationId",
                        column: x => x.OrganizationId,
                        principalTable: "organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "funds_self_evaluations",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    OrganizationId = table.Column<int>(type: "integer", nullable: false),
                    ScopePath = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    FiscalYear = table.Column<int>(type: "integer", nullable: false),
                    Score = table.Column<int>(type: "integer", nullable: false),
                    Notes = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    RecordedBy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    RecordedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_funds_self_evaluations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_funds_self_evaluations_organizations_OrganizationId",
                        column: x => x.OrganizationId,
                        principalTable: "organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "funds_waiver_compensations",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    SchoolId = table.Column<int>(type: "integer", nullable: false),
                    SchoolName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    ScopePath = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    SchoolYear = table.Column<int>(type: "integer", nullable: false),
                    Semester = table.Column<int>(type: "integer", nullable: false),
                    StudentCount = table.Column<int>(type: "integer", nullable: false),
                    AmountFen = table.Column<long>(type: "bigint", nullable: false),
                    PaidOn = table.Column<DateOnly>(type: "date", nullable: false),
                    FiscalYear = table.Column<int>(type: "integer", nullable: false),
                    RecordedBy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    RecordedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ReceivedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    ReceivedBy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_funds_waiver_compensations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_funds_waiver_compensations_organizations_SchoolId",
                        column: x => x.SchoolId,
                        principalTable: "organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "funds_years",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    OrganizationId = table.Column<int>(type: "integer", nullable: false),
                    ScopePath = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    FiscalYear = table.Column<int>(type: "integer", nullable: false),
                    IsClosed = table.Column<bool>(type: "boolean", nullable: false),
                    ClosedBy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    ClosedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ReopenedBy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    ReopenedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ReopenReason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_funds_years", x => x.Id);
                    table.ForeignKey(
                        name: "FK_funds_years_organizations_OrganizationId",
                        column: x => x.OrganizationId,
                        principalTable: "organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "graduation_rounds",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    SchoolId = table.Column<int>(type: "integer", nullable: false),
                    SchoolCode = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    SchoolName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    SchoolKind = table.Column<int>(type: "integer", nullable: false),
                    ScopePath = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Name = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    GraduationDate = table.Column<DateOnly>(type: "date", nullable: false),
                    State = table.Column<int>(type: "integer", nullable: false),
                    CreatedBy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    SubmittedBy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    SubmittedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ReviewedBy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    ReviewedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ReturnReason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_graduation_rounds", x => x.Id);
                    table.ForeignKey(
                        name: "FK_graduation_rounds_organizations_SchoolId",
                        column: x => x.SchoolId,
                        principalTable: "organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "inspection_plan_entries",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    PlanId = table.Column<Guid>(type: "uuid", nullable: false),
                    SchoolId = table.Column<int>(type: "integer", nullable: false),
                    SchoolCode = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    SchoolName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    ScopePath = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    ManagedBy = table.Column<int>(type: "integer", nullable: false),
                    Reason = table.Column<int>(type: "integer", nullable: false),
                    RiskScore = table.Column<int>(type: "integer", nullable: false),
                    RiskDetail = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    Note = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_inspection_plan_entries", x => x.Id);
                    table.ForeignKey(
                        name: "FK_inspection_plan_entries_inspection_plans_PlanId",
                        column: x => x.PlanId,
                        principalTable: "inspection_plans",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_inspection_plan_entries_organizations_SchoolId",
                        column: x => x.SchoolId,
                        principalTable: "organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "inspection_self_inspections",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    SchoolId = table.Column<int>(type: "integer", nullable: false),
                    SchoolCode = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    ScopePath = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Year = table.Column<int>(type: "integer", nullable: false),
                    SubmittedBy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    SubmittedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_inspection_self_inspections", x => x.Id);
                    table.ForeignKey(
                        name: "FK_inspection_self_inspections_organizations_SchoolId",
                        column: x => x.SchoolId,
                        principalTable: "organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "inspection_visits",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<int>(type: "integer", nullable: false),
                    PlanId = table.Column<Guid>(type: "uuid", nullable: true),
                    Year = table.Column<int>(type: "integer", nullable: false),
                    ProvinceCode = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    TargetId = table.Column<int>(type: "integer", nullable: false),
                    TargetCode = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    TargetName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    TargetIsSchool = table.Column<bool>(type: "boolean", nullable: false),
                    ScopePath = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    VisitedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    Inspectors = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Summary = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    RecordedBy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    RecordedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_inspection_visits", x => x.Id);
                    table.ForeignKey(
                        name: "FK_inspection_visits_inspection_plans_PlanId",
                        column: x => x.PlanId,
                        principalTable: "inspection_plans",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_inspection_visits_organizations_TargetId",
                        column: x => x.TargetId,
                        principalTable: "organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "registration_batches",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    SchoolId = table.Column<int>(type: "integer", nullable: false),
                    ScopePath = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Number = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    StudentCount = table.Column<int>(type: "integer", nullable: false),
                    SubmittedBy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    SubmittedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_registration_batches", x => x.Id);
                    table.ForeignKey(
                        name: "FK_registration_batches_organizations_SchoolId",
                        column: x => x.SchoolId,
                        principalTable: "organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "registration_reopenings",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    SchoolId = table.Column<int>(type: "integer", nullable: false),
                    ScopePath = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    IntakeYear = table.Column<int>(type: "integer", nullable: false),
                    IntakeSeason = table.Column<int>(type: "integer", nullable: false),
                    Until = table.Column<DateOnly>(type: "date", nullable: false),
                    Reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    GrantedBy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    GrantedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Steps = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_registration_reopenings", x => x.Id);
                    table.ForeignKey(
                        name: "FK_registration_reopenings_organizations_SchoolId",
                        column: x => x.SchoolId,
                        principalTable: "organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "report_submissions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    OrganizationId = table.Column<int>(type: "integer", nullable: false),
                    ProvinceCode = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    ProvinceName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    ScopePath = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Year = table.Column<int>(type: "integer", nullable: false),
                    State = table.Column<int>(type: "integer", nullable: false),
                    TablesJson = table.Column<string>(type: "text", nullable: false),
                    Sha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    DataAsOf = table.Column<DateOnly>(type: "date", nullable: false),
                    SubmittedBy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    SubmittedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    SubmittedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    ReturnedBy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    ReturnedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ReturnReason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_report_submissions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_report_submissions_organizations_OrganizationId",
                        column: x => x.OrganizationId,
                        principalTable: "organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "school_tuitions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    SchoolId = table.Column<int>(type: "integer", nullable: false),
                    ScopePath = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    AmountFen = table.Column<long>(type: "bigint", nullable: false),
                    Major = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: true),
                    DocumentNumber = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    DocumentDate = table.Column<DateOnly>(type: "date", nullable: false),
                    ValidFrom = table.Column<DateOnly>(type: "date", nullable: false),
                    ValidTo = table.Column<DateOnly>(type: "date", nullable: true),
                    RecordedBy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    RecordedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_school_tuitions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_school_tuitions_organizations_SchoolId",
                        column: x => x.SchoolId,
                        principalTable: "organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "student_records",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    SchoolId = table.Column<int>(type: "integer", nullable: false),
                    SchoolCode = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    ScopePath = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Name = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    DocumentType = table.Column<int>(type: "integer", nullable: false),
                    IdNumberCipher = table.Column<byte[]>(type: "bytea", nullable: false),
                    IdNumberHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    IdNumberMasked = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                    BirthDate = table.Column<DateOnly>(type: "date", nullable: false),
                    Sex = table.Column<int>(type: "integer", nullable: false),
                    Ethnicity = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Household = table.Column<int>(type: "integer", nullable: false),
                    HouseholdCountyCode = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: false),
                    Major = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    MajorCode = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    MajorIsAgricultural = table.Column<bool>(type: "boolean", nullable: false),
                    MajorArts = table.Column<int>(type: "integer", nullable: false),
                    TrainingLevel = table.Column<int>(type: "integer", nullable: false),
                    EntryEducation = table.Column<int>(type: "integer", nullable: false),
                    SchoolingYears = table.Column<int>(type: "integer", nullable: false),
                    IsFullTime = table.Column<bool>(type: "boolean", nullable: false),
                    IntakeYear = table.Column<int>(type: "integer", nullable: false),
                    IntakeSeason = table.Column<int>(type: "integer", nullable: false),
                    EnrolmentDate = table.Column<DateOnly>(type: "date", nullable: false),
                    ClassName = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    PhoneCipher = table.Column<byte[]>(type: "bytea", nullable: true),
                    PhoneMasked = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    GuardianName = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    GuardianPhoneCipher = table.Column<byte[]>(type: "bytea", nullable: true),
                    GuardianPhoneMasked = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    PaperFileMade = table.Column<bool>(type: "boolean", nullable: false),
                    InputFingerprint = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    HoldsPlace = table.Column<bool>(type: "boolean", nullable: false),
                    RegistrationState = table.Column<int>(type: "integer", nullable: false),
                    StatusNumber = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    CollectedBy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    CollectedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    VerifiedBy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    VerifiedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    VerificationMethod = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    BatchId = table.Column<Guid>(type: "uuid", nullable: true),
                    SubmittedBy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    SubmittedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ReviewedBy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    ReviewedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ReviewNote = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    Status = table.Column<int>(type: "integer", nullable: false),
                    SuspendedDays = table.Column<int>(type: "integer", nullable: false),
                    RepeatedYears = table.Column<int>(type: "integer", nullable: false),
                    StatusSince = table.Column<DateOnly>(type: "date", nullable: true),
                    ContinuedFromId = table.Column<Guid>(type: "uuid", nullable: true),
                    ContinuedOn = table.Column<DateOnly>(type: "date", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_student_records", x => x.Id);
                    table.ForeignKey(
                        name: "FK_student_records_organizations_SchoolId",
                        column: x => x.SchoolId,
                        principalTable: "organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "supervision_measures",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<int>(type: "integer", nullable: false),
                    SchoolId = table.Column<int>(type: "integer", nullable: false),
                    SchoolCode = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    SchoolName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    ScopePath = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    IssuerCode = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Reason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    EvidenceText = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    IssuedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    RectificationDueOn = table.Column<DateOnly>(type: "date", nullable: true),
                    State = table.Column<int>(type: "integer", nullable: false),
                    IssuedBy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    IssuedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Rectification = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    RectifiedBy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    RectifiedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    RectifiedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    RectifiedLate = table.Column<bool>(type: "boolean", nullable: false),
                    ClosingNote = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    ClosedBy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    ClosedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_supervision_measures", x => x.Id);
                    table.ForeignKey(
                        name: "FK_supervision_measures_organizations_SchoolId",
                        column: x => x.SchoolId,
                        principalTable: "organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "user_accounts",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    UserName = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    DisplayName = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    Role = table.Column<int>(type: "integer", nullable: false),
                    OrganizationId = table.Column<int>(type: "integer", nullable: false),
                    ScopePath = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    PasswordHash = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    IsDisabled = table.Column<bool>(type: "boolean", nullable: false),
                    FailedSignIns = table.Column<int>(type: "integer", nullable: false),
                    LockedUntilUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    CreatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    CreatedBy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    LastSignInUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    SecurityStamp = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    TotpSecretCipher = table.Column<byte[]>(type: "bytea", nullable: true),
                    TwoFactorEnabledAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    TotpLastStep = table.Column<long>(type: "bigint", nullable: false),
                    RecoveryCodeHashes = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_user_accounts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_user_accounts_organizations_OrganizationId",
                        column: x => x.OrganizationId,
                        principalTable: "organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "presence_campaign_schools",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    CampaignId = table.Column<Guid>(type: "uuid", nullable: false),
                    CampaignName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    DefaultMethod = table.Column<int>(type: "integer", nullable: false),
                    StartsOn = table.Column<DateOnly>(type: "date", nullable: false),
                    EndsOn = table.Column<DateOnly>(type: "date", nullable: false),
                    State = table.Column<int>(type: "integer", nullable: false),
                    SchoolId = table.Column<int>(type: "integer", nullable: false),
                    SchoolCode = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    SchoolName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    ScopePath = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_presence_campaign_schools", x => x.Id);
                    table.ForeignKey(
                        name: "FK_presence_campaign_schools_organizations_SchoolId",
                        column: x => x.SchoolId,
                        principalTable: "organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_presence_campaign_schools_presence_campaigns_CampaignId",
                        column: x => x.CampaignId,
                        principalTable: "presence_campaigns",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "standards_staff_trainings",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    StaffId = table.Column<Guid>(type: "uuid", nullable: false),
                    SchoolCode = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    ScopePath = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Source = table.Column<int>(type: "integer", nullable: false),
                    TrainingId = table.Column<Guid>(type: "uuid", nullable: true),
                    Title = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Organizer = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    CompletedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    Hours = table.Column<int>(type: "integer", nullable: false),
                    CertificateName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    CertificateType = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    Certificate = table.Column<byte[]>(type: "bytea", nullable: true),
                    CertificateSha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    RecordedBy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    RecordedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_standards_staff_trainings", x => x.Id);
                    table.ForeignKey(
                        name: "FK_standards_staff_trainings_standards_aid_staff_StaffId",
                        column: x => x.StaffId,
                        principalTable: "standards_aid_staff",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_standards_staff_trainings_standards_trainings_TrainingId",
                        column: x => x.TrainingId,
                        principalTable: "standards_trainings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "data_request_files",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    RecipientId = table.Column<Guid>(type: "uuid", nullable: false),
                    ScopePath = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Field = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    FileName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    ContentType = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    Content = table.Column<byte[]>(type: "bytea", nullable: false),
                    Sha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    UploadedBy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    UploadedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_data_request_files", x => x.Id);
                    table.ForeignKey(
                        name: "FK_data_request_files_data_request_recipients_RecipientId",
                        column: x => x.RecipientId,
                        principalTable: "data_request_recipients",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "funds_payment_return_files",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    BatchId = table.Column<Guid>(type: "uuid", nullable: false),
                    SchoolId = table.Column<int>(type: "integer", nullable: false),
                    ScopePath = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    FiscalYear = table.Column<int>(type: "integer", nullable: false),
                    FileName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Content = table.Column<byte[]>(type: "bytea", nullable: false),
                    Sha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    PaidCount = table.Column<int>(type: "integer", nullable: false),
                    FailedCount = table.Column<int>(type: "integer", nullable: false),
                    ImportedBy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    ImportedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_funds_payment_return_files", x => x.Id);
                    table.ForeignKey(
                        name: "FK_funds_payment_return_files_funds_payment_batches_BatchId",
                        column: x => x.BatchId,
                        principalTable: "funds_payment_batches",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "funds_vouchers",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    BatchId = table.Column<Guid>(type: "uuid", nullable: true),
                    CompensationId = table.Column<Guid>(type: "uuid", nullable: true),
                    SchoolId = table.Column<int>(type: "integer", nullable: false),
                    ScopePath = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    FiscalYear = table.Column<int>(type: "integer", nullable: false),
                    Kind = table.Column<int>(type: "integer", nullable: false),
                    FileName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    ContentType = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    Content = table.Column<byte[]>(type: "bytea", nullable: false),
                    Size = table.Column<int>(type: "integer", nullable: false),
                    Sha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Note = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    UploadedBy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    UploadedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_funds_vouchers", x => x.Id);
                    table.ForeignKey(
                        name: "FK_funds_vouchers_funds_payment_batches_BatchId",
                        column: x => x.BatchId,
                        principalTable: "funds_payment_batches",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_funds_vouchers_funds_waiver_compensations_CompensationId",
                        column: x => x.CompensationId,
                        principalTable: "funds_waiver_compensations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "inspection_self_inspection_items",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    SelfInspectionId = table.Column<Guid>(type: "uuid", nullable: false),
                    ScopePath = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    ItemKey = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Conclusion = table.Column<int>(type: "integer", nullable: false),
                    Note = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_inspection_self_inspection_items", x => x.Id);
                    table.ForeignKey(
                        name: "FK_inspection_self_inspection_items_inspection_self_inspection~",
                        column: x => x.SelfInspectionId,
                        principalTable: "inspection_self_inspections",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "inspection_findings",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    VisitId = table.Column<Guid>(type: "uuid", nullable: false),
                    ScopePath = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    ItemKey = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Conclusion = table.Column<int>(type: "integer", nullable: false),
                    Text = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    NeedsRectification = table.Column<bool>(type: "boolean", nullable: false),
                    RecordedBy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    RecordedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_inspection_findings", x => x.Id);
                    table.ForeignKey(
                        name: "FK_inspection_findings_inspection_checklist_items_ItemKey",
                        column: x => x.ItemKey,
                        principalTable: "inspection_checklist_items",
                        principalColumn: "Key",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_inspection_findings_inspection_visits_VisitId",
                        column: x => x.VisitId,
                        principalTable: "inspection_visits",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "aid_entries",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    RoundId = table.Column<Guid>(type: "uuid", nullable: false),
                    SchoolId = table.Column<int>(type: "integer", nullable: false),
                    ScopePath = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    SchoolYear = table.Column<int>(type: "integer", nullable: false),
                    Semester = table.Column<int>(type: "integer", nullable: false),
                    Item = table.Column<int>(type: "integer", nullable: false),
                    StudentId = table.Column<Guid>(type: "uuid", nullable: false),
                    PersonKey = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    StudentName = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    ClassName = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    IdNumberMasked = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Grade = table.Column<int>(type: "integer", nullable: false),
                    YearAmountFen = table.Column<long>(type: "bigint", nullable: false),
                    AmountFen = table.Column<long>(type: "bigint", nullable: false),
                    Basis = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    State = table.Column<int>(type: "integer", nullable: false),
                    CollectedBy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    CollectedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ObjectionText = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    ObjectionRaisedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    ObjectionDueDate = table.Column<DateOnly>(type: "date", nullable: true),
                    ObjectionRecordedBy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    ObjectionAnswer = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    ObjectionAnsweredBy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    ObjectionAnsweredAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ReviewedBy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    ReviewedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ReviewNote = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    WithdrawnBy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    WithdrawnAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    WithdrawnReason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    StatusKeptSince = table.Column<DateOnly>(type: "date", nullable: true),
                    StatusKeptBy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    StatusKeptAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    StatusKeptNote = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_aid_entries", x => x.Id);
                    table.ForeignKey(
                        name: "FK_aid_entries_aid_rounds_RoundId",
                        column: x => x.RoundId,
                        principalTable: "aid_rounds",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_aid_entries_student_records_StudentId",
                        column: x => x.StudentId,
                        principalTable: "student_records",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "aid_hardship_assessments",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    StudentId = table.Column<Guid>(type: "uuid", nullable: false),
                    SchoolId = table.Column<int>(type: "integer", nullable: false),
                    SchoolCode = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    ScopePath = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    StudentName = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    ClassName = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    SchoolYear = table.Column<int>(type: "integer", nullable: false),
                    Semester = table.Column<int>(type: "integer", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    PreviousId = table.Column<Guid>(type: "uuid", nullable: true),
                    FamilySituationCipher = table.Column<byte[]>(type: "bytea", nullable: false),
                    PriorityGroups = table.Column<int>(type: "integer", nullable: false),
                    WatchGroups = table.Column<int>(type: "integer", nullable: false),
                    CommitmentSigned = table.Column<bool>(type: "boolean", nullable: false),
                    CommitmentSignedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    State = table.Column<int>(type: "integer", nullable: false),
                    AppliedBy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    AppliedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    PanelMembers = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    PanelReviewedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    PanelOpinionCipher = table.Column<byte[]>(type: "bytea", nullable: true),
                    PanelRecordedBy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    PanelRecordedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Level = table.Column<int>(type: "integer", nullable: true),
                    DecisionNoteCipher = table.Column<byte[]>(type: "bytea", nullable: true),
                    DecidedBy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    DecidedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    PublishedFrom = table.Column<DateOnly>(type: "date", nullable: true),
                    PublishedTo = table.Column<DateOnly>(type: "date", nullable: true),
                    PublishedBy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    PublishedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ObjectionTextCipher = table.Column<byte[]>(type: "bytea", nullable: true),
                    ObjectionRaisedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    ObjectionDueDate = table.Column<DateOnly>(type: "date", nullable: true),
                    ObjectionRecordedBy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    ObjectionAnswerCipher = table.Column<byte[]>(type: "bytea", nullable: true),
                    ObjectionUpheld = table.Column<bool>(type: "boolean", nullable: false),
                    ObjectionAnsweredBy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    ObjectionAnsweredAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ObjectionAnsweredLate = table.Column<bool>(type: "boolean", nullable: false),
                    ArchivedBy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    ArchivedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    SupersededAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    SupersededBy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    RowVersion = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_aid_hardship_assessments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_aid_hardship_assessments_organizations_SchoolId",
                        column: x => x.SchoolId,
                        principalTable: "organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_aid_hardship_assessments_student_records_StudentId",
                        column: x => x.StudentId,
                        principalTable: "student_records",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "certificates",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Number = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Kind = table.Column<int>(type: "integer", nullable: false),
                    StudentId = table.Column<Guid>(type: "uuid", nullable: false),
                    RoundId = table.Column<Guid>(type: "uuid", nullable: false),
                    ScopePath = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    HolderName = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    SchoolCode = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    SchoolName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Major = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    LevelText = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    GraduationDate = table.Column<DateOnly>(type: "date", nullable: false),
                    IssuedBy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    IssuedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    SupersededByNumber = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    SupersededOn = table.Column<DateOnly>(type: "date", nullable: true),
                    UpgradeReason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_certificates", x => x.Id);
                    table.ForeignKey(
                        name: "FK_certificates_graduation_rounds_RoundId",
                        column: x => x.RoundId,
                        principalTable: "graduation_rounds",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_certificates_student_records_StudentId",
                        column: x => x.StudentId,
                        principalTable: "student_records",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "funds_bank_cards",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    StudentId = table.Column<Guid>(type: "uuid", nullable: false),
                    SchoolId = table.Column<int>(type: "integer", nullable: false),
                    ScopePath = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Kind = table.Column<int>(type: "integer", nullable: false),
                    NumberCipher = table.Column<byte[]>(type: "bytea", nullable: false),
                    NumberMasked = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    NumberKey = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    HolderName = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    BankName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    IsCurrent = table.Column<bool>(type: "boolean", nullable: false),
                    RecordedBy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    RecordedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_funds_bank_cards", x => x.Id);
                    table.ForeignKey(
                        name: "FK_funds_bank_cards_student_records_StudentId",
                        column: x => x.StudentId,
                        principalTable: "student_records",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "graduation_entries",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    RoundId = table.Column<Guid>(type: "uuid", nullable: false),
                    ScopePath = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    StudentId = table.Column<Guid>(type: "uuid", nullable: false),
                    StudentName = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    IdNumberMasked = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                    StatusNumber = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    Major = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    LevelText = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    SchoolingEndsOn = table.Column<DateOnly>(type: "date", nullable: false),
                    ConductPassed = table.Column<bool>(type: "boolean", nullable: true),
                    CoursesPassed = table.Column<bool>(type: "boolean", nullable: true),
                    AssessedBy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    AssessedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ReturnNote = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    CertificateNumber = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    CertificateKind = table.Column<int>(type: "integer", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_graduation_entries", x => x.Id);
                    table.ForeignKey(
                        name: "FK_graduation_entries_graduation_rounds_RoundId",
                        column: x => x.RoundId,
                        principalTable: "graduation_rounds",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_graduation_entries_student_records_StudentId",
                        column: x => x.StudentId,
                        principalTable: "student_records",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "hanging_flags",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Reason = table.Column<int>(type: "integer", nullable: false),
                    Detail = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    CampaignId = table.Column<Guid>(type: "uuid", nullable: true),
                    StudentId = table.Column<Guid>(type: "uuid", nullable: false),
                    SchoolId = table.Column<int>(type: "integer", nullable: false),
                    SchoolCode = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    ScopePath = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    StudentName = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    StudentIdNumberMasked = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                    StatusNumber = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    DetectedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    DetectedBy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    DetectedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    State = table.Column<int>(type: "integer", nullable: false),
                    Answer = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    AnsweredBy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    AnsweredAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ReviewNote = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    ReviewedBy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    ReviewedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    AnswerCount = table.Column<int>(type: "integer", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_hanging_flags", x => x.Id);
                    table.ForeignKey(
                        name: "FK_hanging_flags_presence_campaigns_CampaignId",
                        column: x => x.CampaignId,
                        principalTable: "presence_campaigns",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_hanging_flags_student_records_StudentId",
                        column: x => x.StudentId,
                        principalTable: "student_records",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "presence_check_results",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CampaignId = table.Column<Guid>(type: "uuid", nullable: false),
                    CampaignName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    StudentId = table.Column<Guid>(type: "uuid", nullable: false),
                    SchoolId = table.Column<int>(type: "integer", nullable: false),
                    SchoolCode = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    ScopePath = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    StudentName = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    StudentIdNumberMasked = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                    StatusNumber = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    Result = table.Column<int>(type: "integer", nullable: false),
                    Method = table.Column<int>(type: "integer", nullable: false),
                    CheckedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    Note = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    RecordedBy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    RecordedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_presence_check_results", x => x.Id);
                    table.ForeignKey(
                        name: "FK_presence_check_results_presence_campaigns_CampaignId",
                        column: x => x.CampaignId,
                        principalTable: "presence_campaigns",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_presence_check_results_student_records_StudentId",
                        column: x => x.StudentId,
                        principalTable: "student_records",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "status_changes",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<int>(type: "integer", nullable: false),
                    Side = table.Column<int>(type: "integer", nullable: false),
                    StudentId = table.Column<Guid>(type: "uuid", nullable: false),
                    StudentName = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    StudentIdNumberMasked = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                    StatusNumber = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    SchoolId = table.Column<int>(type: "integer", nullable: false),
                    SchoolCode = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    SchoolName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    ScopePath = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    OtherSchoolCode = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    OtherSchoolName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    CounterpartId = table.Column<Guid>(type: "uuid", nullable: true),
                    NewStudentId = table.Column<Guid>(type: "uuid", nullable: true),
                    OccurredOn = table.Column<DateOnly>(type: "date", nullable: false),
                    DueDate = table.Column<DateOnly>(type: "date", nullable: false),
                    Reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    ExpectedReturnOn = table.Column<DateOnly>(type: "date", nullable: true),
                    NewMajor = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: true),
                    NewMajorIsAgricultural = table.Column<bool>(type: "boolean", nullable: true),
                    NewMajorArts = table.Column<int>(type: "integer", nullable: true),
                    NewClassName = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    RequiresAuthority = table.Column<bool>(type: "boolean", nullable: false),
                    State = table.Column<int>(type: "integer", nullable: false),
                    EnteredBy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    EnteredAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    SubmittedBy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    SubmittedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    AcceptedBy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    AcceptedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ApprovedBy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    ApprovedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ReturnedBy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    ReturnedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ReturnReason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    UndoneBy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    UndoneAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    UndoReason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    ProcessedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    ProcessedLate = table.Column<bool>(type: "boolean", nullable: false),
                    CompletedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    PreviousStatus = table.Column<int>(type: "integer", nullable: true),
                    PreviousStatusSince = table.Column<DateOnly>(type: "date", nullable: true),
                    PreviousMajor = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: true),
                    PreviousMajorIsAgricultural = table.Column<bool>(type: "boolean", nullable: true),
                    PreviousMajorArts = table.Column<int>(type: "integer", nullable: true),
                    PreviousClassName = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_status_changes", x => x.Id);
                    table.ForeignKey(
                        name: "FK_status_changes_organizations_SchoolId",
                        column: x => x.SchoolId,
                        principalTable: "organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_status_changes_student_records_StudentId",
                        column: x => x.StudentId,
                        principalTable: "student_records",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "supervision_measure_files",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    MeasureId = table.Column<Guid>(type: "uuid", nullable: false),
                    ScopePath = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    FileName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    ContentType = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Size = table.Column<long>(type: "bigint", nullable: false),
                    Sha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Content = table.Column<byte[]>(type: "bytea", nullable: false),
                    FromSchool = table.Column<bool>(type: "boolean", nullable: false),
                    UploadedBy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    UploadedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_supervision_measure_files", x => x.Id);
                    table.ForeignKey(
                        name: "FK_supervision_measure_files_supervision_measures_MeasureId",
                        column: x => x.MeasureId,
                        principalTable: "supervision_measures",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "inspection_rectifications",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    FindingId = table.Column<Guid>(type: "uuid", nullable: false),
                    VisitId = table.Column<Guid>(type: "uuid", nullable: false),
                    Year = table.Column<int>(type: "integer", nullable: false),
                    SchoolId = table.Column<int>(type: "integer", nullable: false),
                    SchoolCode = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    SchoolName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    ScopePath = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    ItemKey = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Requirement = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    DueOn = table.Column<DateOnly>(type: "date", nullable: false),
                    State = table.Column<int>(type: "integer", nullable: false),
                    Answer = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    AnsweredBy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    AnsweredAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    AnsweredOn = table.Column<DateOnly>(type: "date", nullable: true),
                    ReturnReason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    ClosedBy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    ClosedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_inspection_rectifications", x => x.Id);
                    table.ForeignKey(
                        name: "FK_inspection_rectifications_inspection_findings_FindingId",
                        column: x => x.FindingId,
                        principalTable: "inspection_findings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_inspection_rectifications_organizations_SchoolId",
                        column: x => x.SchoolId,
                        principalTable: "organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "funds_payment_lines",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    BatchId = table.Column<Guid>(type: "uuid", nullable: false),
                    SchoolId = table.Column<int>(type: "integer", nullable: false),
                    ScopePath = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Item = table.Column<int>(type: "integer", nullable: false),
                    PeriodStart = table.Column<DateOnly>(type: "date", nullable: false),
                    PeriodEnd = table.Column<DateOnly>(type: "date", nullable: false),
                    FiscalYear = table.Column<int>(type: "integer", nullable: false),
                    StudentId = table.Column<Guid>(type: "uuid", nullable: false),
                    AidEntryId = table.Column<Guid>(type: "uuid", nullable: false),
                    CardId = table.Column<Guid>(type: "uuid", nullable: false),
                    Reference = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    StudentName = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    CardMasked = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    HolderName = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    AmountFen = table.Column<long>(type: "bigint", nullable: false),
                    Basis = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    State = table.Column<int>(type: "integer", nullable: false),
                    BankReason = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    SettledOn = table.Column<DateOnly>(type: "date", nullable: true),
                    RepaysLineId = table.Column<Guid>(type: "uuid", nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_funds_payment_lines", x => x.Id);
                    table.ForeignKey(
                        name: "FK_funds_payment_lines_funds_bank_cards_CardId",
                        column: x => x.CardId,
                        principalTable: "funds_bank_cards",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_funds_payment_lines_funds_payment_batches_BatchId",
                        column: x => x.BatchId,
                        principalTable: "funds_payment_batches",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_funds_payment_lines_student_records_StudentId",
                        column: x => x.StudentId,
                        principalTable: "student_records",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "status_change_events",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ChangeId = table.Column<Guid>(type: "uuid", nullable: false),
                    ScopePath = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Action = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    By = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    AtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Note = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_status_change_events", x => x.Id);
                    table.ForeignKey(
                        name: "FK_status_change_events_status_changes_ChangeId",
                        column: x => x.ChangeId,
                        principalTable: "status_changes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "status_change_evidence",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ChangeId = table.Column<Guid>(type: "uuid", nullable: false),
                    ScopePath = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    FileName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    ContentType = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Size = table.Column<long>(type: "bigint", nullable: false),
                    Sha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Content = table.Column<byte[]>(type: "bytea", nullable: false),
                    UploadedBy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    UploadedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_status_change_evidence", x => x.Id);
                    table.ForeignKey(
                        name: "FK_status_change_evidence_status_changes_ChangeId",
                        column: x => x.ChangeId,
                        principalTable: "status_changes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "funds_payment_recoveries",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    LineId = table.Column<Guid>(type: "uuid", nullable: false),
                    BatchId = table.Column<Guid>(type: "uuid", nullable: false),
                    SchoolId = table.Column<int>(type: "integer", nullable: false),
                    ScopePath = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    StudentId = table.Column<Guid>(type: "uuid", nullable: false),
                    StudentName = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    Item = table.Column<int>(type: "integer", nullable: false),
                    FiscalYear = table.Column<int>(type: "integer", nullable: false),
                    PeriodStart = table.Column<DateOnly>(type: "date", nullable: false),
                    PeriodEnd = table.Column<DateOnly>(type: "date", nullable: false),
                    PeriodLabel = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    PaidFen = table.Column<long>(type: "bigint", nullable: false),
                    AmountFen = table.Column<long>(type: "bigint", nullable: false),
                    ChangeDate = table.Column<DateOnly>(type: "date", nullable: false),
                    Reason = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    ListedBy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    ListedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    RecoveredFen = table.Column<long>(type: "bigint", nullable: true),
                    RecoveredOn = table.Column<DateOnly>(type: "date", nullable: true),
                    RecoveredFiscalYear = table.Column<int>(type: "integer", nullable: true),
                    RecoveryNote = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    RecordedBy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    RecordedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_funds_payment_recoveries", x => x.Id);
                    table.ForeignKey(
                        name: "FK_funds_payment_recoveries_funds_payment_lines_LineId",
                        column: x => x.LineId,
                        principalTable: "funds_payment_lines",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.InsertData(
                table: "aid_central_shares",
                columns: new[] { "Id", "CityCode", "ProvinceCode", "SharePercent", "Source", "ValidFrom", "ValidTo" },
                values: new object[,]
                {
                    { new Guid("a1d00000-0000-0000-0002-000000000011"), null, "11", 10, "国办发〔2018〕6号：中央分担比例第一档80%、第二档60%、第三档50%、第四档30%、第五档10%；兵团按80%", new DateOnly(2024, 1, 1), null },
                    { new Guid("a1d00000-0000-0000-0002-000000000012"), null, "12", 30, "国办发〔2018〕6号：中央分担比例第一档80%、第二档60%、第三档50%、第四档30%、第五档10%；兵团按80%", new DateOnly(2024, 1, 1), null },
                    { new Guid("a1d00000-0000-0000-0002-000000000013"), null, "13", 60, "国办发〔2018〕6号：中央分担比例第一档80%、第二档60%、第三档50%、第四档30%、第五档10%；兵团按80%", new DateOnly(2024, 1, 1), null },
                    { new Guid("a1d00000-0000-0000-0002-000000000014"), null, "14", 60, "国办发〔2018〕6号：中央分担比例第一档80%、第二档60%、第三档50%、第四档30%、第五档10%；兵团按80%", new DateOnly(2024, 1, 1), null },
                    { new Guid("a1d00000-0000-0000-0002-000000000015"), null, "15", 80, "国办发〔2018〕6号：中央分担比例第一档80%、第二档60%、第三档50%、第四档30%、第五档10%；兵团按80%", new DateOnly(2024, 1, 1), null },
                    { new Guid("a1d00000-0000-0000-0002-000000000021"), null, "21", 50, "国办发〔2018〕6号：中央分担比例第一档80%、第二档60%、第三档50%、第四档30%、第五档10%；兵团按80%", new DateOnly(2024, 1, 1), null },
                    { new Guid("a1d00000-0000-0000-0002-000000000022"), null, "22", 60, "国办发〔2018〕6号：中央分担比例第一档80%、第二档60%、第三档50%、第四档30%、第五档10%；兵团按80%", new DateOnly(2024, 1, 1), null },
                    { new Guid("a1d00000-0000-0000-0002-000000000023"), null, "23", 60, "国办发〔2018〕6号：中央分担比例第一档80%、第二档60%、第三档50%、第四档30%、第五档10%；兵团按80%", new DateOnly(2024, 1, 1), null },
                    { new Guid("a1d00000-0000-0000-0002-000000000031"), null, "31", 10, "国办发〔2018〕6号：中央分担比例第一档80%、第二档60%、第三档50%、第四档30%、第五档10%；兵团按80%", new DateOnly(2024, 1, 1), null },
                    { new Guid("a1d00000-0000-0000-0002-000000000032"), null, "32", 30, "国办发〔2018〕6号：中央分担比例第一档80%、第二档60%、第三档50%、第四档30%、第五档10%；兵团按80%", new DateOnly(2024, 1, 1), null },
                    { new Guid("a1d00000-0000-0000-0002-000000000033"), null, "33", 30, "国办发〔2018〕6号：中央分担比例第一档80%、第二档60%、第三档50%、第四档30%、第五档10%；兵团按80%", new DateOnly(2024, 1, 1), null },
                    { new Guid("a1d00000-0000-0000-0002-000000000034"), null, "34", 60, "国办发〔2018〕6号：中央分担比例第一档80%、第二档60%、第三档50%、第四档30%、第五档10%；兵团按80%", new DateOnly(2024, 1, 1), null },
                    { new Guid("a1d00000-0000-0000-0002-000000000035"), null, "35", 50, "国办发〔2018〕6号：中央分担比例第一档80%、第二档60%、第三档50%、第四档30%、第五档10%；兵团按80%", new DateOnly(2024, 1, 1), null },
                    { new Guid("a1d00000-0000-0000-0002-000000000036"), null, "36", 60, "国办发〔2018〕6号：中央分担比例第一档80%、第二档60%、第三档50%、第四档30%、第五档10%；兵团按80%", new DateOnly(2024, 1, 1), null },
                    { new Guid("a1d00000-0000-0000-0002-000000000037"), null, "37", 50, "国办发〔2018〕6号：中央分担比例第一档80%、第二档60%、第三档50%、第四档30%、第五档10%；兵团按80%", new DateOnly(2024, 1, 1), null },
                    { new Guid("a1d00000-0000-0000-0002-000000000041"), null, "41", 60, "国办发〔2018〕6号：中央分担比例第一档80%、第二档60%、第三档50%、第四档30%、第五档10%；兵团按80%", new DateOnly(2024, 1, 1), null },
                    { new Guid("a1d00000-0000-0000-0002-000000000042"), null, "42", 60, "国办发〔2018〕6号：中央分担比例第一档80%、第二档60%、第三档50%、第四档30%、第五档10%；兵团按80%", new DateOnly(2024, 1, 1), null },
                    { new Guid("a1d00000-0000-0000-0002-000000000043"), null, "43", 60, "国办发〔2018〕6号：中央分担比例第一档80%、第二档60%、第三档50%、第四档30%、第五档10%；兵团按80%", new DateOnly(2024, 1, 1), null },
                    { new Guid("a1d00000-0000-0000-0002-000000000044"), null, "44", 30, "国办发〔2018〕6号：中央分担比例第一档80%、第二档60%、第三档50%、第四档30%、第五档10%；兵团按80%", new DateOnly(2024, 1, 1), null },
                    { new Guid("a1d00000-0000-0000-0002-000000000045"), null, "45", 80, "国办发〔2018〕6号：中央分担比例第一档80%、第二档60%、第三档50%、第四档30%、第五档10%；兵团按80%", new DateOnly(2024, 1, 1), null },
                    { new Guid("a1d00000-0000-0000-0002-000000000046"), null, "46", 60, "国办发〔2018〕6号：中央分担比例第一档80%、第二档60%、第三档50%、第四档30%、第五档10%；兵团按80%", new DateOnly(2024, 1, 1), null },
                    { new Guid("a1d00000-0000-0000-0002-000000000050"), null, "50", 80, "国办发〔2018〕6号：中央分担比例第一档80%、第二档60%、第三档50%、第四档30%、第五档10%；兵团按80%", new DateOnly(2024, 1, 1), null },
                    { new Guid("a1d00000-0000-0000-0002-000000000051"), null, "51", 80, "国办发〔2018〕6号：中央分担比例第一档80%、第二档60%、第三档50%、第四档30%、第五档10%；兵团按80%", new DateOnly(2024, 1, 1), null },
                    { new Guid("a1d00000-0000-0000-0002-000000000052"), null, "52", 80, "国办发〔2018〕6号：中央分担比例第一档80%、第二档60%、第三档50%、第四档30%、第五档10%；兵团按80%", new DateOnly(2024, 1, 1), null },
                    { new Guid("a1d00000-0000-0000-0002-000000000053"), null, "53", 80, "国办发〔2018〕6号：中央分担比例第一档80%、第二档60%、第三档50%、第四档30%、第五档10%；兵团按80%", new DateOnly(2024, 1, 1), null },
                    { new Guid("a1d00000-0000-0000-0002-000000000054"), null, "54", 80, "国办发〔2018〕6号：中央分担比例第一档80%、第二档60%、第三档50%、第四档30%、第五档10%；兵团按80%", new DateOnly(2024, 1, 1), null },
                    { new Guid("a1d00000-0000-0000-0002-000000000061"), null, "61", 80, "国办发〔2018〕6号：中央分担比例第一档80%、第二档60%、第三档50%、第四档30%、第五档10%；兵团按80%", new DateOnly(2024, 1, 1), null },
                    { new Guid("a1d00000-0000-0000-0002-000000000062"), null, "62", 80, "国办发〔2018〕6号：中央分担比例第一档80%、第二档60%、第三档50%、第四档30%、第五档10%；兵团按80%", new DateOnly(2024, 1, 1), null },
                    { new Guid("a1d00000-0000-0000-0002-000000000063"), null, "63", 80, "国办发〔2018〕6号：中央分担比例第一档80%、第二档60%、第三档50%、第四档30%、第五档10%；兵团按80%", new DateOnly(2024, 1, 1), null },
                    { new Guid("a1d00000-0000-0000-0002-000000000064"), null, "64", 80, "国办发〔2018〕6号：中央分担比例第一档80%、第二档60%、第三档50%、第四档30%、第五档10%；兵团按80%", new DateOnly(2024, 1, 1), null },
                    { new Guid("a1d00000-0000-0000-0002-000000000065"), null, "65", 80, "国办发〔2018〕6号：中央分担比例第一档80%、第二档60%、第三档50%、第四档30%、第五档10%；兵团按80%", new DateOnly(2024, 1, 1), null },
                    { new Guid("a1d00000-0000-0000-0002-000000000066"), null, "66", 80, "国办发〔2018〕6号：中央分担比例第一档80%、第二档60%、第三档50%、第四档30%、第五档10%；兵团按80%", new DateOnly(2024, 1, 1), null },
                    { new Guid("a1d00000-0000-0000-0003-000000002102"), "2102", "21", 30, "国办发〔2018〕6号：大连、宁波、厦门、青岛、深圳5个计划单列市列第四档，中央分担30%", new DateOnly(2024, 1, 1), null },
                    { new Guid("a1d00000-0000-0000-0003-000000003302"), "3302", "33", 30, "国办发〔2018〕6号：大连、宁波、厦门、青岛、深圳5个计划单列市列第四档，中央分担30%", new DateOnly(2024, 1, 1), null },
                    { new Guid("a1d00000-0000-0000-0003-000000003502"), "3502", "35", 30, "国办发〔2018〕6号：大连、宁波、厦门、青岛、深圳5个计划单列市列第四档，中央分担30%", new DateOnly(2024, 1, 1), null },
                    { new Guid("a1d00000-0000-0000-0003-000000003702"), "3702", "37", 30, "国办发〔2018〕6号：大连、宁波、厦门、青岛、深圳5个计划单列市列第四档，中央分担30%", new DateOnly(2024, 1, 1), null },
                    { new Guid("a1d00000-0000-0000-0003-000000004403"), "4403", "44", 30, "国办发〔2018〕6号：大连、宁波、厦门、青岛、深圳5个计划单列市列第四档，中央分担30%", new DateOnly(2024, 1, 1), null }
                });

            migrationBuilder.InsertData(
                table: "aid_designated_areas",
                columns: new[] { "Id", "CountyCodes", "Kind", "Name", "ProvinceCode", "ScopePath", "Source", "ValidFrom", "ValidTo", "Version" },
                values: new object[,]
                {
                    { new Guid("a1dd0000-0000-0000-0000-000000000001"), "540102,540103,540104,540121,540122,540123,540124,540127,540171,540172,540173,540174,540202,540221,540222,540223,540224,540225,540226,540227,540228,540229,540230,540231,540232,540233,540234,540235,540236,540237,540302,540321,540322,540323,540324,540325,540326,540327,540328,540329,540330,540402,540421,540423,540424,540425,540426,540481,540502,540521,540522,540523,540524,540525,540526,540527,540528,540529,540531,540581,540602,540621,540622,540623,540624,540625,540626,540627,540628,540629,540630,542521,542522,542523,542524,542525,542526,542527", 1, "西藏自治区", null, "/", "财教〔2012〕376号（自2012年秋季学期起西藏中职农村学生（不含县城）全部纳入国家助学金）；财教〔2019〕25号第三条；财教〔2021〕310号；范围：西藏自治区全部县级区划（GB/T 2260 统计用区划代码2023）", new DateOnly(2012, 9, 1), null, 1 },
                    { new Guid("a1dd0000-0000-0000-0000-000000000002"), "513201,513221,513222,513223,513224,513225,513226,513227,513228,513230,513231,513232,513233,513301,513322,513323,513324,513325,513326,513327,513328,513329,513330,513331,513332,513333,513334,513335,513336,513337,513338,513422,533401,533422,533423,620623,623001,623021,623022,623023,623024,623025,623026,623027,632221,632222,632223,632224,632301,632322,632323,632324,632521,632522,632523,632524,632525,632621,632622,632623,632624,632625,632626,632701,632722,632723,632724,632725,632726,632801,632802,632803,632821,632822,632823,632857", 2, "四省涉藏州县", null, "/", "财教〔2012〕376号（四省藏区）；财教〔2019〕25号第三条；财教〔2021〕310号（四省涉藏州县）；范围：青海6个、四川2个、云南1个、甘肃1个藏族自治州及木里、天祝2个藏族自治县（统计用区划代码2023）", new DateOnly(2012, 9, 1), null, 1 },
                    { new Guid("a1dd0000-0000-0000-0000-000000000003"), "653001,653022,653023,653024,653101,653121,653122,653123,653124,653125,653126,653127,653128,653129,653130,653131,653201,653221,653222,653223,653224,653225,653226,653227", 3, "新疆南疆三地州", null, "/", "财教〔2012〕376号：新疆南疆三地州（克孜勒苏柯尔克孜自治州、喀什地区、和田地区）；2019年起由南疆四地州取代（财教〔2019〕25号）", new DateOnly(2012, 9, 1), new DateOnly(2018, 12, 31), 1 },
                    { new Guid("a1dd0000-0000-0000-0000-000000000004"), "652901,652902,652922,652924,652925,652926,652927,652928,652929,653001,653022,653023,653024,653101,653121,653122,653123,653124,653125,653126,653127,653128,653129,653130,653131,653201,653221,653222,653223,653224,653225,653226,653227", 3, "新疆南疆四地州", null, "/", "财教〔2019〕25号第三条；财教〔2021〕310号：新疆南疆四地州（阿克苏地区、克孜勒苏柯尔克孜自治州、喀什地区、和田地区）；兵团师市不在GB/T 2260区划内，未列入", new DateOnly(2019, 1, 1), null, 1 }
                });

            migrationBuilder.InsertData(
                table: "aid_national_ranges",
                columns: new[] { "Id", "AutumnDeadlineDay", "AutumnDeadlineMonth", "MinPublicationWorkingDays", "NationalAverageFen", "Source", "SpringDeadlineDay", "SpringDeadlineMonth", "TierMaxFen", "TierMinFen", "ValidFrom", "ValidTo" },
                values: new object[,]
                {
                    { new Guid("a1d00000-0000-0000-0001-000000002024"), 30, 11, 5, 200000L, "人社厅函〔2024〕53号 二（一）：平均每生每年2000元，1000—3000元内分2—3档；二（二）：5月31日、11月30日前完成审批；公示不少于5个工作日", 31, 5, 300000L, 100000L, new DateOnly(2024, 1, 1), new DateOnly(2024, 12, 31) },
                    { new Guid("a1d00000-0000-0000-0001-000000002025"), 30, 11, 5, 230000L, "财教〔2024〕181号：2025年春季学期起平均每生每年2300元；人社厅函〔2024〕53号 二（一）：1000—3000元内分2—3档，二（二）：5月31日、11月30日前完成审批；公示不少于5个工作日", 31, 5, 300000L, 100000L, new DateOnly(2025, 1, 1), null }
                });

            migrationBuilder.InsertData(
                table: "aid_policies",
                columns: new[] { "Id", "AllRuralAreaCodes", "GrantAverageFen", "GrantGradeFrom", "GrantGradeTo", "ObjectionAnswerWorkingDays", "ProvinceCode", "PublicationWorkingDays", "ScopePath", "Source", "Tier1Fen", "Tier1SharePercent", "Tier2Fen", "Tier2SharePercent", "Tier3Fen", "Tier3SharePercent", "Title", "ValidFrom", "ValidTo", "Version" },
                values: new object[,]
                {
                    { new Guid("a1d00000-0000-0000-0000-000000002024"), "", 200000L, 1, 2, 5, null, 5, "/", "人社厅函〔2024〕53号：平均每生每年2000元，1000—3000元内分2—3档；5月31日、11月30日前完成审批", 300000L, 25, 200000L, 50, 100000L, 25, "2024年度国家默认标准", new DateOnly(2024, 1, 1), new DateOnly(2024, 12, 31), 1 },
                    { new Guid("a1d00000-0000-0000-0000-000000002025"), "", 230000L, 1, 3, 5, null, 5, "/", "财教〔2024〕181号：自2025年春季学期起中职国家助学金平均每生每年2300元，覆盖全日制一至三年级", 300000L, 25, 230000L, 50, 160000L, 25, "2025年春季学期起国家默认标准", new DateOnly(2025, 1, 1), null, 1 }
                });

            migrationBuilder.InsertData(
                table: "crosscheck_clearance_deadlines",
                columns: new[] { "Id", "Source", "ValidFrom", "ValidTo", "Version", "WorkingDays" },
                values: new object[] { new Guid("c4ec0000-0000-0000-0000-000000000010"), "人社厅函〔2024〕53号《人力资源社会保障部办公厅关于做好2024年技工院校学生资助工作的通知》三（三）：于 10 个工作日内完成数据清理工作", new DateOnly(2024, 1, 1), null, 0, 10 });

            migrationBuilder.InsertData(
                table: "hanging_policies",
                columns: new[] { "Id", "GraduationGraceDays", "NoActivityDays", "Source", "ValidFrom", "ValidTo" },
                values: new object[] { 1, 90, 180, "人籍一致核验工作口径：180 天无学籍活动；预计毕业日期后 90 天", new DateOnly(2024, 1, 1), null });

            migrationBuilder.InsertData(
                table: "inspection_checklist_items",
                columns: new[] { "Key", "Area", "Order", "Source", "Text" },
                values: new object[,]
                {
                    { "aid-rules", "规范化建设", 100, "人社厅函〔2024〕53号 三(一)", "学校学生资助规章制度健全" },
                    { "aid-staff", "规范化建设", 110, "人社厅函〔2024〕53号 三(一)", "配齐学生资助工作人员" },
                    { "approval-deadline", "精准资助", 70, "人社厅函〔2024〕53号 二(二)", "资助申报与审批在规定时限内完成" },
                    { "brochure", "政策宣传", 130, "人社厅函〔2024〕53号 三(三)", "招生简章全面、完整、准确介绍资助政策" },
                    { "crosscheck-handled", "资金管理", 90, "人社厅函〔2024〕53号 二(三)", "教育部比对疑似重复资助及时核实处理" },
                    { "graduation", "学籍管理", 40, "人社厅函〔2024〕53号 一(三)", "毕业手续及时办理，数据及时上传" },
                    { "hardship-procedure", "精准资助", 50, "人社厅函〔2024〕53号 二(一)；教财〔2018〕16号", "家庭经济困难学生认定程序规范（申请、评议、认定、复核）" },
                    { "hotline", "政策宣传", 140, "人社厅函〔2024〕53号 三(三)", "公开资助政策咨询和监督举报电话" },
                    { "no-hanging-records", "学籍管理", 30, "人社厅函〔2024〕53号 一(二)", "全日制学生人籍一致，无长期空挂学籍" },
                    { "paid-to-card", "资金管理", 80, "人社厅函〔2024〕53号 二(四)", "助学金通过银行卡发放到学生本人，凭证分年度建档备查" },
                    { "publication", "精准资助", 60, "人社厅函〔2024〕53号 二(二)", "资助名单按规定公示，公示期满后上报" },
                    { "registration-on-time", "学籍管理", 10, "人社厅函〔2024〕53号 一(一)", "新生学籍按时注册（春季4月30日、秋季10月31日前），现场点名核验" },
                    { "status-changes-on-time", "学籍管理", 20, "人社厅函〔2024〕53号 一(二)", "学籍异动自发生之日起10个工作日内在系统中办理" },
                    { "training", "规范化建设", 120, "人社厅函〔2024〕53号 三(一)", "资助工作人员参加政策业务培训" }
                });

            migrationBuilder.InsertData(
                table: "inspection_policies",
                columns: new[] { "Id", "CityShareDenominator", "CityShareNumerator", "NoRecentVisitWeight", "RectificationWorkingDays", "SetAtUtc", "SetBy", "Source", "ValidFrom", "YearsWithinWhichEverySchool" },
                values: new object[] { 1, 3, 1, 10, 20, new DateTime(2024, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc), "system", "人社厅函〔2024〕53号 三(二)：对省管院校的实地核查当年应全覆盖，对市管院校的抽查当年应完成三分之一以上，争取三年全覆盖；整改期限20个工作日为系统默认值", new DateOnly(2024, 1, 1), 3 });

            migrationBuilder.InsertData(
                table: "status_change_kind_rules",
                columns: new[] { "Id", "Evidence", "EvidenceRequired", "Kind", "MaxMonths", "ScopePath", "SetAtUtc", "SetBy", "Source", "ValidFrom" },
                values: new object[,]
                {
                    { 1, "转入学校同意接收的证明", true, 1, null, "/", new DateTime(2024, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc), "system", "中等职业学校学生学籍管理办法（教职成〔2010〕7号）及省级实施细则：退学由本人和监护人提出申请；连续休学两年仍不能复学的可认定退学；死亡、失踪按有关部门出示的证明材料注销学籍（系统默认值，各省可按本省技工院校学籍管理规定修改）", new DateOnly(2024, 1, 1) },
                    { 2, null, false, 2, null, "/", new DateTime(2024, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc), "system", "中等职业学校学生学籍管理办法（教职成〔2010〕7号）及省级实施细则：退学由本人和监护人提出申请；连续休学两年仍不能复学的可认定退学；死亡、失踪按有关部门出示的证明材料注销学籍（系统默认值，各省可按本省技工院校学籍管理规定修改）", new DateOnly(2024, 1, 1) },
                    { 3, "本人及监护人的休学申请及相关证明（因病休学附县级及以上医院证明）", true, 3, 24, "/", new DateTime(2024, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc), "system", "中等职业学校学生学籍管理办法（教职成〔2010〕7号）及省级实施细则：退学由本人和监护人提出申请；连续休学两年仍不能复学的可认定退学；死亡、失踪按有关部门出示的证明材料注销学籍（系统默认值，各省可按本省技工院校学籍管理规定修改）", new DateOnly(2024, 1, 1) },
                    { 4, null, false, 4, null, "/", new DateTime(2024, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc), "system", "中等职业学校学生学籍管理办法（教职成〔2010〕7号）及省级实施细则：退学由本人和监护人提出申请；连续休学两年仍不能复学的可认定退学；死亡、失踪按有关部门出示的证明材料注销学籍（系统默认值，各省可按本省技工院校学籍管理规定修改）", new DateOnly(2024, 1, 1) },
                    { 5, "本人及监护人的退学申请", true, 5, null, "/", new DateTime(2024, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc), "system", "中等职业学校学生学籍管理办法（教职成〔2010〕7号）及省级实施细则：退学由本人和监护人提出申请；连续休学两年仍不能复学的可认定退学；死亡、失踪按有关部门出示的证明材料注销学籍（系统默认值，各省可按本省技工院校学籍管理规定修改）", new DateOnly(2024, 1, 1) },
                    { 6, null, false, 6, null, "/", new DateTime(2024, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc), "system", "中等职业学校学生学籍管理办法（教职成〔2010〕7号）及省级实施细则：退学由本人和监护人提出申请；连续休学两年仍不能复学的可认定退学；死亡、失踪按有关部门出示的证明材料注销学籍（系统默认值，各省可按本省技工院校学籍管理规定修改）", new DateOnly(2024, 1, 1) },
                    { 7, "学校的开除学籍处分决定", true, 7, null, "/", new DateTime(2024, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc), "system", "中等职业学校学生学籍管理办法（教职成〔2010〕7号）及省级实施细则：退学由本人和监护人提出申请；连续休学两年仍不能复学的可认定退学；死亡、失踪按有关部门出示的证明材料注销学籍（系统默认值，各省可按本省技工院校学籍管理规定修改）", new DateOnly(2024, 1, 1) },
                    { 8, "死亡证明（医疗机构或公安机关出具）", true, 8, null, "/", new DateTime(2024, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc), "system", "中等职业学校学生学籍管理办法（教职成〔2010〕7号）及省级实施细则：退学由本人和监护人提出申请；连续休学两年仍不能复学的可认定退学；死亡、失踪按有关部门出示的证明材料注销学籍（系统默认值，各省可按本省技工院校学籍管理规定修改）", new DateOnly(2024, 1, 1) },
                    { 9, "入伍通知书", true, 9, null, "/", new DateTime(2024, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc), "system", "中等职业学校学生学籍管理办法（教职成〔2010〕7号）及省级实施细则：退学由本人和监护人提出申请；连续休学两年仍不能复学的可认定退学；死亡、失踪按有关部门出示的证明材料注销学籍（系统默认值，各省可按本省技工院校学籍管理规定修改）", new DateOnly(2024, 1, 1) },
                    { 10, null, false, 10, null, "/", new DateTime(2024, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc), "system", "中等职业学校学生学籍管理办法（教职成〔2010〕7号）及省级实施细则：退学由本人和监护人提出申请；连续休学两年仍不能复学的可认定退学；死亡、失踪按有关部门出示的证明材料注销学籍（系统默认值，各省可按本省技工院校学籍管理规定修改）", new DateOnly(2024, 1, 1) }
                });

            migrationBuilder.InsertData(
                table: "status_change_policies",
                columns: new[] { "Id", "Source", "ValidFrom", "ValidTo", "WorkingDays" },
                values: new object[] { 1, "人社厅函〔2024〕53号：学籍异动应在发生之日起10个工作日内在系统中办理", new DateOnly(2024, 1, 1), null, 10 });

            migrationBuilder.InsertData(
                table: "inspection_risk_weights",
                columns: new[] { "Factor", "PolicyId", "Multiplier" },
                values: new object[,]
                {
                    { "complaints", 1, 3 },
                    { "crosscheck-open", 1, 2 },
                    { "crosscheck-overdue", 1, 5 },
                    { "funding-gap", 1, 1 },
                    { "hanging-records", 1, 3 },
                    { "late-approvals", 1, 2 },
                    { "late-status-changes", 1, 2 }
                });

            migrationBuilder.CreateIndex(
                name: "IX_aid_central_shares_ProvinceCode_CityCode_ValidFrom",
                table: "aid_central_shares",
                columns: new[] { "ProvinceCode", "CityCode", "ValidFrom" });

            migrationBuilder.CreateIndex(
                name: "IX_aid_deadline_reopenings_ProvinceCode_SchoolYear_Semester",
                table: "aid_deadline_reopenings",
                columns: new[] { "ProvinceCode", "SchoolYear", "Semester" });

            migrationBuilder.CreateIndex(
                name: "IX_aid_designated_areas_ProvinceCode_ValidFrom",
                table: "aid_designated_areas",
                columns: new[] { "ProvinceCode", "ValidFrom" });

            migrationBuilder.CreateIndex(
                name: "ix_aid_entries_dashboard",
                table: "aid_entries",
                columns: new[] { "SchoolYear", "RoundId" })
                .Annotation("Npgsql:IndexInclude", new[] { "ScopePath", "Item", "State", "ReviewedAtUtc" });

            migrationBuilder.CreateIndex(
                name: "ix_aid_entries_open_objections",
                table: "aid_entries",
                column: "RoundId",
                filter: "\"ObjectionText\" IS NOT NULL AND \"ObjectionAnswer\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_aid_entries_RoundId_State_ClassName",
                table: "aid_entries",
                columns: new[] { "RoundId", "State", "ClassName" })
                .Annotation("Npgsql:IndexInclude", new[] { "AmountFen", "ScopePath" });

            migrationBuilder.CreateIndex(
                name: "IX_aid_entries_RoundId_StudentId",
                table: "aid_entries",
                columns: new[] { "RoundId", "StudentId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_aid_entries_ScopePath_SchoolYear_Semester_Item_State",
                table: "aid_entries",
                columns: new[] { "ScopePath", "SchoolYear", "Semester", "Item", "State" })
                .Annotation("Npgsql:IndexOperators", new[] { "text_pattern_ops", "int4_ops", "int4_ops", "int4_ops", "int4_ops" });

            migrationBuilder.CreateIndex(
                name: "IX_aid_entries_StudentId",
                table: "aid_entries",
                column: "StudentId");

            migrationBuilder.CreateIndex(
                name: "ux_aid_entries_once_per_term",
                table: "aid_entries",
                columns: new[] { "PersonKey", "Item", "SchoolYear", "Semester" },
                unique: true,
                filter: "\"State\" = 2");

            migrationBuilder.CreateIndex(
                name: "IX_aid_hardship_assessments_SchoolId",
                table: "aid_hardship_assessments",
                column: "SchoolId");

            migrationBuilder.CreateIndex(
                name: "IX_aid_hardship_assessments_ScopePath_SchoolYear_State",
                table: "aid_hardship_assessments",
                columns: new[] { "ScopePath", "SchoolYear", "State" })
                .Annotation("Npgsql:IndexOperators", new[] { "text_pattern_ops", "int4_ops", "int4_ops" });

            migrationBuilder.CreateIndex(
                name: "ux_aid_hardship_current",
                table: "aid_hardship_assessments",
                columns: new[] { "StudentId", "SchoolYear" },
                unique: true,
                filter: "\"SupersededAtUtc\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_aid_hardship_notices_ScopePath",
                table: "aid_hardship_notices",
                column: "ScopePath")
                .Annotation("Npgsql:IndexOperators", new[] { "text_pattern_ops" });

            migrationBuilder.CreateIndex(
                name: "ux_aid_hardship_notice",
                table: "aid_hardship_notices",
                columns: new[] { "SchoolId", "SchoolYear" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_aid_policies_ProvinceCode_ValidFrom",
                table: "aid_policies",
                columns: new[] { "ProvinceCode", "ValidFrom" });

            migrationBuilder.CreateIndex(
                name: "IX_aid_rounds_ScopePath_SchoolYear_Semester_State",
                table: "aid_rounds",
                columns: new[] { "ScopePath", "SchoolYear", "Semester", "State" })
                .Annotation("Npgsql:IndexOperators", new[] { "text_pattern_ops", "int4_ops", "int4_ops", "int4_ops" });

            migrationBuilder.CreateIndex(
                name: "IX_aid_rounds_SupervisorPath_State",
                table: "aid_rounds",
                columns: new[] { "SupervisorPath", "State" });

            migrationBuilder.CreateIndex(
                name: "ux_aid_rounds_school_term_item",
                table: "aid_rounds",
                columns: new[] { "SchoolId", "SchoolYear", "Semester", "Item" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_audit_events_Action_Sequence",
                table: "audit_events",
                columns: new[] { "Action", "Sequence" });

            migrationBuilder.CreateIndex(
                name: "IX_audit_events_ActorUserName_Sequence",
                table: "audit_events",
                columns: new[] { "ActorUserName", "Sequence" });

            migrationBuilder.CreateIndex(
                name: "IX_audit_events_OccurredAtUtc",
                table: "audit_events",
                column: "OccurredAtUtc");

            migrationBuilder.CreateIndex(
                name: "IX_audit_events_ScopePath_Sequence",
                table: "audit_events",
                columns: new[] { "ScopePath", "Sequence" })
                .Annotation("Npgsql:IndexOperators", new[] { "text_pattern_ops", "int8_ops" });

            migrationBuilder.CreateIndex(
                name: "IX_audit_events_Sequence",
                table: "audit_events",
                column: "Sequence",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_audit_events_SubjectId_Sequence",
                table: "audit_events",
                columns: new[] { "SubjectId", "Sequence" });

            migrationBuilder.CreateIndex(
                name: "IX_audit_events_SubjectType_SubjectId",
                table: "audit_events",
                columns: new[] { "SubjectType", "SubjectId" });

            migrationBuilder.CreateIndex(
                name: "IX_certificate_lookups_AtUtc",
                table: "certificate_lookups",
                column: "AtUtc");

            migrationBuilder.CreateIndex(
                name: "IX_certificate_lookups_NumberQueried",
                table: "certificate_lookups",
                column: "NumberQueried");

            migrationBuilder.CreateIndex(
                name: "IX_certificates_Number",
                table: "certificates",
                column: "Number",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_certificates_RoundId",
                table: "certificates",
                column: "RoundId");

            migrationBuilder.CreateIndex(
                name: "IX_certificates_StudentId",
                table: "certificates",
                column: "StudentId");

            migrationBuilder.CreateIndex(
                name: "IX_comparable_tuitions_ProvinceCode_Kind_ValidFrom",
                table: "comparable_tuitions",
                columns: new[] { "ProvinceCode", "Kind", "ValidFrom" });

            migrationBuilder.CreateIndex(
                name: "IX_comparable_tuitions_ScopePath",
                table: "comparable_tuitions",
                column: "ScopePath")
                .Annotation("Npgsql:IndexOperators", new[] { "text_pattern_ops" });

            migrationBuilder.CreateIndex(
                name: "IX_crosscheck_cases_EntryId_Kind",
                table: "crosscheck_cases",
                columns: new[] { "EntryId", "Kind" });

            migrationBuilder.CreateIndex(
                name: "IX_crosscheck_cases_ScopePath_Month_Item_State",
                table: "crosscheck_cases",
                columns: new[] { "ScopePath", "Month", "Item", "State" })
                .Annotation("Npgsql:IndexOperators", new[] { "text_pattern_ops", "int4_ops", "int4_ops", "int4_ops" });

            migrationBuilder.CreateIndex(
                name: "IX_crosscheck_cases_SupervisorPath_State_DueDate",
                table: "crosscheck_cases",
                columns: new[] { "SupervisorPath", "State", "DueDate" });

            migrationBuilder.CreateIndex(
                name: "ux_crosscheck_cases_once_per_month",
                table: "crosscheck_cases",
                columns: new[] { "Kind", "Month", "EntryId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ux_crosscheck_clearance_deadline_from",
                table: "crosscheck_clearance_deadlines",
                column: "ValidFrom",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_crosscheck_evidence_CaseId",
                table: "crosscheck_evidence",
                column: "CaseId");

            migrationBuilder.CreateIndex(
                name: "IX_crosscheck_rejected_rows_RunId_RowNumber",
                table: "crosscheck_rejected_rows",
                columns: new[] { "RunId", "RowNumber" });

            migrationBuilder.CreateIndex(
                name: "IX_crosscheck_runs_FileSha256",
                table: "crosscheck_runs",
                column: "FileSha256",
                unique: true,
                filter: "\"FileSha256\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_crosscheck_runs_ScopePath_Month",
                table: "crosscheck_runs",
                columns: new[] { "ScopePath", "Month" })
                .Annotation("Npgsql:IndexOperators", new[] { "text_pattern_ops", "int4_ops" });

            migrationBuilder.CreateIndex(
                name: "IX_data_request_files_RecipientId_Field",
                table: "data_request_files",
                columns: new[] { "RecipientId", "Field" });

            migrationBuilder.CreateIndex(
                name: "IX_data_request_recipients_OrganizationId",
                table: "data_request_recipients",
                column: "OrganizationId");

            migrationBuilder.CreateIndex(
                name: "ux_data_request_recipients",
                table: "data_request_recipients",
                columns: new[] { "RequestId", "ScopePath" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_data_requests_DueOn",
                table: "data_requests",
                column: "DueOn");

            migrationBuilder.CreateIndex(
                name: "IX_declared_intakes_SchoolId_IntakeYear_IntakeSeason",
                table: "declared_intakes",
                columns: new[] { "SchoolId", "IntakeYear", "IntakeSeason" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_funds_allocations_FromScopePath_FiscalYear",
                table: "funds_allocations",
                columns: new[] { "FromScopePath", "FiscalYear" });

            migrationBuilder.CreateIndex(
                name: "IX_funds_allocations_ParentId",
                table: "funds_allocations",
                column: "ParentId");

            migrationBuilder.CreateIndex(
                name: "IX_funds_allocations_ScopePath_FiscalYear_Item",
                table: "funds_allocations",
                columns: new[] { "ScopePath", "FiscalYear", "Item" })
                .Annotation("Npgsql:IndexOperators", new[] { "text_pattern_ops", "int4_ops", "int4_ops" });

            migrationBuilder.CreateIndex(
                name: "IX_funds_allocations_ToOrganizationId",
                table: "funds_allocations",
                column: "ToOrganizationId");

            migrationBuilder.CreateIndex(
                name: "IX_funds_bank_cards_NumberKey",
                table: "funds_bank_cards",
                column: "NumberKey");

            migrationBuilder.CreateIndex(
                name: "IX_funds_bank_cards_ScopePath_IsCurrent",
                table: "funds_bank_cards",
                columns: new[] { "ScopePath", "IsCurrent" })
                .Annotation("Npgsql:IndexOperators", new[] { "text_pattern_ops", "bool_ops" });

            migrationBuilder.CreateIndex(
                name: "ux_funds_bank_cards_current",
                table: "funds_bank_cards",
                column: "StudentId",
                unique: true,
                filter: "\"IsCurrent\"");

            migrationBuilder.CreateIndex(
                name: "IX_funds_final_accounts_ScopePath_FiscalYear",
                table: "funds_final_accounts",
                columns: new[] { "ScopePath", "FiscalYear" })
                .Annotation("Npgsql:IndexOperators", new[] { "text_pattern_ops", "int4_ops" });

            migrationBuilder.CreateIndex(
                name: "ux_funds_final_accounts_year",
                table: "funds_final_accounts",
                columns: new[] { "OrganizationId", "FiscalYear" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_funds_payment_batches_ScopePath_FiscalYear_PeriodStart",
                table: "funds_payment_batches",
                columns: new[] { "ScopePath", "FiscalYear", "PeriodStart" })
                .Annotation("Npgsql:IndexOperators", new[] { "text_pattern_ops", "int4_ops", "date_ops" });

            migrationBuilder.CreateIndex(
                name: "ux_funds_payment_batches_period",
                table: "funds_payment_batches",
                columns: new[] { "SchoolId", "Item", "PeriodStart" },
                unique: true,
                filter: "NOT \"IsRepayment\"");

            migrationBuilder.CreateIndex(
                name: "ix_funds_payment_lines_accounts",
                table: "funds_payment_lines",
                columns: new[] { "FiscalYear", "State", "ScopePath" })
                .Annotation("Npgsql:IndexInclude", new[] { "AmountFen" });

            migrationBuilder.CreateIndex(
                name: "IX_funds_payment_lines_BatchId_State",
                table: "funds_payment_lines",
                columns: new[] { "BatchId", "State" });

            migrationBuilder.CreateIndex(
                name: "IX_funds_payment_lines_CardId",
                table: "funds_payment_lines",
                column: "CardId");

            migrationBuilder.CreateIndex(
                name: "IX_funds_payment_lines_Reference",
                table: "funds_payment_lines",
                column: "Reference",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_funds_payment_lines_ScopePath_FiscalYear_State",
                table: "funds_payment_lines",
                columns: new[] { "ScopePath", "FiscalYear", "State" })
                .Annotation("Npgsql:IndexOperators", new[] { "text_pattern_ops", "int4_ops", "int4_ops" });

            migrationBuilder.CreateIndex(
                name: "IX_funds_payment_lines_StudentId_PeriodStart",
                table: "funds_payment_lines",
                columns: new[] { "StudentId", "PeriodStart" });

            migrationBuilder.CreateIndex(
                name: "ux_funds_payment_lines_once_per_period",
                table: "funds_payment_lines",
                columns: new[] { "AidEntryId", "PeriodStart" },
                unique: true,
                filter: "\"State\" IN (1, 2)");

            migrationBuilder.CreateIndex(
                name: "IX_funds_payment_recoveries_RecoveredFiscalYear_ScopePath",
                table: "funds_payment_recoveries",
                columns: new[] { "RecoveredFiscalYear", "ScopePath" })
                .Annotation("Npgsql:IndexInclude", new[] { "RecoveredFen" });

            migrationBuilder.CreateIndex(
                name: "IX_funds_payment_recoveries_ScopePath_RecoveredOn",
                table: "funds_payment_recoveries",
                columns: new[] { "ScopePath", "RecoveredOn" })
                .Annotation("Npgsql:IndexOperators", new[] { "text_pattern_ops", "date_ops" });

            migrationBuilder.CreateIndex(
                name: "ux_funds_payment_recoveries_line",
                table: "funds_payment_recoveries",
                column: "LineId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_funds_payment_return_files_ScopePath_FiscalYear",
                table: "funds_payment_return_files",
                columns: new[] { "ScopePath", "FiscalYear" })
                .Annotation("Npgsql:IndexOperators", new[] { "text_pattern_ops", "int4_ops" });

            migrationBuilder.CreateIndex(
                name: "ux_funds_payment_return_files_batch",
                table: "funds_payment_return_files",
                column: "BatchId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ux_funds_payment_rules_from",
                table: "funds_payment_rules",
                columns: new[] { "ProvinceCode", "EffectiveFrom" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_funds_performance_targets_OrganizationId",
                table: "funds_performance_targets",
                column: "OrganizationId");

            migrationBuilder.CreateIndex(
                name: "ux_funds_performance_targets_year",
                table: "funds_performance_targets",
                columns: new[] { "ScopePath", "FiscalYear" },
                unique: true)
                .Annotation("Npgsql:IndexOperators", new[] { "text_pattern_ops", "int4_ops" });

            migrationBuilder.CreateIndex(
                name: "IX_funds_refunds_FiscalYear_ScopePath",
                table: "funds_refunds",
                columns: new[] { "FiscalYear", "ScopePath" })
                .Annotation("Npgsql:IndexInclude", new[] { "AmountFen" });

            migrationBuilder.CreateIndex(
                name: "IX_funds_refunds_OrganizationId_FiscalYear",
                table: "funds_refunds",
                columns: new[] { "OrganizationId", "FiscalYear" });

            migrationBuilder.CreateIndex(
                name: "IX_funds_self_evaluations_OrganizationId",
                table: "funds_self_evaluations",
                column: "OrganizationId");

            migrationBuilder.CreateIndex(
                name: "ux_funds_self_evaluations_year",
                table: "funds_self_evaluations",
                columns: new[] { "ScopePath", "FiscalYear" },
                unique: true)
                .Annotation("Npgsql:IndexOperators", new[] { "text_pattern_ops", "int4_ops" });

            migrationBuilder.CreateIndex(
                name: "IX_funds_vouchers_BatchId",
                table: "funds_vouchers",
                column: "BatchId");

            migrationBuilder.CreateIndex(
                name: "IX_funds_vouchers_CompensationId",
                table: "funds_vouchers",
                column: "CompensationId");

            migrationBuilder.CreateIndex(
                name: "IX_funds_vouchers_ScopePath_FiscalYear",
                table: "funds_vouchers",
                columns: new[] { "ScopePath", "FiscalYear" })
                .Annotation("Npgsql:IndexOperators", new[] { "text_pattern_ops", "int4_ops" });

            migrationBuilder.CreateIndex(
                name: "IX_funds_waiver_compensations_SchoolId_SchoolYear_Semester",
                table: "funds_waiver_compensations",
                columns: new[] { "SchoolId", "SchoolYear", "Semester" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_funds_waiver_compensations_ScopePath_FiscalYear",
                table: "funds_waiver_compensations",
                columns: new[] { "ScopePath", "FiscalYear" })
                .Annotation("Npgsql:IndexOperators", new[] { "text_pattern_ops", "int4_ops" });

            migrationBuilder.CreateIndex(
                name: "IX_funds_years_OrganizationId_FiscalYear",
                table: "funds_years",
                columns: new[] { "OrganizationId", "FiscalYear" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_funds_years_ScopePath_FiscalYear",
                table: "funds_years",
                columns: new[] { "ScopePath", "FiscalYear" })
                .Annotation("Npgsql:IndexOperators", new[] { "text_pattern_ops", "int4_ops" });

            migrationBuilder.CreateIndex(
                name: "IX_graduation_entries_RoundId_StudentId",
                table: "graduation_entries",
                columns: new[] { "RoundId", "StudentId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_graduation_entries_StudentId",
                table: "graduation_entries",
                column: "StudentId");

            migrationBuilder.CreateIndex(
                name: "IX_graduation_rounds_SchoolId",
                table: "graduation_rounds",
                column: "SchoolId");

            migrationBuilder.CreateIndex(
                name: "IX_graduation_rounds_ScopePath_State",
                table: "graduation_rounds",
                columns: new[] { "ScopePath", "State" })
                .Annotation("Npgsql:IndexOperators", new[] { "text_pattern_ops", "int4_ops" });

            migrationBuilder.CreateIndex(
                name: "IX_hanging_flags_CampaignId",
                table: "hanging_flags",
                column: "CampaignId");

            migrationBuilder.CreateIndex(
                name: "IX_hanging_flags_ScopePath_State",
                table: "hanging_flags",
                columns: new[] { "ScopePath", "State" })
                .Annotation("Npgsql:IndexOperators", new[] { "text_pattern_ops", "int4_ops" });

            migrationBuilder.CreateIndex(
                name: "IX_hanging_flags_State_DetectedAtUtc_Id",
                table: "hanging_flags",
                columns: new[] { "State", "DetectedAtUtc", "Id" },
                descending: new[] { false, true, false });

            migrationBuilder.CreateIndex(
                name: "IX_hanging_flags_StudentId_Reason",
                table: "hanging_flags",
                columns: new[] { "StudentId", "Reason" });

            migrationBuilder.CreateIndex(
                name: "IX_inspection_files_OwnerId",
                table: "inspection_files",
                column: "OwnerId");

            migrationBuilder.CreateIndex(
                name: "IX_inspection_findings_ItemKey",
                table: "inspection_findings",
                column: "ItemKey");

            migrationBuilder.CreateIndex(
                name: "IX_inspection_findings_VisitId",
                table: "inspection_findings",
                column: "VisitId");

            migrationBuilder.CreateIndex(
                name: "IX_inspection_plan_acknowledgements_PlanId",
                table: "inspection_plan_acknowledgements",
                column: "PlanId");

            migrationBuilder.CreateIndex(
                name: "IX_inspection_plan_entries_SchoolId",
                table: "inspection_plan_entries",
                column: "SchoolId");

            migrationBuilder.CreateIndex(
                name: "ux_inspection_plan_entries_school",
                table: "inspection_plan_entries",
                columns: new[] { "PlanId", "SchoolCode" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ux_inspection_plans_year",
                table: "inspection_plans",
                columns: new[] { "ScopePath", "Year" },
                unique: true)
                .Annotation("Npgsql:IndexOperators", new[] { "text_pattern_ops", "int4_ops" });

            migrationBuilder.CreateIndex(
                name: "ux_inspection_policies_valid_from",
                table: "inspection_policies",
                column: "ValidFrom",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_inspection_rectifications_SchoolId",
                table: "inspection_rectifications",
                column: "SchoolId");

            migrationBuilder.CreateIndex(
                name: "IX_inspection_rectifications_State_DueOn",
                table: "inspection_rectifications",
                columns: new[] { "State", "DueOn" });

            migrationBuilder.CreateIndex(
                name: "ux_inspection_rectifications_finding",
                table: "inspection_rectifications",
                column: "FindingId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_inspection_self_inspection_items_SelfInspectionId",
                table: "inspection_self_inspection_items",
                column: "SelfInspectionId");

            migrationBuilder.CreateIndex(
                name: "ux_inspection_self_inspections_year",
                table: "inspection_self_inspections",
                columns: new[] { "SchoolId", "Year" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_inspection_visits_PlanId",
                table: "inspection_visits",
                column: "PlanId");

            migrationBuilder.CreateIndex(
                name: "IX_inspection_visits_ProvinceCode_Year",
                table: "inspection_visits",
                columns: new[] { "ProvinceCode", "Year" });

            migrationBuilder.CreateIndex(
                name: "IX_inspection_visits_TargetId_Year",
                table: "inspection_visits",
                columns: new[] { "TargetId", "Year" });

            migrationBuilder.CreateIndex(
                name: "IX_major_catalogue_editions_EffectiveFrom",
                table: "major_catalogue_editions",
                column: "EffectiveFrom");

            migrationBuilder.CreateIndex(
                name: "ux_major_catalogue_editions_name",
                table: "major_catalogue_editions",
                column: "Name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_major_catalogue_entries_EditionId_Code",
                table: "major_catalogue_entries",
                columns: new[] { "EditionId", "Code" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_major_catalogue_entries_EditionId_Name",
                table: "major_catalogue_entries",
                columns: new[] { "EditionId", "Name" });

            migrationBuilder.CreateIndex(
                name: "IX_organizations_Code",
                table: "organizations",
                column: "Code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_organizations_Level_ScopePath",
                table: "organizations",
                columns: new[] { "Level", "ScopePath" });

            migrationBuilder.CreateIndex(
                name: "IX_organizations_ParentId",
                table: "organizations",
                column: "ParentId");

            migrationBuilder.CreateIndex(
                name: "IX_organizations_ScopePath",
                table: "organizations",
                column: "ScopePath")
                .Annotation("Npgsql:IndexOperators", new[] { "text_pattern_ops" });

            migrationBuilder.CreateIndex(
                name: "IX_presence_campaign_schools_CampaignId_SchoolId",
                table: "presence_campaign_schools",
                columns: new[] { "CampaignId", "SchoolId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_presence_campaign_schools_SchoolId",
                table: "presence_campaign_schools",
                column: "SchoolId");

            migrationBuilder.CreateIndex(
                name: "IX_presence_campaign_schools_ScopePath",
                table: "presence_campaign_schools",
                column: "ScopePath")
                .Annotation("Npgsql:IndexOperators", new[] { "text_pattern_ops" });

            migrationBuilder.CreateIndex(
                name: "IX_presence_campaigns_ScopePath_State",
                table: "presence_campaigns",
                columns: new[] { "ScopePath", "State" })
                .Annotation("Npgsql:IndexOperators", new[] { "text_pattern_ops", "int4_ops" });

            migrationBuilder.CreateIndex(
                name: "IX_presence_check_results_CampaignId_StudentId",
                table: "presence_check_results",
                columns: new[] { "CampaignId", "StudentId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_presence_check_results_StudentId_RecordedAtUtc",
                table: "presence_check_results",
                columns: new[] { "StudentId", "RecordedAtUtc" });

            migrationBuilder.CreateIndex(
                name: "ux_public_complaint_deadlines_kind_from",
                table: "public_complaint_deadlines",
                columns: new[] { "Kind", "ValidFrom" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_public_complaints_ContentKey_FiledAtUtc",
                table: "public_complaints",
                columns: new[] { "ContentKey", "FiledAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_public_complaints_ScopePath_Status_DueOn",
                table: "public_complaints",
                columns: new[] { "ScopePath", "Status", "DueOn" })
                .Annotation("Npgsql:IndexOperators", new[] { "text_pattern_ops", "int4_ops", "date_ops" });

            migrationBuilder.CreateIndex(
                name: "IX_public_complaints_Status_DueOn",
                table: "public_complaints",
                columns: new[] { "Status", "DueOn" });

            migrationBuilder.CreateIndex(
                name: "ux_public_complaints_tracking",
                table: "public_complaints",
                column: "TrackingNumber",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ux_public_hotlines_org",
                table: "public_hotlines",
                column: "OrganizationCode",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_registration_batches_SchoolId",
                table: "registration_batches",
                column: "SchoolId");

            migrationBuilder.CreateIndex(
                name: "IX_registration_batches_ScopePath_SubmittedAtUtc",
                table: "registration_batches",
                columns: new[] { "ScopePath", "SubmittedAtUtc" })
                .Annotation("Npgsql:IndexOperators", new[] { "text_pattern_ops", "timestamptz_ops" });

            migrationBuilder.CreateIndex(
                name: "IX_registration_reopenings_SchoolId_IntakeYear_IntakeSeason",
                table: "registration_reopenings",
                columns: new[] { "SchoolId", "IntakeYear", "IntakeSeason" });

            migrationBuilder.CreateIndex(
                name: "ux_report_deadlines_year",
                table: "report_deadlines",
                column: "Year",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_report_submissions_OrganizationId",
                table: "report_submissions",
                column: "OrganizationId");

            migrationBuilder.CreateIndex(
                name: "ux_report_submissions_year",
                table: "report_submissions",
                columns: new[] { "ScopePath", "Year" },
                unique: true)
                .Annotation("Npgsql:IndexOperators", new[] { "text_pattern_ops", "int4_ops" });

            migrationBuilder.CreateIndex(
                name: "IX_school_tuitions_SchoolId_ValidFrom",
                table: "school_tuitions",
                columns: new[] { "SchoolId", "ValidFrom" });

            migrationBuilder.CreateIndex(
                name: "IX_school_tuitions_ScopePath",
                table: "school_tuitions",
                column: "ScopePath")
                .Annotation("Npgsql:IndexOperators", new[] { "text_pattern_ops" });

            migrationBuilder.CreateIndex(
                name: "IX_standards_aid_rules_SchoolCode_Status",
                table: "standards_aid_rules",
                columns: new[] { "SchoolCode", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_standards_aid_rules_ScopePath_Status",
                table: "standards_aid_rules",
                columns: new[] { "ScopePath", "Status" })
                .Annotation("Npgsql:IndexOperators", new[] { "text_pattern_ops", "int4_ops" });

            migrationBuilder.CreateIndex(
                name: "IX_standards_aid_staff_SchoolCode",
                table: "standards_aid_staff",
                column: "SchoolCode");

            migrationBuilder.CreateIndex(
                name: "IX_standards_aid_staff_ScopePath",
                table: "standards_aid_staff",
                column: "ScopePath")
                .Annotation("Npgsql:IndexOperators", new[] { "text_pattern_ops" });

            migrationBuilder.CreateIndex(
                name: "IX_standards_brochures_SchoolId_Year_Season",
                table: "standards_brochures",
                columns: new[] { "SchoolId", "Year", "Season" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_standards_brochures_ScopePath_Status",
                table: "standards_brochures",
                columns: new[] { "ScopePath", "Status" })
                .Annotation("Npgsql:IndexOperators", new[] { "text_pattern_ops", "int4_ops" });

            migrationBuilder.CreateIndex(
                name: "IX_standards_policies_ProvinceCode_ValidFrom",
                table: "standards_policies",
                columns: new[] { "ProvinceCode", "ValidFrom" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_standards_staff_trainings_ScopePath",
                table: "standards_staff_trainings",
                column: "ScopePath")
                .Annotation("Npgsql:IndexOperators", new[] { "text_pattern_ops" });

            migrationBuilder.CreateIndex(
                name: "IX_standards_staff_trainings_StaffId_CompletedOn",
                table: "standards_staff_trainings",
                columns: new[] { "StaffId", "CompletedOn" });

            migrationBuilder.CreateIndex(
                name: "IX_standards_staff_trainings_TrainingId_StaffId",
                table: "standards_staff_trainings",
                columns: new[] { "TrainingId", "StaffId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_standards_trainings_ScopePath_StartsOn",
                table: "standards_trainings",
                columns: new[] { "ScopePath", "StartsOn" })
                .Annotation("Npgsql:IndexOperators", new[] { "text_pattern_ops", "date_ops" });

            migrationBuilder.CreateIndex(
                name: "IX_status_change_events_ChangeId",
                table: "status_change_events",
                column: "ChangeId");

            migrationBuilder.CreateIndex(
                name: "IX_status_change_evidence_ChangeId",
                table: "status_change_evidence",
                column: "ChangeId");

            migrationBuilder.CreateIndex(
                name: "ux_status_change_kind_rules_from",
                table: "status_change_kind_rules",
                columns: new[] { "Kind", "ScopePath", "ValidFrom" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_status_changes_dashboard",
                table: "status_changes",
                columns: new[] { "OccurredOn", "ScopePath" })
                .Annotation("Npgsql:IndexInclude", new[] { "Side", "State", "DueDate", "CompletedOn" });

            migrationBuilder.CreateIndex(
                name: "IX_status_changes_Kind_State_ExpectedReturnOn",
                table: "status_changes",
                columns: new[] { "Kind", "State", "ExpectedReturnOn" });

            migrationBuilder.CreateIndex(
                name: "IX_status_changes_SchoolId_OccurredOn",
                table: "status_changes",
                columns: new[] { "SchoolId", "OccurredOn" });

            migrationBuilder.CreateIndex(
                name: "IX_status_changes_ScopePath_State_DueDate",
                table: "status_changes",
                columns: new[] { "ScopePath", "State", "DueDate" })
                .Annotation("Npgsql:IndexOperators", new[] { "text_pattern_ops", "int4_ops", "date_ops" });

            migrationBuilder.CreateIndex(
                name: "IX_status_changes_StudentId",
                table: "status_changes",
                column: "StudentId");

            migrationBuilder.CreateIndex(
                name: "ux_status_changes_one_pending",
                table: "status_changes",
                columns: new[] { "StudentId", "Kind", "Side" },
                unique: true,
                filter: "\"State\" IN (1, 2, 3, 5)");

            migrationBuilder.CreateIndex(
                name: "IX_student_import_batches_FileSha256_SchoolCode_FirstRow_LastR~",
                table: "student_import_batches",
                columns: new[] { "FileSha256", "SchoolCode", "FirstRow", "LastRow" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_student_import_batches_ScopePath_ImportedAtUtc",
                table: "student_import_batches",
                columns: new[] { "ScopePath", "ImportedAtUtc" })
                .Annotation("Npgsql:IndexOperators", new[] { "text_pattern_ops", "timestamptz_ops" });

            migrationBuilder.CreateIndex(
                name: "IX_student_records_BatchId",
                table: "student_records",
                column: "BatchId");

            migrationBuilder.CreateIndex(
                name: "ix_student_records_dashboard",
                table: "student_records",
                columns: new[] { "IntakeYear", "ScopePath", "IntakeSeason", "RegistrationState" });

            migrationBuilder.CreateIndex(
                name: "ix_student_records_id_hash",
                table: "student_records",
                column: "IdNumberHash");

            migrationBuilder.CreateIndex(
                name: "IX_student_records_SchoolCode_ClassName_Name",
                table: "student_records",
                columns: new[] { "SchoolCode", "ClassName", "Name" });

            migrationBuilder.CreateIndex(
                name: "IX_student_records_SchoolId_RegistrationState",
                table: "student_records",
                columns: new[] { "SchoolId", "RegistrationState" });

            migrationBuilder.CreateIndex(
                name: "IX_student_records_ScopePath_RegistrationState",
                table: "student_records",
                columns: new[] { "ScopePath", "RegistrationState" })
                .Annotation("Npgsql:IndexInclude", new[] { "SchoolCode", "ClassName", "Name", "Id" })
                .Annotation("Npgsql:IndexOperators", new[] { "text_pattern_ops", "int4_ops" });

            migrationBuilder.CreateIndex(
                name: "IX_student_records_StatusNumber",
                table: "student_records",
                column: "StatusNumber",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_student_records_submitted",
                table: "student_records",
                columns: new[] { "ScopePath", "SchoolCode" },
                filter: "\"RegistrationState\" = 2")
                .Annotation("Npgsql:IndexInclude", new[] { "SubmittedAtUtc" })
                .Annotation("Npgsql:IndexOperators", new[] { "text_pattern_ops", "text_pattern_ops" });

            migrationBuilder.CreateIndex(
                name: "ux_student_records_one_place",
                table: "student_records",
                column: "IdNumberHash",
                unique: true,
                filter: "\"HoldsPlace\"");

            migrationBuilder.CreateIndex(
                name: "IX_supervision_measure_files_MeasureId",
                table: "supervision_measure_files",
                column: "MeasureId");

            migrationBuilder.CreateIndex(
                name: "IX_supervision_measures_SchoolId_IssuedOn",
                table: "supervision_measures",
                columns: new[] { "SchoolId", "IssuedOn" });

            migrationBuilder.CreateIndex(
                name: "IX_supervision_measures_ScopePath_State",
                table: "supervision_measures",
                columns: new[] { "ScopePath", "State" })
                .Annotation("Npgsql:IndexOperators", new[] { "text_pattern_ops", "int4_ops" });

            migrationBuilder.CreateIndex(
                name: "IX_user_accounts_OrganizationId",
                table: "user_accounts",
                column: "OrganizationId");

            migrationBuilder.CreateIndex(
                name: "IX_user_accounts_ScopePath",
                table: "user_accounts",
                column: "ScopePath")
                .Annotation("Npgsql:IndexOperators", new[] { "text_pattern_ops" });

            migrationBuilder.CreateIndex(
                name: "IX_user_accounts_UserName",
                table: "user_accounts",
                column: "UserName",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "aid_central_shares");

            migrationBuilder.DropTable(
                name: "aid_deadline_reopenings");

            migrationBuilder.DropTable(
                name: "aid_designated_areas");

            migrationBuilder.DropTable(
                name: "aid_entries");

            migrationBuilder.DropTable(
                name: "aid_hardship_assessments");

            migrationBuilder.DropTable(
                name: "aid_hardship_notices");

            migrationBuilder.DropTable(
                name: "aid_national_ranges");

            migrationBuilder.DropTable(
                name: "aid_policies");

            migrationBuilder.DropTable(
                name: "audit_events");

            migrationBuilder.DropTable(
                name: "calendar_days");

            migrationBuilder.DropTable(
                name: "certificate_lookups");

            migrationBuilder.DropTable(
                name: "certificates");

            migrationBuilder.DropTable(
                name: "comparable_tuitions");

            migrationBuilder.DropTable(
                name: "crosscheck_clearance_deadlines");

            migrationBuilder.DropTable(
                name: "crosscheck_evidence");

            migrationBuilder.DropTable(
                name: "crosscheck_rejected_rows");

            migrationBuilder.DropTable(
                name: "data_protection_keys");

            migrationBuilder.DropTable(
                name: "data_request_files");

            migrationBuilder.DropTable(
                name: "declared_intakes");

            migrationBuilder.DropTable(
                name: "funds_allocations");

            migrationBuilder.DropTable(
                name: "funds_final_accounts");

            migrationBuilder.DropTable(
                name: "funds_payment_recoveries");

            migrationBuilder.DropTable(
                name: "funds_payment_return_files");

            migrationBuilder.DropTable(
                name: "funds_payment_rules");

            migrationBuilder.DropTable(
                name: "funds_performance_targets");

            migrationBuilder.DropTable(
                name: "funds_refunds");

            migrationBuilder.DropTable(
                name: "funds_self_evaluations");

            migrationBuilder.DropTable(
                name: "funds_vouchers");

            migrationBuilder.DropTable(
                name: "funds_years");

            migrationBuilder.DropTable(
                name: "graduation_entries");

            migrationBuilder.DropTable(
                name: "hanging_flags");

            migrationBuilder.DropTable(
                name: "hanging_policies");

            migrationBuilder.DropTable(
                name: "inspection_files");

            migrationBuilder.DropTable(
                name: "inspection_plan_acknowledgements");

            migrationBuilder.DropTable(
                name: "inspection_plan_entries");

            migrationBuilder.DropTable(
                name: "inspection_rectifications");

            migrationBuilder.DropTable(
                name: "inspection_risk_weights");

            migrationBuilder.DropTable(
                name: "inspection_self_inspection_items");

            migrationBuilder.DropTable(
                name: "intake_deadlines");

            migrationBuilder.DropTable(
                name: "key_rotations");

            migrationBuilder.DropTable(
                name: "major_catalogue_entries");

            migrationBuilder.DropTable(
                name: "presence_campaign_schools");

            migrationBuilder.DropTable(
                name: "presence_check_results");

            migrationBuilder.DropTable(
                name: "public_complaint_deadlines");

            migrationBuilder.DropTable(
                name: "public_complaints");

            migrationBuilder.DropTable(
                name: "public_hotlines");

            migrationBuilder.DropTable(
                name: "registration_batches");

            migrationBuilder.DropTable(
                name: "registration_reopenings");

            migrationBuilder.DropTable(
                name: "report_deadlines");

            migrationBuilder.DropTable(
                name: "report_submissions");

            migrationBuilder.DropTable(
                name: "school_tuitions");

            migrationBuilder.DropTable(
                name: "standards_aid_rules");

            migrationBuilder.DropTable(
                name: "standards_brochures");

            migrationBuilder.DropTable(
                name: "standards_policies");

            migrationBuilder.DropTable(
                name: "standards_staff_trainings");

            migrationBuilder.DropTable(
                name: "status_change_events");

            migrationBuilder.DropTable(
                name: "status_change_evidence");

            migrationBuilder.DropTable(
                name: "status_change_kind_rules");

            migrationBuilder.DropTable(
                name: "status_change_policies");

            migrationBuilder.DropTable(
                name: "student_import_batches");

            migrationBuilder.DropTable(
                name: "supervision_measure_files");

            migrationBuilder.DropTable(
                name: "user_accounts");

            migrationBuilder.DropTable(
                name: "aid_rounds");

            migrationBuilder.DropTable(
                name: "crosscheck_cases");

            migrationBuilder.DropTable(
                name: "crosscheck_runs");

            migrationBuilder.DropTable(
                name: "data_request_recipients");

            migrationBuilder.DropTable(
                name: "funds_payment_lines");

            migrationBuilder.DropTable(
                name: "funds_waiver_compensations");

            migrationBuilder.DropTable(
                name: "graduation_rounds");

            migrationBuilder.DropTable(
                name: "inspection_findings");

            migrationBuilder.DropTable(
                name: "inspection_policies");

            migrationBuilder.DropTable(
                name: "inspection_self_inspections");

            migrationBuilder.DropTable(
                name: "major_catalogue_editions");

            migrationBuilder.DropTable(
                name: "presence_campaigns");

            migrationBuilder.DropTable(
                name: "standards_aid_staff");

            migrationBuilder.DropTable(
                name: "standards_trainings");

            migrationBuilder.DropTable(
                name: "status_changes");

            migrationBuilder.DropTable(
                name: "supervision_measures");

            migrationBuilder.DropTable(
                name: "data_requests");

            migrationBuilder.DropTable(
                name: "funds_bank_cards");

            migrationBuilder.DropTable(
                name: "funds_payment_batches");

            migrationBuilder.DropTable(
                name: "inspection_checklist_items");

            migrationBuilder.DropTable(
                name: "inspection_visits");

            migrationBuilder.DropTable(
                name: "student_records");

            migrationBuilder.DropTable(
                name: "inspection_plans");

            migrationBuilder.DropTable(
                name: "organizations");
        }
    }
}
