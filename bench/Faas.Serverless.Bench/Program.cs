using Faas.Serverless.Bench;

var root = RepositoryRoot.Find();
var options = BenchOptions.Parse(args, root);
if (options.CompareBase is not null && options.CompareCurrent is not null)
{
    Console.Write(ResultComparer.Markdown(await ResultFiles.ReadAsync(options.CompareBase), await ResultFiles.ReadAsync(options.CompareCurrent)));
    return 0;
}

var result = await BenchRun.RunAsync(options, root);
await ResultFiles.WriteAsync(options.OutDir, result);
Console.Write(ResultTable.Markdown(result));
if (options.CompareBase is not null)
{
    Console.WriteLine();
    Console.Write(ResultComparer.Markdown(await ResultFiles.ReadAsync(options.CompareBase), result));
}

return 0;
