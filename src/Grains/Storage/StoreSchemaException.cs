namespace Interview.Grains.Storage;

/// <summary>The database in DATA_DIR cannot be used by this build (written by a newer one, say).</summary>
public sealed class StoreSchemaException(string message) : Exception(message);
