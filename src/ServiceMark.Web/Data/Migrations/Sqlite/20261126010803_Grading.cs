using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ServiceMark.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Grading : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "GradeApplications",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ApplicantId = table.Column<int>(type: "INTEGER", nullable: false),
                    SuperiorId = table.Column<int>(type: "INTEGER", nullable: true),
                    SchemeCode = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    FromLevelCode = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    ToLevelCode = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    OpenedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    State = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    PanelMemberIds = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    EventsJson = table.Column<string>(type: "TEXT", nullable: false),
                    ScoresJson = table.Column<string>(type: "TEXT", nullable: true),
                    ExaminationJson = table.Column<string>(type: "TEXT", nullable: true),
                    WeightedScore = table.Column<decimal>(type: "TEXT", nullable: true),
                    RejectionReason = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    CertificateNumber = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    CertificateIssuedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    EffectiveFrom = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_GradeApplications", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "GradeDemotions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    PersonId = table.Column<int>(type: "INTEGER", nullable: false),
                    SuperiorId = table.Column<int>(type: "INTEGER", nullable: true),
                    SchemeCode = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    FromLevelCode = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    ToLevelCode = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Cause = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Evidence = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    FlagPeriod = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    RaisedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    RaisedById = table.Column<int>(type: "INTEGER", nullable: false),
                    State = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    EventsJson = table.Column<string>(type: "TEXT", nullable: false),
                    RejectionReason = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    EffectiveFrom = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_GradeDemotions", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "GradePayTables",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    SchemeCode = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    EffectiveFrom = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    RowsJson = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_GradePayTables", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "PersonGrades",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    PersonId = table.Column<int>(type: "INTEGER", nullable: false),
                    SchemeCode = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    LevelCode = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    EffectiveFrom = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    Source = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    SourceId = table.Column<int>(type: "INTEGER", nullable: true),
                    RecordedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    RecordedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PersonGrades", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "PersonQualifications",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    PersonId = table.Column<int>(type: "INTEGER", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    ObtainedOn = table.Column<DateOnly>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PersonQualifications", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_GradeApplications_ApplicantId",
                table: "GradeApplications",
                column: "ApplicantId");

            migrationBuilder.CreateIndex(
                name: "IX_GradeApplications_CertificateNumber",
                table: "GradeApplications",
                column: "CertificateNumber",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_GradeDemotions_PersonId",
                table: "GradeDemotions",
                column: "PersonId");

            migrationBuilder.CreateIndex(
                name: "IX_GradePayTables_SchemeCode_EffectiveFrom",
                table: "GradePayTables",
                columns: new[] { "SchemeCode", "EffectiveFrom" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PersonGrades_PersonId_EffectiveFrom",
                table: "PersonGrades",
                columns: new[] { "PersonId", "EffectiveFrom" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PersonQualifications_PersonId_Kind_Name",
                table: "PersonQualifications",
                columns: new[] { "PersonId", "Kind", "Name" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "GradeApplications");

            migrationBuilder.DropTable(
                name: "GradeDemotions");

            migrationBuilder.DropTable(
                name: "GradePayTables");

            migrationBuilder.DropTable(
                name: "PersonGrades");

            migrationBuilder.DropTable(
                name: "PersonQualifications");
        }
    }
}
