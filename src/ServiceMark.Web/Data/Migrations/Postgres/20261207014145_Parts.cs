using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace ServiceMark.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Parts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "OldPartReturnDays",
                table: "DepartmentPolicies",
                type: "integer",
                nullable: false,
                defaultValue: 15); // the policy's default, for versions saved before the field existed

            migrationBuilder.CreateTable(
                name: "StockLocations",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Code = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Kind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    OrgUnitId = table.Column<int>(type: "integer", nullable: true),
                    PersonId = table.Column<int>(type: "integer", nullable: true),
                    IsActive = table.Column<bool>(type: "boolean", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StockLocations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_StockLocations_OrgUnits_OrgUnitId",
                        column: x => x.OrgUnitId,
                        principalTable: "OrgUnits",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_StockLocations_People_PersonId",
                        column: x => x.PersonId,
                        principalTable: "People",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Suppliers",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Code = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    ContactName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    ContactPhone = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: true),
                    ClaimWindowDays = table.Column<int>(type: "integer", nullable: true),
                    ClaimTerms = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    IsActive = table.Column<bool>(type: "boolean", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Suppliers", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "PartRequisitions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    RequesterId = table.Column<int>(type: "integer", nullable: false),
                    TicketId = table.Column<int>(type: "integer", nullable: true),
                    FromLocationId = table.Column<int>(type: "integer", nullable: false),
                    ToLocationId = table.Column<int>(type: "integer", nullable: false),
                    Purpose = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    Status = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    RequestedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    DecidedById = table.Column<int>(type: "integer", nullable: true),
                    DecidedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    DecisionNote = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    IssuedById = table.Column<int>(type: "integer", nullable: true),
                    IssuedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PartRequisitions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PartRequisitions_People_RequesterId",
                        column: x => x.RequesterId,
                        principalTable: "People",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_PartRequisitions_ServiceTickets_TicketId",
                        column: x => x.TicketId,
                        principalTable: "ServiceTickets",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_PartRequisitions_StockLocations_FromLocationId",
                        column: x => x.FromLocationId,
                        principalTable: "StockLocations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_PartRequisitions_StockLocations_ToLocationId",
                        column: x => x.ToLocationId,
                        principalTable: "StockLocations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "StockTakes",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    LocationId = table.Column<int>(type: "integer", nullable: false),
                    Status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    StartedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    StartedById = table.Column<int>(type: "integer", nullable: false),
                    SubmittedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    DecidedById = table.Column<int>(type: "integer", nullable: true),
                    DecidedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    DecisionNote = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StockTakes", x => x.Id);
                    table.ForeignKey(
                        name: "FK_StockTakes_People_DecidedById",
                        column: x => x.DecidedById,
                        principalTable: "People",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_StockTakes_People_StartedById",
                        column: x => x.StartedById,
                        principalTable: "People",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_StockTakes_StockLocations_LocationId",
                        column: x => x.LocationId,
                        principalTable: "StockLocations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "SpareParts",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Code = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Specification = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    Unit = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    SupplierId = table.Column<int>(type: "integer", nullable: true),
                    ReturnRequired = table.Column<bool>(type: "boolean", nullable: false),
                    IsActive = table.Column<bool>(type: "boolean", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SpareParts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SpareParts_Suppliers_SupplierId",
                        column: x => x.SupplierId,
                        principalTable: "Suppliers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "LedgerEntries",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    PostedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Kind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    PartId = table.Column<int>(type: "integer", nullable: false),
                    FromLocationId = table.Column<int>(type: "integer", nullable: false),
                    ToLocationId = table.Column<int>(type: "integer", nullable: false),
                    Quantity = table.Column<long>(type: "bigint", nullable: false),
                    UnitPrice = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: true),
                    ValueFen = table.Column<long>(type: "bigint", nullable: true),
                    DocumentType = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    DocumentId = table.Column<int>(type: "integer", nullable: true),
                    ActorPersonId = table.Column<int>(type: "integer", nullable: true),
                    ActorName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    Reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LedgerEntries", x => x.Id);
                    table.ForeignKey(
                        name: "FK_LedgerEntries_SpareParts_PartId",
                        column: x => x.PartId,
                        principalTable: "SpareParts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_LedgerEntries_StockLocations_FromLocationId",
                        column: x => x.FromLocationId,
                        principalTable: "StockLocations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_LedgerEntries_StockLocations_ToLocationId",
                        column: x => x.ToLocationId,
                        principalTable: "StockLocations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "OldParts",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    TicketId = table.Column<int>(type: "integer", nullable: false),
                    PartId = table.Column<int>(type: "integer", nullable: true),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Quantity = table.Column<long>(type: "bigint", nullable: false),
                    EngineerId = table.Column<int>(type: "integer", nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    DueOn = table.Column<DateOnly>(type: "date", nullable: false),
                    Status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    ReceivedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ReceivedById = table.Column<int>(type: "integer", nullable: true),
                    ReceivedAtLocationId = table.Column<int>(type: "integer", nullable: true),
                    ReturnedOnTime = table.Column<bool>(type: "boolean", nullable: true),
                    InspectedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    InspectedById = table.Column<int>(type: "integer", nullable: true),
                    ShowsSignsOfDisassembly = table.Column<bool>(type: "boolean", nullable: true),
                    InspectionNote = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    InspectedOnTime = table.Column<bool>(type: "boolean", nullable: true),
                    DisposedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    DisposedById = table.Column<int>(type: "integer", nullable: true),
                    Disposal = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    DisposalNote = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    DisposedOnTime = table.Column<bool>(type: "boolean", nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OldParts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_OldParts_People_EngineerId",
                        column: x => x.EngineerId,
                        principalTable: "People",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_OldParts_ServiceTickets_TicketId",
                        column: x => x.TicketId,
                        principalTable: "ServiceTickets",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_OldParts_SpareParts_PartId",
                        column: x => x.PartId,
                        principalTable: "SpareParts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_OldParts_StockLocations_ReceivedAtLocationId",
                        column: x => x.ReceivedAtLocationId,
                        principalTable: "StockLocations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "PartRequisitionLines",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    PartId = table.Column<int>(type: "integer", nullable: false),
                    Quantity = table.Column<long>(type: "bigint", nullable: false),
                    RequisitionId = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PartRequisitionLines", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PartRequisitionLines_PartRequisitions_RequisitionId",
                        column: x => x.RequisitionId,
                        principalTable: "PartRequisitions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_PartRequisitionLines_SpareParts_PartId",
                        column: x => x.PartId,
                        principalTable: "SpareParts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "SparePartFits",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ProductModelId = table.Column<int>(type: "integer", nullable: false),
                    SparePartId = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SparePartFits", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SparePartFits_ProductModels_ProductModelId",
                        column: x => x.ProductModelId,
                        principalTable: "ProductModels",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_SparePartFits_SpareParts_SparePartId",
                        column: x => x.SparePartId,
                        principalTable: "SpareParts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "SparePartPrices",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    EffectiveFrom = table.Column<DateOnly>(type: "date", nullable: false),
                    UnitPrice = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: false),
                    SparePartId = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SparePartPrices", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SparePartPrices_SpareParts_SparePartId",
                        column: x => x.SparePartId,
                        principalTable: "SpareParts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "StockBalances",
                columns: table => new
                {
                    LocationId = table.Column<int>(type: "integer", nullable: false),
                    PartId = table.Column<int>(type: "integer", nullable: false),
                    OnHandHundredths = table.Column<long>(type: "bigint", nullable: false),
                    Version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StockBalances", x => new { x.LocationId, x.PartId });
                    table.CheckConstraint("CK_StockBalances_NotNegative", "\"OnHandHundredths\" >= 0");
                    table.ForeignKey(
                        name: "FK_StockBalances_SpareParts_PartId",
                        column: x => x.PartId,
                        principalTable: "SpareParts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_StockBalances_StockLocations_LocationId",
                        column: x => x.LocationId,
                        principalTable: "StockLocations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "StockLimits",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    LocationId = table.Column<int>(type: "integer", nullable: false),
                    PartId = table.Column<int>(type: "integer", nullable: false),
                    Minimum = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: false),
                    Maximum = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StockLimits", x => x.Id);
                    table.ForeignKey(
                        name: "FK_StockLimits_SpareParts_PartId",
                        column: x => x.PartId,
                        principalTable: "SpareParts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_StockLimits_StockLocations_LocationId",
                        column: x => x.LocationId,
                        principalTable: "StockLocations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "StockTakeLines",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    PartId = table.Column<int>(type: "integer", nullable: false),
                    BookQuantity = table.Column<long>(type: "bigint", nullable: false),
                    CountedQuantity = table.Column<long>(type: "bigint", nullable: true),
                    Explanation = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    StockTakeId = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StockTakeLines", x => x.Id);
                    table.ForeignKey(
                        name: "FK_StockTakeLines_SpareParts_PartId",
                        column: x => x.PartId,
                        principalTable: "SpareParts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_StockTakeLines_StockTakes_StockTakeId",
                        column: x => x.StockTakeId,
                        principalTable: "StockTakes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "SupplierClaims",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    SupplierId = table.Column<int>(type: "integer", nullable: false),
                    TicketId = table.Column<int>(type: "integer", nullable: false),
                    OldPartId = table.Column<int>(type: "integer", nullable: false),
                    PartAmount = table.Column<long>(type: "bigint", nullable: false),
                    LabourAmount = table.Column<long>(type: "bigint", nullable: false),
                    FreightAmount = table.Column<long>(type: "bigint", nullable: false),
                    ClaimAmount = table.Column<long>(type: "bigint", nullable: false),
                    Note = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    Status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    RaisedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    RaisedById = table.Column<int>(type: "integer", nullable: false),
                    SentAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Carrier = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    TrackingNumber = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    ShippingCost = table.Column<long>(type: "bigint", nullable: false),
                    ShippingApprovedById = table.Column<int>(type: "integer", nullable: true),
                    ShippingApprovedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    DecidedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    AcceptedAmount = table.Column<long>(type: "bigint", nullable: true),
                    DecisionNote = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    SettledAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    RecoveredAmount = table.Column<long>(type: "bigint", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SupplierClaims", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SupplierClaims_OldParts_OldPartId",
                        column: x => x.OldPartId,
                        principalTable: "OldParts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_SupplierClaims_People_RaisedById",
                        column: x => x.RaisedById,
                        principalTable: "People",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_SupplierClaims_People_ShippingApprovedById",
                        column: x => x.ShippingApprovedById,
                        principalTable: "People",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_SupplierClaims_ServiceTickets_TicketId",
                        column: x => x.TicketId,
                        principalTable: "ServiceTickets",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_SupplierClaims_Suppliers_SupplierId",
                        column: x => x.SupplierId,
                        principalTable: "Suppliers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_LedgerEntries_DocumentType_DocumentId",
                table: "LedgerEntries",
                columns: new[] { "DocumentType", "DocumentId" });

            migrationBuilder.CreateIndex(
                name: "IX_LedgerEntries_FromLocationId_Id",
                table: "LedgerEntries",
                columns: new[] { "FromLocationId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_LedgerEntries_Kind_PostedAtUtc",
                table: "LedgerEntries",
                columns: new[] { "Kind", "PostedAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_LedgerEntries_PartId_Id",
                table: "LedgerEntries",
                columns: new[] { "PartId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_LedgerEntries_ToLocationId_Id",
                table: "LedgerEntries",
                columns: new[] { "ToLocationId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_OldParts_CreatedAtUtc",
                table: "OldParts",
                column: "CreatedAtUtc");

            migrationBuilder.CreateIndex(
                name: "IX_OldParts_DisposedAtUtc",
                table: "OldParts",
                column: "DisposedAtUtc");

            migrationBuilder.CreateIndex(
                name: "IX_OldParts_EngineerId",
                table: "OldParts",
                column: "EngineerId");

            migrationBuilder.CreateIndex(
                name: "IX_OldParts_InspectedAtUtc",
                table: "OldParts",
                column: "InspectedAtUtc");

            migrationBuilder.CreateIndex(
                name: "IX_OldParts_PartId",
                table: "OldParts",
                column: "PartId");

            migrationBuilder.CreateIndex(
                name: "IX_OldParts_ReceivedAtLocationId",
                table: "OldParts",
                column: "ReceivedAtLocationId");

            migrationBuilder.CreateIndex(
                name: "IX_OldParts_Status_DueOn",
                table: "OldParts",
                columns: new[] { "Status", "DueOn" });

            migrationBuilder.CreateIndex(
                name: "IX_OldParts_TicketId",
                table: "OldParts",
                column: "TicketId");

            migrationBuilder.CreateIndex(
                name: "IX_PartRequisitionLines_PartId",
                table: "PartRequisitionLines",
                column: "PartId");

            migrationBuilder.CreateIndex(
                name: "IX_PartRequisitionLines_RequisitionId",
                table: "PartRequisitionLines",
                column: "RequisitionId");

            migrationBuilder.CreateIndex(
                name: "IX_PartRequisitions_FromLocationId",
                table: "PartRequisitions",
                column: "FromLocationId");

            migrationBuilder.CreateIndex(
                name: "IX_PartRequisitions_RequesterId_Id",
                table: "PartRequisitions",
                columns: new[] { "RequesterId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_PartRequisitions_Status_Id",
                table: "PartRequisitions",
                columns: new[] { "Status", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_PartRequisitions_TicketId",
                table: "PartRequisitions",
                column: "TicketId");

            migrationBuilder.CreateIndex(
                name: "IX_PartRequisitions_ToLocationId",
                table: "PartRequisitions",
                column: "ToLocationId");

            migrationBuilder.CreateIndex(
                name: "IX_SparePartFits_ProductModelId",
                table: "SparePartFits",
                column: "ProductModelId");

            migrationBuilder.CreateIndex(
                name: "IX_SparePartFits_SparePartId_ProductModelId",
                table: "SparePartFits",
                columns: new[] { "SparePartId", "ProductModelId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SparePartPrices_SparePartId_EffectiveFrom",
                table: "SparePartPrices",
                columns: new[] { "SparePartId", "EffectiveFrom" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SpareParts_Code",
                table: "SpareParts",
                column: "Code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SpareParts_Name",
                table: "SpareParts",
                column: "Name");

            migrationBuilder.CreateIndex(
                name: "IX_SpareParts_SupplierId",
                table: "SpareParts",
                column: "SupplierId");

            migrationBuilder.CreateIndex(
                name: "IX_StockBalances_PartId",
                table: "StockBalances",
                column: "PartId");

            migrationBuilder.CreateIndex(
                name: "IX_StockLimits_LocationId_PartId",
                table: "StockLimits",
                columns: new[] { "LocationId", "PartId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_StockLimits_PartId",
                table: "StockLimits",
                column: "PartId");

            migrationBuilder.CreateIndex(
                name: "IX_StockLocations_Code",
                table: "StockLocations",
                column: "Code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_StockLocations_OrgUnitId",
                table: "StockLocations",
                column: "OrgUnitId");

            migrationBuilder.CreateIndex(
                name: "IX_StockLocations_PersonId",
                table: "StockLocations",
                column: "PersonId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_StockTakeLines_PartId",
                table: "StockTakeLines",
                column: "PartId");

            migrationBuilder.CreateIndex(
                name: "IX_StockTakeLines_StockTakeId",
                table: "StockTakeLines",
                column: "StockTakeId");

            migrationBuilder.CreateIndex(
                name: "IX_StockTakes_DecidedById",
                table: "StockTakes",
                column: "DecidedById");

            migrationBuilder.CreateIndex(
                name: "IX_StockTakes_LocationId_Id",
                table: "StockTakes",
                columns: new[] { "LocationId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_StockTakes_OpenPerLocation",
                table: "StockTakes",
                column: "LocationId",
                unique: true,
                filter: "\"Status\" IN ('Counting', 'Submitted')");

            migrationBuilder.CreateIndex(
                name: "IX_StockTakes_StartedById",
                table: "StockTakes",
                column: "StartedById");

            migrationBuilder.CreateIndex(
                name: "IX_SupplierClaims_DecidedAtUtc",
                table: "SupplierClaims",
                column: "DecidedAtUtc");

            migrationBuilder.CreateIndex(
                name: "IX_SupplierClaims_OldPartId",
                table: "SupplierClaims",
                column: "OldPartId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SupplierClaims_RaisedAtUtc",
                table: "SupplierClaims",
                column: "RaisedAtUtc");

            migrationBuilder.CreateIndex(
                name: "IX_SupplierClaims_RaisedById",
                table: "SupplierClaims",
                column: "RaisedById");

            migrationBuilder.CreateIndex(
                name: "IX_SupplierClaims_SettledAtUtc",
                table: "SupplierClaims",
                column: "SettledAtUtc");

            migrationBuilder.CreateIndex(
                name: "IX_SupplierClaims_ShippingApprovedById",
                table: "SupplierClaims",
                column: "ShippingApprovedById");

            migrationBuilder.CreateIndex(
                name: "IX_SupplierClaims_Status_SupplierId",
                table: "SupplierClaims",
                columns: new[] { "Status", "SupplierId" });

            migrationBuilder.CreateIndex(
                name: "IX_SupplierClaims_SupplierId",
                table: "SupplierClaims",
                column: "SupplierId");

            migrationBuilder.CreateIndex(
                name: "IX_SupplierClaims_TicketId",
                table: "SupplierClaims",
                column: "TicketId");

            migrationBuilder.CreateIndex(
                name: "IX_Suppliers_Code",
                table: "Suppliers",
                column: "Code",
                unique: true);
            // The stock ledger is append-only: a mistake is corrected by a movement back (docs/decisions/0010-parts-ledger.md).
            migrationBuilder.Sql("""
                CREATE FUNCTION ledger_entries_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN RAISE EXCEPTION 'The stock ledger is append-only.'; END; $$;
                """);
            migrationBuilder.Sql("""CREATE TRIGGER "LedgerEntries_AppendOnly" BEFORE UPDATE OR DELETE ON "LedgerEntries" FOR EACH ROW EXECUTE FUNCTION ledger_entries_append_only();""");
            migrationBuilder.Sql("""CREATE TRIGGER "LedgerEntries_NoTruncate" BEFORE TRUNCATE ON "LedgerEntries" FOR EACH STATEMENT EXECUTE FUNCTION ledger_entries_append_only();""");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""DROP TRIGGER IF EXISTS "LedgerEntries_NoTruncate" ON "LedgerEntries";""");
            migrationBuilder.Sql("""DROP TRIGGER IF EXISTS "LedgerEntries_AppendOnly" ON "LedgerEntries";""");
            migrationBuilder.Sql("DROP FUNCTION IF EXISTS ledger_entries_append_only();");
            migrationBuilder.DropTable(
                name: "LedgerEntries");

            migrationBuilder.DropTable(
                name: "PartRequisitionLines");

            migrationBuilder.DropTable(
                name: "SparePartFits");

            migrationBuilder.DropTable(
                name: "SparePartPrices");

            migrationBuilder.DropTable(
                name: "StockBalances");

            migrationBuilder.DropTable(
                name: "StockLimits");

            migrationBuilder.DropTable(
                name: "StockTakeLines");

            migrationBuilder.DropTable(
                name: "SupplierClaims");

            migrationBuilder.DropTable(
                name: "PartRequisitions");

            migrationBuilder.DropTable(
                name: "StockTakes");

            migrationBuilder.DropTable(
                name: "OldParts");

            migrationBuilder.DropTable(
                name: "SpareParts");

            migrationBuilder.DropTable(
                name: "StockLocations");

            migrationBuilder.DropTable(
                name: "Suppliers");

            migrationBuilder.DropColumn(
                name: "OldPartReturnDays",
                table: "DepartmentPolicies");
        }
    }
}
