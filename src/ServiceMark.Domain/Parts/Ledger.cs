using ServiceMark.Domain.Common;

namespace ServiceMark.Domain.Parts;

/// <summary>
/// Where stock is. The first three hold stock on hand; the others are the virtual ends of movements (the supplier, the
/// customer's vehicle, scrap, the stock-take difference), so that every movement goes from a location to a location and,
/// for each part, the quantities over all locations sum to zero (docs/decisions/0010-parts-ledger.md).
/// </summary>
public enum LocationKind
{
    /// <summary>中心库.</summary>
    CentralWarehouse,

    /// <summary>服务站: each keeps its own book (服务站单独建帐, R-ORG-1).</summary>
    ServiceStation,

    /// <summary>个人库存: parts an engineer carries on the road.</summary>
    PersonalStock,

    Supplier,
    Customer,
    Scrap,
    Adjustment,
}

/// <summary>What a movement is (R-PRT-1..6); the kind decides which location kinds it may go between.</summary>
public enum MovementKind
{
    /// <summary>入库: from a supplier into a warehouse or station (备用件接收单).</summary>
    Receipt,

    /// <summary>调拨: between two warehouses or stations.</summary>
    Transfer,

    /// <summary>发料: from a warehouse or station to an engineer's personal stock.</summary>
    Issue,

    /// <summary>退料: unused parts back from an engineer's personal stock.</summary>
    Return,

    /// <summary>销帐: fitted on the customer's vehicle (written off against the signed report).</summary>
    Consumption,

    /// <summary>报废.</summary>
    Scrap,

    /// <summary>盘点调整: a counted difference, posted after approval (盘盈 in, 盘亏 out).</summary>
    Adjustment,
}

/// <summary>A stock location: a warehouse, a station's store, an engineer's personal stock, or a virtual end.</summary>
public sealed class StockLocation : IVersioned, IAudited
{
    public const int CodeMaxLength = 40;
    public const int NameMaxLength = 100;

    public int Id { get; private set; }
    public string Code { get; private set; } = "";
    public string Name { get; private set; } = "";
    public LocationKind Kind { get; private set; }

    /// <summary>The service station (or warehouse unit) that keeps this book.</summary>
    public int? OrgUnitId { get; private set; }

    /// <summary>The engineer whose personal stock this is.</summary>
    public int? PersonId { get; private set; }

    public bool IsActive { get; private set; } = true;
    public int Version { get; set; }

    public bool HoldsStock => StockRules.HoldsStock(Kind);

    public static StockLocation Create(string code, string name, LocationKind kind, int? orgUnitId, int? personId) =>
        new() { Code = code.Trim(), Name = name.Trim(), Kind = kind, OrgUnitId = orgUnitId, PersonId = personId };

    public void Rename(string name, bool isActive)
    {
        Name = name.Trim();
        IsActive = isActive;
    }
}

/// <summary>
/// One movement of the ledger (台账). Insert-only: a mistake is corrected by a movement back, never by editing; stock on hand
/// is the sum of the entries (kept in <c>StockBalance</c> in the same transaction).
/// </summary>
public sealed class LedgerEntry
{
    public const int ReasonMaxLength = 500;
    public const int DocumentTypeMaxLength = 40;

    public long Id { get; private set; }
    public DateTime PostedAtUtc { get; private set; }
    public MovementKind Kind { get; private set; }
    public int PartId { get; private set; }
    public int FromLocationId { get; private set; }
    public int ToLocationId { get; private set; }
    public decimal Quantity { get; private set; }

    /// <summary>The price in force on the day of posting, so the value of what moved is known without a repost.</summary>
    public decimal? UnitPrice { get; private set; }

    /// <summary>Quantity × unit price in whole fen (分), rounded once when posted: what the parts facts sum (an integer, so every
    /// database adds it exactly; SQLite keeps decimals as text).</summary>
    public long? ValueFen { get; private set; }

    /// <summary>The document it belongs to (e.g. "PartReceipt", "ServiceTicket") and its id.</summary>
    public string? DocumentType { get; private set; }

    public int? DocumentId { get; private set; }
    public int? ActorPersonId { get; private set; }
    public string ActorName { get; private set; } = "";
    public string? Reason { get; private set; }

    public static LedgerEntry Post(DateTime nowUtc, StockMovement m, decimal? unitPrice, int? actorPersonId, string actorName) =>
        new()
        {
            PostedAtUtc = nowUtc, Kind = m.Kind, PartId = m.PartId, FromLocationId = m.FromLocationId, ToLocationId = m.ToLocationId, Quantity = m.Quantity,
            UnitPrice = unitPrice, ValueFen = unitPrice is { } price ? (long)(Rounding.Round(m.Quantity * price) * 100m) : null, DocumentType = m.DocumentType, DocumentId = m.DocumentId, ActorPersonId = actorPersonId, ActorName = actorName,
            Reason = Supplier.Clean(m.Reason),
        };
}

/// <summary>A movement asked for: what, how many, from where to where, why and for which document.</summary>
public sealed record StockMovement(MovementKind Kind, int PartId, int FromLocationId, int ToLocationId, decimal Quantity, string? Reason,
    string? DocumentType = null, int? DocumentId = null);

