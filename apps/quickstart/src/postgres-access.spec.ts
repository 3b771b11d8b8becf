import { unreachableExplanation, unreachableFolders } from './postgres-access';

type Stat = { mode: number; uid: number; gid: number };

/** A fake file system: folder → owner and mode. */
function fs(entries: Record<string, Stat>) {
  return (path: string): Stat => {
    const entry = entries[path];
    if (!entry) throw Object.assign(new Error(`ENOENT ${path}`), { code: 'ENOENT' });
    return entry;
  };
}

const ROOT_OWNED = (mode: number): Stat => ({ mode: 0o040000 | mode, uid: 0, gid: 0 });
const postgres = { uid: 101, gid: 102 };

describe('unreachableFolders', () => {
  const underRoot = fs({
    '/': ROOT_OWNED(0o755),
    '/root': ROOT_OWNED(0o700),
    '/root/catalyst': ROOT_OWNED(0o755),
    '/root/catalyst/node_modules': ROOT_OWNED(0o755),
    '/root/catalyst/.data': ROOT_OWNED(0o711),
  });

  it('finds a clone under /root (mode 700) out of the postgres user’s reach', () => {
    const paths = ['/root/catalyst/node_modules/initdb', '/root/catalyst/.data/postgres'];
    expect(unreachableFolders(paths, postgres, underRoot)).toEqual(['/root']);
    expect(unreachableFolders(paths, undefined, underRoot)).toEqual(['/root']);
  });

  it('lets through folders open to others, to the owner or to the group', () => {
    const open = fs({
      '/': ROOT_OWNED(0o755),
      '/srv': ROOT_OWNED(0o755),
      '/srv/catalyst': { mode: 0o040700, uid: 101, gid: 0 },
      '/srv/catalyst/.data': { mode: 0o040710, uid: 0, gid: 102 },
    });
    expect(unreachableFolders(['/srv/catalyst/.data/postgres'], postgres, open)).toEqual([]);
    // The same folders for a user that is neither owner nor in the group.
    expect(unreachableFolders(['/srv/catalyst/.data/postgres'], { uid: 5, gid: 5 }, open)).toEqual([
      '/srv/catalyst',
      '/srv/catalyst/.data',
    ]);
  });

  it('says why and what to do', () => {
    const text = unreachableExplanation(['/root'], '/root/catalyst');
    expect(text).toContain('cannot enter /root');
    expect(text).toContain('ordinary user');
    expect(text).toContain('DATABASE_URL');
  });
});
