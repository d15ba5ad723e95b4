import type { ApiError } from '../net/api';

// The account rules of auth-service (docs/api.md), checked here too so that a typo is pointed out before a
// round trip. The server stays the judge: its answers are shown the same way.

export type AccountField = 'username' | 'password' | 'avatarId';

const USERNAME = /^[A-Za-z0-9_]{3,20}$/;

export function usernameProblem(username: string): string | null {
  if (username.length < 3 || username.length > 20) {
    return 'A username has 3 to 20 characters.';
  }
  return USERNAME.test(username) ? null : 'Use only letters, digits and underscores.';
}

export function passwordProblem(password: string): string | null {
  return password.length < 8 || password.length > 128 ? 'A password has 8 to 128 characters.' : null;
}

/** Which field a server error is about, so that it is shown next to that field; null for the whole form. */
export function fieldOfApiError(error: ApiError): AccountField | null {
  switch (error.code) {
    case 'username_taken':
      return 'username';
    case 'invalid_credentials':
      return 'password';
    case 'bad_request': {
      // A 400's message names the field it is about ("username may contain only letters, …").
      const message = error.message.toLowerCase();
      if (message.includes('username')) {
        return 'username';
      }
      if (message.includes('password')) {
        return 'password';
      }
      return message.includes('avatar') ? 'avatarId' : null;
    }
    default:
      return null;
  }
}
