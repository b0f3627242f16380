namespace Faas.Serverless.Domain.Triggers.Dql;

/// <summary>Operator names, and how error messages list them.</summary>
internal static class DqlOperators
{
    public const string And = "$and";
    public const string Or = "$or";
    public const string Not = "$not";
    public const string Eq = "$eq";
    public const string Ne = "$ne";
    public const string Gt = "$gt";
    public const string Gte = "$gte";
    public const string Lt = "$lt";
    public const string Lte = "$lte";
    public const string In = "$in";
    public const string Nin = "$nin";
    public const string Exists = "$exists";

    public const string FilterLevelList = "$and, $or, $not or a field path";
    public const string FieldLevelList = "$eq, $ne, $gt, $gte, $lt, $lte, $in, $nin, $exists, $not";

    public static bool IsFieldLevel(string name) =>
        name is Eq or Ne or Gt or Gte or Lt or Lte or In or Nin or Exists;

    /// <summary>$and and $or; $not is not among them because it is valid at both levels.</summary>
    public static bool IsFilterLevel(string name) => name is And or Or;

    public static bool IsOperator(string name) => name.StartsWith('$');
}