/// <summary>The ledger's rules, pure.</summary>
public static class StockRules
{
    public const decimal MaxQuantity = 1_000_000m;
    public const int QuantityDecimals = 2;

    public static bool HoldsStock(LocationKind kind) => kind is LocationKind.CentralWarehouse or LocationKind.ServiceStation or LocationKind.PersonalStock;

    private static bool IsStore(LocationKind kind) => kind is LocationKind.CentralWarehouse or LocationKind.ServiceStation;

    /// <summary>Whether a movement of this kind may go from a location of one kind to one of another.</summary>
    public static bool Allows(MovementKind movement, LocationKind from, LocationKind to) => movement switch
    {
        MovementKind.Receipt => from == LocationKind.Supplier && IsStore(to),
        MovementKind.Transfer => IsStore(from) && IsStore(to),
        MovementKind.Issue => IsStore(from) && to == LocationKind.PersonalStock,
        MovementKind.Return => from == LocationKind.PersonalStock && IsStore(to),
        MovementKind.Consumption => HoldsStock(from) && to == LocationKind.Customer,
        MovementKind.Scrap => HoldsStock(from) && to == LocationKind.Scrap,
        MovementKind.Adjustment => (from == LocationKind.Adjustment && HoldsStock(to)) || (HoldsStock(from) && to == LocationKind.Adjustment),
        _ => false,
    };

    /// <summary>The checks a movement passes before it touches stock; <paramref name="prefix"/> names the line (e.g. lines[2].).</summary>
    public static void Check(FieldErrors errors, StockMovement m, LocationKind? from, LocationKind? to, string prefix = "")
    {
        if (!Enum.IsDefined(m.Kind))
        {
            errors.Add($"{prefix}kind", "unknown", "kind is not a movement kind.");
        }

        if (m.Quantity <= 0m)
        {
            errors.Add($"{prefix}quantity", "range", "quantity must be more than 0.");
        }
        else if (m.Quantity > MaxQuantity)
        {
            errors.Add($"{prefix}quantity", "range", $"quantity must be at most {MaxQuantity:N0}.");
        }
        else if (decimal.Round(m.Quantity, QuantityDecimals) != m.Quantity)
        {
            errors.Add($"{prefix}quantity", "too_precise", $"quantity has at most {QuantityDecimals} decimals.");
        }

        if (from is null)
        {
            errors.Add($"{prefix}fromLocationId", "unknown", "fromLocationId does not name an active location.");
        }

        if (to is null)
        {
            errors.Add($"{prefix}toLocationId", "unknown", "toLocationId does not name an active location.");
        }

        if (m.FromLocationId == m.ToLocationId)
        {
            errors.Add($"{prefix}toLocationId", "same_location", "A movement goes from one location to another.");
        }
        else if (from is { } f && to is { } t && Enum.IsDefined(m.Kind) && !Allows(m.Kind, f, t))
        {
            errors.Add($"{prefix}kind", "not_between", $"A {m.Kind} does not go from a {f} location to a {t} location.");
        }

        errors.MaxLength($"{prefix}reason", m.Reason, LedgerEntry.ReasonMaxLength);
        if (m.Kind is MovementKind.Scrap or MovementKind.Adjustment)
        {
            errors.Required($"{prefix}reason", m.Reason); // 报废 and 盘点差异 are always explained
        }
    }
}

/// <summary>
/// The book of one or more parts in memory: what the database's balance table must always equal (on hand per location and
/// part = the sum of the entries to it minus those from it, never below zero in a location that holds stock). The property
/// tests drive it with any sequence of movements; the web layer's book check recomputes the same from the stored ledger.
/// </summary>
public sealed class StockBook(IReadOnlyDictionary<int, LocationKind> locations)
{
    private readonly Dictionary<(int Location, int Part), decimal> onHand = [];

    public decimal OnHand(int location, int part) => onHand.GetValueOrDefault((location, part));

    /// <summary>Applies the movements all together or none: a shortage anywhere refuses them all (the shortage named).</summary>
    public Shortage? Apply(IReadOnlyList<StockMovement> movements)
    {
        var after = new Dictionary<(int, int), decimal>(onHand);
        foreach (var m in movements)
        {
            var from = (m.FromLocationId, m.PartId);
            if (StockRules.HoldsStock(locations[m.FromLocationId]))
            {
                var available = after.GetValueOrDefault(from);
                if (available < m.Quantity)
                {
                    return new Shortage(m.PartId, m.FromLocationId, m.Quantity, available);
                }
            }

            after[from] = after.GetValueOrDefault(from) - m.Quantity;
            var to = (m.ToLocationId, m.PartId);
            after[to] = after.GetValueOrDefault(to) + m.Quantity;
        }

        foreach (var (key, value) in after)
        {
            onHand[key] = value;
        }

        return null;
    }

    /// <summary>Over all locations, virtual ones included, each part's quantities sum to zero: nothing appears or vanishes.</summary>
    public decimal Total(int part) => onHand.Where(e => e.Key.Part == part).Sum(e => e.Value);

    public IEnumerable<(int Location, int Part, decimal OnHand)> Balances => onHand.Select(e => (e.Key.Location, e.Key.Part, e.Value));
}

/// <summary>Not enough of a part where it was to be taken from.</summary>
public sealed record Shortage(int PartId, int LocationId, decimal Wanted, decimal Available);
