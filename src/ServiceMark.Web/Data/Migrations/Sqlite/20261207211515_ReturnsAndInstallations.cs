using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ServiceMark.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ReturnsAndInstallations : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "InstallationPlans",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CustomerId = table.Column<int>(type: "INTEGER", nullable: false),
                    UnitIds = table.Column<string>(type: "TEXT", nullable: false),
                    PlannedStart = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    PlannedFinish = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    ResponsiblePersonId = table.Column<int>(type: "INTEGER", nullable: false),
                    EngineerIds = table.Column<string>(type: "TEXT", nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    TicketId = table.Column<int>(type: "INTEGER", nullable: true),
                    ReleasedById = table.Column<int>(type: "INTEGER", nullable: true),
                    ReleasedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    CancelReason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    CreatedById = table.Column<int>(type: "INTEGER", nullable: true),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_InstallationPlans", x => x.Id);
                    table.ForeignKey(
                        name: "FK_InstallationPlans_Customers_CustomerId",
                        column: x => x.CustomerId,
                        principalTable: "Customers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_InstallationPlans_People_ResponsiblePersonId",
                        column: x => x.ResponsiblePersonId,
                        principalTable: "People",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_InstallationPlans_ServiceTickets_TicketId",
                        column: x => x.TicketId,
                        principalTable: "ServiceTickets",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ProductReturns",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CustomerId = table.Column<int>(type: "INTEGER", nullable: false),
                    TicketId = table.Column<int>(type: "INTEGER", nullable: true),
                    ProductUnitId = table.Column<int>(type: "INTEGER", nullable: true),
                    Item = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    SerialNumber = table.Column<string>(type: "TEXT", maxLength: 60, nullable: true),
                    Fault = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    ReceivedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    ReceivedById = table.Column<int>(type: "INTEGER", nullable: true),
                    ResponsiblePersonId = table.Column<int>(type: "INTEGER", nullable: false),
                    DueOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Decision = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    Finding = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    InspectedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    InspectedById = table.Column<int>(type: "INTEGER", nullable: true),
                    RepairWork = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    ReplacementSerial = table.Column<string>(type: "TEXT", maxLength: 60, nullable: true),
                    RepairedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    WorkedById = table.Column<int>(type: "INTEGER", nullable: true),
                    FirstTestedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    FirstTestPassed = table.Column<bool>(type: "INTEGER", nullable: true),
                    ShippedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    ShippingReference = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    RefundedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    CompletedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    CancelReason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    CreatedById = table.Column<int>(type: "INTEGER", nullable: true),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ProductReturns", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ProductReturns_Customers_CustomerId",
                        column: x => x.CustomerId,
                        principalTable: "Customers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ProductReturns_People_ResponsiblePersonId",
                        column: x => x.ResponsiblePersonId,
                        principalTable: "People",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ProductReturns_ProductUnits_ProductUnitId",
                        column: x => x.ProductUnitId,
                        principalTable: "ProductUnits",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ProductReturns_ServiceTickets_TicketId",
                        column: x => x.TicketId,
                        principalTable: "ServiceTickets",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ReturnTests",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ReturnId = table.Column<int>(type: "INTEGER", nullable: false),
                    Sequence = table.Column<int>(type: "INTEGER", nullable: false),
                    TestedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    TestedById = table.Column<int>(type: "INTEGER", nullable: false),
                    Passed = table.Column<bool>(type: "INTEGER", nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReturnTests", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ReturnTests_People_TestedById",
                        column: x => x.TestedById,
                        principalTable: "People",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ReturnTests_ProductReturns_ReturnId",
                        column: x => x.ReturnId,
                        principalTable: "ProductReturns",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_InstallationPlans_CustomerId",
                table: "InstallationPlans",
                column: "CustomerId");

            migrationBuilder.CreateIndex(
                name: "IX_InstallationPlans_PlannedFinish",
                table: "InstallationPlans",
                column: "PlannedFinish");

            migrationBuilder.CreateIndex(
                name: "IX_InstallationPlans_ResponsiblePersonId_PlannedFinish",
                table: "InstallationPlans",
                columns: new[] { "ResponsiblePersonId", "PlannedFinish" });

            migrationBuilder.CreateIndex(
                name: "IX_InstallationPlans_TicketId",
                table: "InstallationPlans",
                column: "TicketId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ProductReturns_CompletedOn",
                table: "ProductReturns",
                column: "CompletedOn");

            migrationBuilder.CreateIndex(
                name: "IX_ProductReturns_CustomerId",
                table: "ProductReturns",
                column: "CustomerId");

            migrationBuilder.CreateIndex(
                name: "IX_ProductReturns_DueOn",
                table: "ProductReturns",
                column: "DueOn");

            migrationBuilder.CreateIndex(
                name: "IX_ProductReturns_FirstTestedOn",
                table: "ProductReturns",
                column: "FirstTestedOn");

            migrationBuilder.CreateIndex(
                name: "IX_ProductReturns_ProductUnitId",
                table: "ProductReturns",
                column: "ProductUnitId");

            migrationBuilder.CreateIndex(
                name: "IX_ProductReturns_ReplacementSerial",
                table: "ProductReturns",
                column: "ReplacementSerial");

            migrationBuilder.CreateIndex(
                name: "IX_ProductReturns_ResponsiblePersonId_CompletedOn",
                table: "ProductReturns",
                columns: new[] { "ResponsiblePersonId", "CompletedOn" });

            migrationBuilder.CreateIndex(
                name: "IX_ProductReturns_ResponsiblePersonId_DueOn",
                table: "ProductReturns",
                columns: new[] { "ResponsiblePersonId", "DueOn" });

            migrationBuilder.CreateIndex(
                name: "IX_ProductReturns_ResponsiblePersonId_FirstTestedOn",
                table: "ProductReturns",
                columns: new[] { "ResponsiblePersonId", "FirstTestedOn" });

            migrationBuilder.CreateIndex(
                name: "IX_ProductReturns_SerialNumber",
                table: "ProductReturns",
                column: "SerialNumber");

            migrationBuilder.CreateIndex(
                name: "IX_ProductReturns_Status_DueOn",
                table: "ProductReturns",
                columns: new[] { "Status", "DueOn" });

            migrationBuilder.CreateIndex(
                name: "IX_ProductReturns_TicketId",
                table: "ProductReturns",
                column: "TicketId");

            migrationBuilder.CreateIndex(
                name: "IX_ReturnTests_ReturnId_Sequence",
                table: "ReturnTests",
                columns: new[] { "ReturnId", "Sequence" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ReturnTests_TestedById",
                table: "ReturnTests",
                column: "TestedById");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "InstallationPlans");

            migrationBuilder.DropTable(
                name: "ReturnTests");

            migrationBuilder.DropTable(
                name: "ProductReturns");
        }
    }
}
