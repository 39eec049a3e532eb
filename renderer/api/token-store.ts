// Where the HTTP transport keeps the session token: sessionStorage, so a reload keeps the login
// and closing the window ends it. Storage can be missing or refuse access (privacy modes, tests);
// then the token lives in memory only.

/** The part of the Web Storage interface the store needs. */
export interface TokenStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

const TOKEN_KEY = 'gatehouse.token';

export interface TokenStore {
  get(): string | null;
  set(token: string | null): void;
}

export function defaultTokenStorage(): TokenStorage | null {
  try {
    return typeof sessionStorage === 'undefined' ? null : sessionStorage;
  } catch {
    return null;
  }
}

export function createTokenStore(storage: TokenStorage | null): TokenStore {
  let token = readStored(storage);

  return {
    get: () => token,
    set(next) {
      token = next;
      try {
        if (next === null) storage?.removeItem(TOKEN_KEY);
        else storage?.setItem(TOKEN_KEY, next);
      } catch {
        // Quota or access refused: the in-memory token still serves this page.
      }
    },
  };
}

function readStored(storage: TokenStorage | null): string | null {
  try {
    return storage?.getItem(TOKEN_KEY) ?? null;
  } catch {
    return null;
  }
}
