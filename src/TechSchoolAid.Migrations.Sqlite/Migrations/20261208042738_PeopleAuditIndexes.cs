using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TechSchoolAid.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class PeopleAuditIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_audit_events_Action_Sequence",
                table: "audit_events",
                columns: new[] { "Action", "Sequence" });

            migrationBuilder.CreateIndex(
                name: "IX_audit_events_ActorUserName_Sequence",
                table: "audit_events",
                columns: new[] { "ActorUserName", "Sequence" });

            migrationBuilder.CreateIndex(
                name: "IX_audit_events_SubjectId_Sequence",
                table: "audit_events",
                columns: new[] { "SubjectId", "Sequence" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_audit_events_Action_Sequence",
                table: "audit_events");

            migrationBuilder.DropIndex(
                name: "IX_audit_events_ActorUserName_Sequence",
                table: "audit_events");

            migrationBuilder.DropIndex(
                name: "IX_audit_events_SubjectId_Sequence",
                table: "audit_events");
        }
    }
}
