using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ServiceMark.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class DepartmentPolicy : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "PolicyVersion",
                table: "AssessmentSheets",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateTable(
                name: "DepartmentPolicies",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    ChangedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    ChangedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    QuarterlyBonusPercent = table.Column<decimal>(type: "TEXT", precision: 5, scale: 2, nullable: false),
                    YearEndBonusPercent = table.Column<decimal>(type: "TEXT", precision: 5, scale: 2, nullable: false),
                    ExcellentBonusRatio = table.Column<decimal>(type: "TEXT", precision: 5, scale: 2, nullable: false),
                    GoodBonusRatio = table.Column<decimal>(type: "TEXT", precision: 5, scale: 2, nullable: false),
                    PassBonusRatio = table.Column<decimal>(type: "TEXT", precision: 5, scale: 2, nullable: false),
                    FailBonusRatio = table.Column<decimal>(type: "TEXT", precision: 5, scale: 2, nullable: false),
                    ExcellentMinScore = table.Column<decimal>(type: "TEXT", precision: 5, scale: 2, nullable: false),
                    GoodMinScore = table.Column<decimal>(type: "TEXT", precision: 5, scale: 2, nullable: false),
                    PassMinScore = table.Column<decimal>(type: "TEXT", precision: 5, scale: 2, nullable: false),
                    FivePointAMinScore = table.Column<decimal>(type: "TEXT", precision: 5, scale: 2, nullable: false),
                    FivePointBMinScore = table.Column<decimal>(type: "TEXT", precision: 5, scale: 2, nullable: false),
                    FivePointCMinScore = table.Column<decimal>(type: "TEXT", precision: 5, scale: 2, nullable: false),
                    TimelinessRatePercentMin = table.Column<decimal>(type: "TEXT", precision: 5, scale: 2, nullable: false),
                    SatisfactionRatePercentMin = table.Column<decimal>(type: "TEXT", precision: 5, scale: 2, nullable: false),
                    ServiceComplaintRatePercentBelow = table.Column<decimal>(type: "TEXT", precision: 5, scale: 2, nullable: false),
                    ComplaintEngineerSatisfactionPercentMin = table.Column<decimal>(type: "TEXT", precision: 5, scale: 2, nullable: false),
                    ComplaintEngineerResponseHoursMax = table.Column<decimal>(type: "TEXT", precision: 9, scale: 2, nullable: false),
                    ComplaintEngineerResolutionHoursMax = table.Column<decimal>(type: "TEXT", precision: 9, scale: 2, nullable: false),
                    ComplaintEngineerComplaintRatePercentMax = table.Column<decimal>(type: "TEXT", precision: 5, scale: 2, nullable: false),
                    ReportDeadlineHours = table.Column<int>(type: "INTEGER", nullable: false),
                    ComplaintDeadlineDays = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DepartmentPolicies", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_DepartmentPolicies_Version",
                table: "DepartmentPolicies",
                column: "Version",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "DepartmentPolicies");

            migrationBuilder.DropColumn(
                name: "PolicyVersion",
                table: "AssessmentSheets");
        }
    }
}
