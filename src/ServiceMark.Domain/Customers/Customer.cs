using ServiceMark.Domain.Common;

namespace ServiceMark.Domain.Customers;

/// <summary>A customer (e.g. a bus operator) with its contacts and sites.</summary>
public sealed class Customer : IVersioned, IAudited
{
    private readonly List<CustomerContact> contacts = [];
    private readonly List<CustomerSite> sites = [];

    public int Id { get; private set; }
    public string Code { get; private set; } = "";
    public string Name { get; private set; } = "";
    public string? Region { get; private set; }
    public string? Notes { get; private set; }
    public bool IsActive { get; private set; } = true;
    public int Version { get; set; }
    public IReadOnlyList<CustomerContact> Contacts => contacts;
    public IReadOnlyList<CustomerSite> Sites => sites;

    public static Customer Create(string code, string name, string? region, string? notes) =>
        new() { Code = code.Trim(), Name = name.Trim(), Region = region?.Trim(), Notes = notes?.Trim() };

    public void Update(string code, string name, string? region, string? notes, bool isActive)
    {
        Code = code.Trim();
        Name = name.Trim();
        Region = region?.Trim();
        Notes = notes?.Trim();
        IsActive = isActive;
    }

    public CustomerContact AddContact(string name, string? phone, string? title)
    {
        var contact = new CustomerContact(name.Trim(), phone?.Trim(), title?.Trim());
        contacts.Add(contact);
        return contact;
    }

    public CustomerSite AddSite(string name, string address, decimal distanceKm, int? nearestStationId)
    {
        var site = new CustomerSite(name.Trim(), address.Trim(), distanceKm, nearestStationId);
        sites.Add(site);
        return site;
    }
}

public sealed class CustomerContact : IAudited
{
    private CustomerContact()
    {
    }

    internal CustomerContact(string name, string? phone, string? title)
    {
        Name = name;
        Phone = phone;
        Title = title;
    }

    public int Id { get; private set; }
    public int CustomerId { get; private set; }
    public string Name { get; private set; } = "";
    public string? Phone { get; private set; }
    public string? Title { get; private set; }
}

/// <summary>A place where the customer's units run; the distance to the nearest service station drives the service level.</summary>
public sealed class CustomerSite : IAudited
{
    private CustomerSite()
    {
    }

    internal CustomerSite(string name, string address, decimal distanceKm, int? nearestStationId)
    {
        Name = name;
        Address = address;
        DistanceKm = distanceKm;
        NearestStationId = nearestStationId;
    }

    public int Id { get; private set; }
    public int CustomerId { get; private set; }
    public string Name { get; private set; } = "";
    public string Address { get; private set; } = "";
    public decimal DistanceKm { get; private set; }
    public int? NearestStationId { get; private set; }
}
