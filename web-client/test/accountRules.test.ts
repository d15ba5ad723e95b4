import { describe, expect, it } from 'vitest';
import { ApiError } from '../src/net/api';
import { fieldOfApiError, passwordProblem, usernameProblem } from '../src/ui/accountRules';

describe('account rules', () => {
  it('accept what auth-service accepts', () => {
    expect(usernameProblem('abc')).toBeNull();
    expect(usernameProblem('Alice_2000_abcdefghi')).toBeNull();
    expect(passwordProblem('12345678')).toBeNull();
    expect(passwordProblem('x'.repeat(128))).toBeNull();
  });

  it('refuse what auth-service refuses', () => {
    expect(usernameProblem('ab')).not.toBeNull();
    expect(usernameProblem('a'.repeat(21))).not.toBeNull();
    expect(usernameProblem('bob smith')).not.toBeNull();
    expect(usernameProblem('zoë')).not.toBeNull();
    expect(passwordProblem('1234567')).not.toBeNull();
    expect(passwordProblem('x'.repeat(129))).not.toBeNull();
  });

  it('show a server error next to the field it is about', () => {
    const error = (status: number, code: string, message: string) => new ApiError(status, code, message);
    expect(fieldOfApiError(error(409, 'username_taken', 'That username is taken.'))).toBe('username');
    expect(fieldOfApiError(error(401, 'invalid_credentials', 'Wrong username or password.'))).toBe('password');
    expect(
      fieldOfApiError(error(400, 'bad_request', 'username may contain only letters, digits and underscores')),
    ).toBe('username');
    expect(fieldOfApiError(error(400, 'bad_request', 'password must have 8 to 128 characters'))).toBe('password');
    expect(fieldOfApiError(error(400, 'bad_request', 'avatarId must be 0 to 7'))).toBe('avatarId');
    expect(fieldOfApiError(error(400, 'bad_request', 'the body is not JSON'))).toBeNull();
    expect(fieldOfApiError(error(0, 'network', 'Cannot reach the server.'))).toBeNull();
  });
});
