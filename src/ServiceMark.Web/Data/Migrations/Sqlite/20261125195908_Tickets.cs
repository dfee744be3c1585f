using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ServiceMark.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Tickets : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ServiceTickets",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Number = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    CustomerId = table.Column<int>(type: "INTEGER", nullable: false),
                    ContactName = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    ContactPhone = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    SiteAddress = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    DistanceKm = table.Column<decimal>(type: "TEXT", precision: 9, scale: 1, nullable: false),
                    ProductModelId = table.Column<int>(type: "INTEGER", nullable: true),
                    SerialNumber = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true),
                    RunningHours = table.Column<decimal>(type: "TEXT", precision: 12, scale: 1, nullable: true),
                    MileageKm = table.Column<decimal>(type: "TEXT", precision: 12, scale: 1, nullable: true),
                    FaultCategory = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    FaultDescription = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    Urgency = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Channel = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    ContactLogEntryId = table.Column<int>(type: "INTEGER", nullable: true),
                    UnderWarranty = table.Column<bool>(type: "INTEGER", nullable: true),
                    WarrantyReason = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Status = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    ReturnStatus = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    ServiceLevelPolicyId = table.Column<int>(type: "INTEGER", nullable: true),
                    OriginalTicketId = table.Column<int>(type: "INTEGER", nullable: true),
                    OriginalTicketNumber = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    IsEscalated = table.Column<bool>(type: "INTEGER", nullable: false),
                    ReportedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ReportedByPersonId = table.Column<int>(type: "INTEGER", nullable: true),
                    ReportedByUserName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    FirstResponseAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    AgreedVisitAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ArrivedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ResolvedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ClosedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ServiceTickets", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ServiceTickets_Customers_CustomerId",
                        column: x => x.CustomerId,
                        principalTable: "Customers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ServiceReports",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Revision = table.Column<int>(type: "INTEGER", nullable: false),
                    Findings = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    Cause = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    Responsibility = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    WorkDone = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    CompensationAmount = table.Column<decimal>(type: "TEXT", precision: 14, scale: 2, nullable: false),
                    OldPartsReturned = table.Column<bool>(type: "INTEGER", nullable: false),
                    OldPartsNote = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    AdviceGiven = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    PaidServiceAmount = table.Column<decimal>(type: "TEXT", precision: 14, scale: 2, nullable: false),
                    PaidServiceApprovalReference = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    RecordedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    RecordedByPersonId = table.Column<int>(type: "INTEGER", nullable: true),
                    RecordedByUserName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    SignatureAttachmentId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    SignerName = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true),
                    SignedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ApprovedByPersonId = table.Column<int>(type: "INTEGER", nullable: true),
                    ApprovedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ApprovalComment = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    RejectedByPersonId = table.Column<int>(type: "INTEGER", nullable: true),
                    RejectedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    RejectionReason = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    TicketId = table.Column<int>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ServiceReports", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ServiceReports_ServiceTickets_TicketId",
                        column: x => x.TicketId,
                        principalTable: "ServiceTickets",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "TicketAssignments",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    EngineerId = table.Column<int>(type: "INTEGER", nullable: false),
                    IsLead = table.Column<bool>(type: "INTEGER", nullable: false),
                    AssignedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    TicketId = table.Column<int>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TicketAssignments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_TicketAssignments_ServiceTickets_TicketId",
                        column: x => x.TicketId,
                        principalTable: "ServiceTickets",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "TicketEvents",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Sequence = table.Column<int>(type: "INTEGER", nullable: false),
                    AtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ActorPersonId = table.Column<int>(type: "INTEGER", nullable: true),
                    ActorUserName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    Action = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    FromStatus = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    ToStatus = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    EngineerId = table.Column<int>(type: "INTEGER", nullable: true),
                    Note = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    TicketId = table.Column<int>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TicketEvents", x => x.Id);
                    table.ForeignKey(
                        name: "FK_TicketEvents_ServiceTickets_TicketId",
                        column: x => x.TicketId,
                        principalTable: "ServiceTickets",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ReplacedParts",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    SparePartId = table.Column<int>(type: "INTEGER", nullable: true),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Quantity = table.Column<decimal>(type: "TEXT", precision: 12, scale: 2, nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    ReportId = table.Column<int>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReplacedParts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ReplacedParts_ServiceReports_ReportId",
                        column: x => x.ReportId,
                        principalTable: "ServiceReports",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ServiceReportAmendments",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Text = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    AtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ByPersonId = table.Column<int>(type: "INTEGER", nullable: true),
                    ByUserName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    ReportId = table.Column<int>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ServiceReportAmendments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ServiceReportAmendments_ServiceReports_ReportId",
                        column: x => x.ReportId,
                        principalTable: "ServiceReports",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ReplacedParts_ReportId",
                table: "ReplacedParts",
                column: "ReportId");

            migrationBuilder.CreateIndex(
                name: "IX_ServiceReportAmendments_ReportId",
                table: "ServiceReportAmendments",
                column: "ReportId");

            migrationBuilder.CreateIndex(
                name: "IX_ServiceReports_TicketId",
                table: "ServiceReports",
                column: "TicketId");

            migrationBuilder.CreateIndex(
                name: "IX_ServiceTickets_CustomerId",
                table: "ServiceTickets",
                column: "CustomerId");

            migrationBuilder.CreateIndex(
                name: "IX_ServiceTickets_Number",
                table: "ServiceTickets",
                column: "Number",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ServiceTickets_ReportedAtUtc",
                table: "ServiceTickets",
                column: "ReportedAtUtc");

            migrationBuilder.CreateIndex(
                name: "IX_ServiceTickets_Status",
                table: "ServiceTickets",
                column: "Status");

            migrationBuilder.CreateIndex(
                name: "IX_TicketAssignments_EngineerId",
                table: "TicketAssignments",
                column: "EngineerId");

            migrationBuilder.CreateIndex(
                name: "IX_TicketAssignments_TicketId",
                table: "TicketAssignments",
                column: "TicketId");

            migrationBuilder.CreateIndex(
                name: "IX_TicketEvents_AtUtc",
                table: "TicketEvents",
                column: "AtUtc");

            migrationBuilder.CreateIndex(
                name: "IX_TicketEvents_TicketId",
                table: "TicketEvents",
                column: "TicketId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ReplacedParts");

            migrationBuilder.DropTable(
                name: "ServiceReportAmendments");

            migrationBuilder.DropTable(
                name: "TicketAssignments");

            migrationBuilder.DropTable(
                name: "TicketEvents");

            migrationBuilder.DropTable(
                name: "ServiceReports");

            migrationBuilder.DropTable(
                name: "ServiceTickets");
        }
    }
}
