import { portable } from './portable-query';

describe('portable migration queries', () => {
  it('replaces the generating database name with current_database() and renumbers', () => {
    const out = portable(
      {
        query: 'INSERT INTO "typeorm_metadata"("database", "schema", "table") VALUES ($1, $2, $3)',
        parameters: ['scratch_db', 'public', 'challenges'],
      },
      'scratch_db',
    );
    expect(out).toEqual({
      query:
        'INSERT INTO "typeorm_metadata"("database", "schema", "table") VALUES (current_database(), $1, $2)',
      parameters: ['public', 'challenges'],
    });
  });

  it('handles the name in the middle of the parameters', () => {
    const out = portable(
      {
        query: 'DELETE FROM t WHERE a = $1 AND "database" = $2 AND b = $3',
        parameters: ['x', 'db', 'y'],
      },
      'db',
    );
    expect(out).toEqual({
      query: 'DELETE FROM t WHERE a = $1 AND "database" = current_database() AND b = $2',
      parameters: ['x', 'y'],
    });
  });

  it('leaves queries without the name alone', () => {
    const q = { query: 'SELECT $1', parameters: ['a'] };
    expect(portable(q, 'db')).toBe(q);
  });
});
