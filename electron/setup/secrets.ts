// Secrets in the site (camera and event-stream passwords, barrier command logins, the platform's
// shared secret) travel one way. Going out, each `password` or `secret` field becomes
// `passwordSet` / `secretSet`; coming back, a secret left out or empty takes the saved one at the
// same place (list items matched by id), so a field any helper adds later is covered too.

const SECRET_KEYS = ['password', 'secret'];

type Plain = Record<string, unknown>;
const isPlain = (v: unknown): v is Plain =>
  v !== null && typeof v === 'object' && !Array.isArray(v);

/** The value with every secret replaced by whether it is set. */
export function hideSecrets<T>(value: T): unknown {
  if (Array.isArray(value)) return value.map(hideSecrets);
  if (!isPlain(value)) return value;

  const out: Plain = {};
  for (const [key, v] of Object.entries(value)) {
    if (SECRET_KEYS.includes(key)) out[`${key}Set`] = typeof v === 'string' && v !== '';
    else out[key] = hideSecrets(v);
  }
  return out;
}

/** The draft with each missing secret taken from the saved value at the same place. */
export function keepSecrets(draft: unknown, saved: unknown): unknown {
  if (Array.isArray(draft)) {
    const list = Array.isArray(saved) ? saved : [];
    return draft.map((item, i) => keepSecrets(item, counterpart(list, item, i)));
  }
  if (!isPlain(draft)) return draft;

  const before = isPlain(saved) ? saved : {};
  const out: Plain = {};
  for (const [key, v] of Object.entries(draft)) {
    if (SECRET_KEYS.some((s) => key === `${s}Set`)) continue;
    out[key] = keepSecrets(v, before[key]);
  }
  for (const key of SECRET_KEYS) {
    const typed = out[key];
    if ((typed === undefined || typed === '') && typeof before[key] === 'string') {
      out[key] = before[key];
    }
  }
  return out;
}

/** The saved item a draft item stands for: the one with its id, else none. */
function counterpart(list: unknown[], item: unknown, index: number): unknown {
  if (isPlain(item) && typeof item.id === 'string') {
    return list.find((s) => isPlain(s) && s.id === item.id);
  }
  return list[index];
}
