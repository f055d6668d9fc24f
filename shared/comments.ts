// Conversations: comments on an objective, a key result or a team's alignment review, with replies.
// Comments are plain text: never HTML, never a formula. Each surface escapes them its own way (JSX text in
// the dashboard, textContent in the add-on, plainText() in the sheet, csvCell() in CSVs).

export const COMMENT_MAX_LENGTH = 4000;

export const COMMENT_SOURCES = ["dashboard", "addon"] as const;
export type CommentSource = (typeof COMMENT_SOURCES)[number];

export interface Comment {
  id: string;
  /** What it is about: an objective or key result ID, or reviewTarget(team, cycle). */
  targetId: string;
  /** The comment this one answers; null for a thread's first comment. */
  parentId: string | null;
  text: string;
  authorName: string;
  authorEmail: string;
  at: string;
  source: CommentSource;
  /** The sheet the target lives in, when known (writers read their own sheet's conversations). */
  sheetId: string | null;
}

/** The conversation of a team's alignment review is a thread like any other, on this target. */
export function reviewTarget(team: string, cycle: string): string {
  return `review:${cycle}:${team}`;
}

/**
 * A comment's text as stored: line breaks unified, control characters other than tab and newline removed,
 * trailing blanks trimmed. Null when nothing is left or it is too long.
 */
export function cleanCommentText(text: unknown): string | null {
  if (typeof text !== "string") return null;
  const cleaned = text
    .normalize("NFC")
    .replace(/\r\n?/g, "\n")
    // biome-ignore lint/suspicious/noControlCharactersInRegex: removing them is the point
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u2028\u2029]/g, "")
    .replace(/[ \t]+$/gm, "")
    .trim();
  if (cleaned.length === 0 || cleaned.length > COMMENT_MAX_LENGTH) return null;
  return cleaned;
}

export interface Thread {
  comment: Comment;
  /** Replies oldest first; a reply to a reply joins its thread (one level of nesting, as people read it). */
  replies: Comment[];
}

const byTime = (a: Comment, b: Comment) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.id < b.id ? -1 : 1);

/** Comments as threads, oldest thread first. A reply whose parent is unknown starts its own thread. */
export function threads(comments: readonly Comment[]): Thread[] {
  const byId = new Map(comments.map((comment) => [comment.id, comment]));
  const rootOf = (comment: Comment): Comment => {
    let current = comment;
    const seen = new Map<string, Comment>();
    while (current.parentId && byId.has(current.parentId)) {
      seen.set(current.id, current);
      current = byId.get(current.parentId)!;
      // A loop of parents (never written by this app, but stored data is data): its smallest ID leads.
      if (seen.has(current.id)) return [...seen.values()].sort((a, b) => (a.id < b.id ? -1 : 1))[0]!;
    }
    return current;
  };
  const result = new Map<string, Thread>();
  for (const comment of [...comments].sort(byTime)) {
    const root = rootOf(comment);
    let thread = result.get(root.id);
    if (!thread) {
      thread = { comment: root, replies: [] };
      result.set(root.id, thread);
    }
    if (root.id !== comment.id) thread.replies.push(comment);
  }
  return [...result.values()];
}
