using LoguStyle;

namespace DocSnippets;

/// <summary>docs/api.md, "Contextualize".</summary>
internal static class ApiContextualize
{
    public static async Task Run(Microsoft.Extensions.Logging.ILogger logger, IRequestContext context, Func<IRequestContext, Task> next)
    {
        using (logger.Contextualize("RequestId", context.TraceIdentifier))
        {
            await next(context);                 // every record of the request has {extra[RequestId]}
        }
    }
}
