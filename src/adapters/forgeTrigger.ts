// The Forge face of the functions Jira invokes without a person: a product-event trigger is called
// with `(event, context)` (what it returns is only logged); a scheduled trigger with `(request,
// context)` and answers with a status.
export function buildForgeEventTrigger<T>(run: (event: unknown) => Promise<T>) {
  return async (event: unknown, _context?: unknown): Promise<T> => run(event);
}

/** What a scheduled trigger answers (the platform records anything else as 424 Failed dependency). */
export function buildForgeScheduledTrigger(run: () => Promise<unknown>) {
  return async (_request?: unknown, _context?: unknown): Promise<{ statusCode: number }> => {
    await run();
    return { statusCode: 204 };
  };
}
