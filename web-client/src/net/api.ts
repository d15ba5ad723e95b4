// The REST API through the gateway, same origin (docs/api.md). Every 4xx carries {"error", "message"}.

export class ApiError extends Error {
  constructor(
    readonly status: number,
    /** The stable code from the body, e.g. `username_taken`; `network` when the server could not be reached. */
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** What login and refresh answer (docs/api.md). */
export interface LoginAnswer {
  token: string;
  /** Seconds until the access token expires. */
  expiresIn: number;
  actorId: number;
  refreshToken: string;
  /** Seconds until the refresh token expires unless used. */
  refreshExpiresIn: number;
}

export interface ChatLine {
  from: string;
  text: string;
  at: string;
}

export async function register(username: string, password: string, avatarId: number): Promise<void> {
  await call('/api/auth/register', { method: 'POST', body: { username, password, avatarId } });
}

export async function login(username: string, password: string): Promise<LoginAnswer> {
  return loginAnswer(await call('/api/auth/login', { method: 'POST', body: { username, password } }));
}

/**
 * Trades the refresh token for a new access token and a new refresh token (the old one is spent). A 401 means the
 * session is over: the refresh token was spent, revoked or has expired.
 */
export async function refresh(refreshToken: string): Promise<LoginAnswer> {
  return loginAnswer(await call('/api/auth/refresh', { method: 'POST', body: { refreshToken } }));
}

/** Ends the session on the server (its refresh tokens are revoked); best effort, also while the page unloads. */
export async function logout(refreshToken: string): Promise<void> {
  await call('/api/auth/logout', { method: 'POST', body: { refreshToken }, keepalive: true });
}

function loginAnswer(answer: unknown): LoginAnswer {
  const { token, expiresIn, actorId, refreshToken, refreshExpiresIn } = (answer ?? {}) as Record<string, unknown>;
  if (
    typeof token !== 'string' ||
    typeof actorId !== 'number' ||
    typeof expiresIn !== 'number' ||
    typeof refreshToken !== 'string' ||
    typeof refreshExpiresIn !== 'number'
  ) {
    throw new ApiError(200, 'bad_answer', 'The server sent an answer this page does not understand.');
  }
  return { token, expiresIn, actorId, refreshToken, refreshExpiresIn };
}

/** The last `limit` chat messages, oldest first. */
export async function chatHistory(token: string, limit: number): Promise<ChatLine[]> {
  const answer = await call(`/api/chat/history?limit=${limit}`, { method: 'GET', token });
  if (!Array.isArray(answer)) {
    return [];
  }
  return (answer as unknown[]).filter(isChatLine);
}

function isChatLine(line: unknown): line is ChatLine {
  if (typeof line !== 'object' || line === null) {
    return false;
  }
  const { from, text, at } = line as Record<string, unknown>;
  return typeof from === 'string' && typeof text === 'string' && typeof at === 'string';
}

async function call(
  path: string,
  request: { method: string; body?: unknown; token?: string; keepalive?: boolean },
): Promise<unknown> {
  const headers: Record<string, string> = {};
  if (request.body !== undefined) {
    headers['Content-Type'] = 'application/json';
  }
  if (request.token !== undefined) {
    headers.Authorization = `Bearer ${request.token}`;
  }
  let response: Response;
  try {
    response = await fetch(path, {
      method: request.method,
      headers,
      ...(request.body === undefined ? {} : { body: JSON.stringify(request.body) }),
      ...(request.keepalive ? { keepalive: true } : {}),
    });
  } catch {
    throw new ApiError(0, 'network', 'Cannot reach the server. Check your connection and try again.');
  }
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    throw errorFrom(response.status, body);
  }
  return body;
}

function errorFrom(status: number, body: unknown): ApiError {
  const { error, message } = (body ?? {}) as Record<string, unknown>;
  if (typeof error === 'string' && typeof message === 'string') {
    return new ApiError(status, error, message);
  }
  return new ApiError(status, 'unavailable', `The server could not answer (HTTP ${status}). Try again shortly.`);
}
