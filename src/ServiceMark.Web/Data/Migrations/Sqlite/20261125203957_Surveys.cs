using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ServiceMark.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Surveys : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "SurveyLinks",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    TicketId = table.Column<int>(type: "INTEGER", nullable: false),
                    TokenHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ExpiresAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UsedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SurveyLinks", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SurveyLinks_ServiceTickets_TicketId",
                        column: x => x.TicketId,
                        principalTable: "ServiceTickets",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "SatisfactionSurveys",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    TicketId = table.Column<int>(type: "INTEGER", nullable: false),
                    Method = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    ProblemSolved = table.Column<bool>(type: "INTEGER", nullable: false),
                    Comment = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    AnsweredAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    AnsweredByPersonId = table.Column<int>(type: "INTEGER", nullable: true),
                    AnsweredBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    SurveyLinkId = table.Column<int>(type: "INTEGER", nullable: true),
                    IsLow = table.Column<bool>(type: "INTEGER", nullable: false),
                    LowReasons = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SatisfactionSurveys", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SatisfactionSurveys_ServiceTickets_TicketId",
                        column: x => x.TicketId,
                        principalTable: "ServiceTickets",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_SatisfactionSurveys_SurveyLinks_SurveyLinkId",
                        column: x => x.SurveyLinkId,
                        principalTable: "SurveyLinks",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "FollowUpTasks",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    TicketId = table.Column<int>(type: "INTEGER", nullable: false),
                    SurveyId = table.Column<int>(type: "INTEGER", nullable: true),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    AssignedRole = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    DoneAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    DoneBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    Note = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FollowUpTasks", x => x.Id);
                    table.ForeignKey(
                        name: "FK_FollowUpTasks_SatisfactionSurveys_SurveyId",
                        column: x => x.SurveyId,
                        principalTable: "SatisfactionSurveys",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_FollowUpTasks_ServiceTickets_TicketId",
                        column: x => x.TicketId,
                        principalTable: "ServiceTickets",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "SatisfactionSurveyRatings",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    SurveyId = table.Column<int>(type: "INTEGER", nullable: false),
                    Question = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Scale = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Value = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SatisfactionSurveyRatings", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SatisfactionSurveyRatings_SatisfactionSurveys_SurveyId",
                        column: x => x.SurveyId,
                        principalTable: "SatisfactionSurveys",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_FollowUpTasks_Status_CreatedAtUtc",
                table: "FollowUpTasks",
                columns: new[] { "Status", "CreatedAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_FollowUpTasks_SurveyId",
                table: "FollowUpTasks",
                column: "SurveyId");

            migrationBuilder.CreateIndex(
                name: "IX_FollowUpTasks_TicketId",
                table: "FollowUpTasks",
                column: "TicketId");

            migrationBuilder.CreateIndex(
                name: "IX_SatisfactionSurveyRatings_SurveyId_Question",
                table: "SatisfactionSurveyRatings",
                columns: new[] { "SurveyId", "Question" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SatisfactionSurveys_SurveyLinkId",
                table: "SatisfactionSurveys",
                column: "SurveyLinkId");

            migrationBuilder.CreateIndex(
                name: "IX_SatisfactionSurveys_TicketId",
                table: "SatisfactionSurveys",
                column: "TicketId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SurveyLinks_TicketId",
                table: "SurveyLinks",
                column: "TicketId");

            migrationBuilder.CreateIndex(
                name: "IX_SurveyLinks_TokenHash",
                table: "SurveyLinks",
                column: "TokenHash",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "FollowUpTasks");

            migrationBuilder.DropTable(
                name: "SatisfactionSurveyRatings");

            migrationBuilder.DropTable(
                name: "SatisfactionSurveys");

            migrationBuilder.DropTable(
                name: "SurveyLinks");
        }
    }
}
