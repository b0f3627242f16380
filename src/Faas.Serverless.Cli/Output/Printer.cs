using System.Globalization;
using System.Text.Json;
using Faas.Serverless.Cli.Config;
using Faas.Serverless.Cli.Hosting;
using Spectre.Console;

namespace Faas.Serverless.Cli.Output;

/// <summary>Prints results as tables for people or as JSON with the API's field names for scripts.</summary>
internal sealed class Printer(CliContext io, OutputFormat format)
{
    public bool IsJson => format == OutputFormat.Json;

    public IAnsiConsole Console => io.Console;

    /// <summary>JSON to standard output, unwrapped, whatever the format: for results that are JSON by nature.</summary>
    public void Json<T>(T value) => io.Out.WriteLine(JsonSerializer.Serialize(value, CliJson.Options));

    /// <summary>One resource: its JSON, or a two-column table of the given fields.</summary>
    public void Item<T>(T value, params (string Name, object? Value)[] fields)
    {
        if (IsJson)
        {
            Json(value);
            return;
        }

        var grid = new Grid().AddColumn(new GridColumn().NoWrap()).AddColumn();
        foreach (var (name, field) in fields)
        {
            grid.AddRow(new Text(name, new Style(decoration: Decoration.Bold)), new Text(Format(field)));
        }

        io.Console.Write(grid);
    }

    /// <summary>A listing: a JSON array, or a table with a column per field.</summary>
    public void List<T>(IReadOnlyList<T> items, params (string Header, Func<T, object?> Cell)[] columns)
    {
        if (IsJson)
        {
            Json(items);
            return;
        }

        if (items.Count == 0)
        {
            io.Console.WriteLine("(none)");
            return;
        }

        var table = new Table().Border(TableBorder.Rounded);
        foreach (var (header, _) in columns)
        {
            table.AddColumn(new TableColumn(header));
        }

        foreach (var item in items)
        {
            table.AddRow(columns.Select(c => (Spectre.Console.Rendering.IRenderable)new Text(Format(c.Cell(item)))).ToArray());
        }

        io.Console.Write(table);
    }

    /// <summary>A sentence for people; in JSON mode, <paramref name="json"/> instead.</summary>
    public void Done(string message, object json)
    {
        if (IsJson)
        {
            Json(json);
        }
        else
        {
            io.Console.WriteLine(message);
        }
    }

    public static string Format(object? value) => value switch
    {
        null => "-",
        DateTimeOffset time => time.ToLocalTime().ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
        bool flag => flag ? "yes" : "no",
        JsonElement json => json.ValueKind is JsonValueKind.String ? json.GetString() ?? "-" : json.GetRawText(),
        IEnumerable<string> many => string.Join(", ", many),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "-",
    };
}
