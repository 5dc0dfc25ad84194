// The one group-by-issue runner: one issue's items strictly in order, a few issues at once (one
// writer per issue, within a run and, through the issue locks, across runs).

/** Items by the issue they go to ('' for none), each group in the items' order. */
export function groupByIssue<T>(items: T[], issueOf: (item: T) => string | null | undefined): T[][] {
  const byIssue = new Map<string, T[]>();
  for (const item of items) {
    const key = issueOf(item) ?? '';
    const group = byIssue.get(key);
    if (group) group.push(item);
    else byIssue.set(key, [item]);
  }
  return [...byIssue.values()];
}

/** Runs `work` on every issue's group, `concurrency` groups at a time. */
export async function forEachIssueGroup<T>(
  items: T[],
  issueOf: (item: T) => string | null | undefined,
  concurrency: number,
  work: (group: T[]) => Promise<void>,
): Promise<void> {
  const groups = groupByIssue(items, issueOf);
  const worker = async () => {
    for (let group = groups.shift(); group; group = groups.shift()) await work(group);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, groups.length) }, worker));
}
