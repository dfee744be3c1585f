using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace ServiceMark.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class AssessmentDeadlineReminders : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "AssessmentPeriodId",
                table: "Notifications",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "AssessmentReminderId",
                table: "Notifications",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "AssessmentSheetId",
                table: "Notifications",
                type: "integer",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "AssessmentReminders",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    PeriodId = table.Column<int>(type: "integer", nullable: false),
                    Deadline = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    RecipientPersonId = table.Column<int>(type: "integer", nullable: false),
                    Work = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    DueOn = table.Column<DateOnly>(type: "date", nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AssessmentReminders", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AssessmentReminders_AssessmentPeriods_PeriodId",
                        column: x => x.PeriodId,
                        principalTable: "AssessmentPeriods",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_AssessmentReminders_People_RecipientPersonId",
                        column: x => x.RecipientPersonId,
                        principalTable: "People",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Notifications_AssessmentPeriodId",
                table: "Notifications",
                column: "AssessmentPeriodId");

            migrationBuilder.CreateIndex(
                name: "IX_Notifications_AssessmentReminderId",
                table: "Notifications",
                column: "AssessmentReminderId");

            migrationBuilder.CreateIndex(
                name: "IX_Notifications_AssessmentSheetId",
                table: "Notifications",
                column: "AssessmentSheetId");

            migrationBuilder.CreateIndex(
                name: "IX_AssessmentReminders_PeriodId_Deadline_RecipientPersonId_Work",
                table: "AssessmentReminders",
                columns: new[] { "PeriodId", "Deadline", "RecipientPersonId", "Work" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AssessmentReminders_RecipientPersonId",
                table: "AssessmentReminders",
                column: "RecipientPersonId");

            migrationBuilder.AddForeignKey(
                name: "FK_Notifications_AssessmentPeriods_AssessmentPeriodId",
                table: "Notifications",
                column: "AssessmentPeriodId",
                principalTable: "AssessmentPeriods",
                principalColumn: "Id",
                onDelete: ReferentialAction.Cascade);

            migrationBuilder.AddForeignKey(
                name: "FK_Notifications_AssessmentReminders_AssessmentReminderId",
                table: "Notifications",
                column: "AssessmentReminderId",
                principalTable: "AssessmentReminders",
                principalColumn: "Id",
                onDelete: ReferentialAction.Cascade);

            migrationBuilder.AddForeignKey(
                name: "FK_Notifications_AssessmentSheets_AssessmentSheetId",
                table: "Notifications",
                column: "AssessmentSheetId",
                principalTable: "AssessmentSheets",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Notifications_AssessmentPeriods_AssessmentPeriodId",
                table: "Notifications");

            migrationBuilder.DropForeignKey(
                name: "FK_Notifications_AssessmentReminders_AssessmentReminderId",
                table: "Notifications");

            migrationBuilder.DropForeignKey(
                name: "FK_Notifications_AssessmentSheets_AssessmentSheetId",
                table: "Notifications");

            migrationBuilder.DropTable(
                name: "AssessmentReminders");

            migrationBuilder.DropIndex(
                name: "IX_Notifications_AssessmentPeriodId",
                table: "Notifications");

            migrationBuilder.DropIndex(
                name: "IX_Notifications_AssessmentReminderId",
                table: "Notifications");

            migrationBuilder.DropIndex(
                name: "IX_Notifications_AssessmentSheetId",
                table: "Notifications");

            migrationBuilder.DropColumn(
                name: "AssessmentPeriodId",
                table: "Notifications");

            migrationBuilder.DropColumn(
                name: "AssessmentReminderId",
                table: "Notifications");

            migrationBuilder.DropColumn(
                name: "AssessmentSheetId",
                table: "Notifications");
        }
    }
}
