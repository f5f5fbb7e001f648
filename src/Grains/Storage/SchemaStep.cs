namespace Interview.Grains.Storage;

/// <summary>
/// One step of the store's schema: what turns a database of <see cref="Version"/> - 1 into one of
/// <see cref="Version"/>. Steps are only ever added at the end, never changed once released.
/// </summary>
public sealed record SchemaStep(int Version, string Description, string Sql);
