import { describe, expect, it } from 'vitest';
import { asUnavailable, isConnectionError } from '../../../adapters/postgres/database-errors.ts';
import { DomainError } from '../../../src/domain/errors.ts';

const withCode = (code: string, message = 'x') => Object.assign(new Error(message), { code });

describe('database errors: connection faults become `unavailable`, statement errors stay as they are', () => {
  it.each([
    ['a refused connection', withCode('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:5432')],
    ['a reset connection', withCode('ECONNRESET', 'read ECONNRESET')],
    ['the server shutting down (57P01)', withCode('57P01', 'terminating connection due to administrator command')],
    ['a crashed server (57P02)', withCode('57P02')],
    ['a server still starting (57P03)', withCode('57P03', 'the database system is starting up')],
    ['a connection exception (class 08)', withCode('08006')],
    ['too many connections (53300)', withCode('53300')],
    ['the pool timing out', new Error('timeout exceeded when trying to connect')],
    ['a connection ended under a query', new Error('Connection terminated unexpectedly')],
    ['a dual-stack connect refused on every address', new AggregateError([withCode('ECONNREFUSED'), withCode('ECONNREFUSED')], '')],
  ])('%s', (_what, error) => {
    expect(isConnectionError(error)).toBe(true);
    const mapped = asUnavailable(error);
    expect(mapped).toBeInstanceOf(DomainError);
    expect(mapped).toMatchObject({ code: 'unavailable', status: 503, cause: error });
    expect((mapped as DomainError).message).toMatch(/try again/);
  });

  it.each([
    ['a unique violation', withCode('23505', 'duplicate key value violates unique constraint')],
    ['a syntax error', withCode('42601')],
    ['a row-level security refusal', withCode('42501', 'new row violates row-level security policy')],
    ['a serialization failure', withCode('40001')],
    ['a plain error', new Error('boom')],
    ['a non-error', 'text'],
  ])('%s is left alone', (_what, error) => {
    expect(isConnectionError(error)).toBe(false);
    expect(asUnavailable(error)).toBe(error);
  });

  it('leaves a DomainError alone', () => {
    const error = new DomainError('file_not_found');
    expect(asUnavailable(error)).toBe(error);
  });
});
