using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace ServiceMark.Web.Data.Migrations.Postgres
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
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ApplicantId = table.Column<int>(type: "integer", nullable: false),
                    SuperiorId = table.Column<int>(type: "integer", nullable: true),
                    SchemeCode = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    FromLevelCode = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    ToLevelCode = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    OpenedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    State = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    PanelMemberIds = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    EventsJson = table.Column<string>(type: "text", nullable: false),
                    ScoresJson = table.Column<string>(type: "text", nullable: true),
                    ExaminationJson = table.Column<string>(type: "text", nullable: true),
                    WeightedScore = table.Column<decimal>(type: "numeric", nullable: true),
                    RejectionReason = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    CertificateNumber = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    CertificateIssuedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    EffectiveFrom = table.Column<DateOnly>(type: "date", nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_GradeApplications", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "GradeDemotions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    PersonId = table.Column<int>(type: "integer", nullable: false),
                    SuperiorId = table.Column<int>(type: "integer", nullable: true),
                    SchemeCode = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    FromLevelCode = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    ToLevelCode = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Cause = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Evidence = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    FlagPeriod = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    RaisedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    RaisedById = table.Column<int>(type: "integer", nullable: false),
                    State = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    EventsJson = table.Column<string>(type: "text", nullable: false),
                    RejectionReason = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    EffectiveFrom = table.Column<DateOnly>(type: "date", nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_GradeDemotions", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "GradePayTables",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    SchemeCode = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    EffectiveFrom = table.Column<DateOnly>(type: "date", nullable: false),
                    RowsJson = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    CreatedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_GradePayTables", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "PersonGrades",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    PersonId = table.Column<int>(type: "integer", nullable: false),
                    SchemeCode = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    LevelCode = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    EffectiveFrom = table.Column<DateOnly>(type: "date", nullable: false),
                    Reason = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    Source = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    SourceId = table.Column<int>(type: "integer", nullable: true),
                    RecordedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    RecordedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PersonGrades", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "PersonQualifications",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    PersonId = table.Column<int>(type: "integer", nullable: false),
                    Kind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    ObtainedOn = table.Column<DateOnly>(type: "date", nullable: false)
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
