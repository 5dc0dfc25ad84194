// What of an error may go into a log line. Logs are read by Jira admins and support (`forge logs`),
// so a line never carries a token, a password, a URL (the timecard server's included) or a
// person's data (record notes, issue summaries): only identifier-like text and code locations.

/** Frames of a stack kept in a log line. */
export const MAX_STACK_FRAMES = 6;
const MAX_MESSAGE_CHARS = 300;

const RULES: [RegExp, string][] = [
  // URLs, query strings and all: the timecard server's address is configuration, not for logs.
  [/\b[a-z][a-z0-9+.-]*:\/\/[^\s"'<>)]+/gi, '<url>'],
  // Credentials in any notation: `Bearer x`, `password: x`, `"refresh_token":"x"`, `token=x`.
  [/\b(Bearer|Basic)\s+[^\s,;"'<]+/gi, '$1 <redacted>'],
  [
    /\b(authorization|password|passwd|secret|(?:access|refresh|id)?_?token|api[-_]?key|cookie)\b(["']?\s*[:=]\s*)("[^"]*"|'[^']*'|[^\s,;&)}\]]+)/gi,
    '$1$2<redacted>',
  ],
  // JWTs (the timecard server's access and refresh tokens) and other long opaque strings.
  [/\beyJ[\w-]+\.[\w-]+(?:\.[\w-]*)?/g, '<token>'],
  [/\b[A-Za-z0-9+_-]{32,}={0,2}/g, '<secret>'],
  [/\b(?:\d{1,3}\.){3}\d{1,3}(?::\d+)?\b/g, '<host>'],
  [/\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b/g, '<email>'],
];

/** Quoted text is data (a JSON snippet of a response, a record's notes), unless it is a short identifier. */
const QUOTED = /"[^"\n]*"|'[^'\n]*'|`[^`\n]*`/g;
const IDENTIFIER = /^.[\w$.:-]{1,40}.$/;

/** `text` with every credential, URL, address and quoted piece of data replaced by a placeholder. */
export function redact(text: string, secrets: readonly string[] = []): string {
  let out = text;
  for (const secret of secrets) if (secret.length >= 4) out = out.split(secret).join('<redacted>');
  for (const [pattern, replacement] of RULES) out = out.replace(pattern, replacement);
  return out.replace(QUOTED, (quoted) => (IDENTIFIER.test(quoted) ? quoted : '"…"'));
}

/** An absolute path in a frame, cut to the app's own part (`src/…`, `node_modules/…`) or the file name. */
function appPath(path: string): string {
  const at = path.search(/\/(?:src|node_modules)\//);
  return at >= 0 ? path.slice(at + 1) : path.slice(path.lastIndexOf('/') + 1);
}

/** The first frames of `stack` (the `at …` lines), with paths cut to the app's own part and redacted. */
export function redactStack(stack: string | undefined, secrets: readonly string[] = []): string[] {
  if (!stack) return [];
  return stack
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.startsWith('at '))
    .slice(0, MAX_STACK_FRAMES)
    .map((frame) =>
      redact(
        frame.replace(/(?<=[\s(])(?:file:\/\/)?(\/[^\s():]+)/g, (_match, path: string) => appPath(path)),
        secrets,
      ),
    );
}

/** One line of text: redacted, newlines folded, cut to a readable length. */
export function redactMessage(message: string, secrets: readonly string[] = []): string {
  const line = redact(message, secrets).replace(/\s+/g, ' ').trim();
  return line.length > MAX_MESSAGE_CHARS ? `${line.slice(0, MAX_MESSAGE_CHARS - 1)}…` : line;
}
