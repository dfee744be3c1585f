using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ServiceMark.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AssessmentEngine : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "AssessmentPeriods",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Length = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    Number = table.Column<int>(type: "INTEGER", nullable: false),
                    FirstDay = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    LastDay = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    State = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    OpenedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    OpenedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    StateChangedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    StateChangedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    StateReason = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AssessmentPeriods", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "AssessmentPlans",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Code = table.Column<string>(type: "TEXT", maxLength: 80, nullable: false),
                    PlanVersion = table.Column<int>(type: "INTEGER", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    PeriodKind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    PositionCodes = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    Json = table.Column<string>(type: "TEXT", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    PublishedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    PublishedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AssessmentPlans", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "DisciplinaryCards",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    PersonId = table.Column<int>(type: "INTEGER", nullable: false),
                    Colour = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    IssuedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    IssuedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    IssuedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DisciplinaryCards", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "AssessmentSheets",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    PeriodId = table.Column<int>(type: "INTEGER", nullable: false),
                    PersonId = table.Column<int>(type: "INTEGER", nullable: false),
                    PlanId = table.Column<int>(type: "INTEGER", nullable: false),
                    SuperiorPersonId = table.Column<int>(type: "INTEGER", nullable: true),
                    GoalPlan = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    GoalPlanApprovedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    GoalPlanApprovedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    ResultJson = table.Column<string>(type: "TEXT", nullable: true),
                    ScoredAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ComputedTotal = table.Column<decimal>(type: "TEXT", precision: 9, scale: 2, nullable: true),
                    SelfReview = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    SelfScore = table.Column<decimal>(type: "TEXT", precision: 9, scale: 2, nullable: true),
                    SelfReviewedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    SuperiorComment = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    SuperiorReviewedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    SuperiorReviewedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    Adjustment = table.Column<decimal>(type: "TEXT", precision: 9, scale: 2, nullable: false),
                    AdjustmentReason = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    GmComment = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    GmReviewedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    InterviewNotes = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    ImprovementPlan = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    InterviewAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    InterviewBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    AppealText = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    AppealedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    AppealDecision = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    AppealUpheld = table.Column<bool>(type: "INTEGER", nullable: true),
                    AppealDecidedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    AppealDecidedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AssessmentSheets", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AssessmentSheets_AssessmentPeriods_PeriodId",
                        column: x => x.PeriodId,
                        principalTable: "AssessmentPeriods",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_AssessmentSheets_AssessmentPlans_PlanId",
                        column: x => x.PlanId,
                        principalTable: "AssessmentPlans",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "AssessmentInputs",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    SheetId = table.Column<int>(type: "INTEGER", nullable: false),
                    IndicatorCode = table.Column<string>(type: "TEXT", maxLength: 80, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    RaterGroup = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    EnteredByPersonId = table.Column<int>(type: "INTEGER", nullable: false),
                    Value = table.Column<decimal>(type: "TEXT", precision: 14, scale: 2, nullable: false),
                    Comment = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    Evidence = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    EnteredAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AssessmentInputs", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AssessmentInputs_AssessmentSheets_SheetId",
                        column: x => x.SheetId,
                        principalTable: "AssessmentSheets",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_AssessmentInputs_SheetId_IndicatorCode_Kind_EnteredByPersonId",
                table: "AssessmentInputs",
                columns: new[] { "SheetId", "IndicatorCode", "Kind", "EnteredByPersonId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AssessmentPeriods_Length_Year_Number",
                table: "AssessmentPeriods",
                columns: new[] { "Length", "Year", "Number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AssessmentPlans_Code_PlanVersion",
                table: "AssessmentPlans",
                columns: new[] { "Code", "PlanVersion" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AssessmentSheets_PeriodId_PersonId",
                table: "AssessmentSheets",
                columns: new[] { "PeriodId", "PersonId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AssessmentSheets_PersonId",
                table: "AssessmentSheets",
                column: "PersonId");

            migrationBuilder.CreateIndex(
                name: "IX_AssessmentSheets_PlanId",
                table: "AssessmentSheets",
                column: "PlanId");

            migrationBuilder.CreateIndex(
                name: "IX_AssessmentSheets_SuperiorPersonId",
                table: "AssessmentSheets",
                column: "SuperiorPersonId");

            migrationBuilder.CreateIndex(
                name: "IX_DisciplinaryCards_PersonId_IssuedOn",
                table: "DisciplinaryCards",
                columns: new[] { "PersonId", "IssuedOn" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AssessmentInputs");

            migrationBuilder.DropTable(
                name: "DisciplinaryCards");

            migrationBuilder.DropTable(
                name: "AssessmentSheets");

            migrationBuilder.DropTable(
                name: "AssessmentPeriods");

            migrationBuilder.DropTable(
                name: "AssessmentPlans");
        }
    }
}
