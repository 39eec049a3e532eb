// Finding a USB–RS-485 adapter by its serial number, and noticing when it is pulled out. A
// replugged adapter often comes back under another name (COM4 instead of COM3, ttyUSB1 instead
// of ttyUSB0), and on Windows the port's close event often never comes when it is pulled: the
// only reliable sign is the operating system's port list. So the list is polled, and the
// adapter is matched by its serial number (or, failing that, its pnpId), never by its name.
import { SerialPort } from 'serialport';

/** The fields of SerialPort.list() this module reads. */
export interface PortInfo {
  path: string;
  serialNumber?: string;
  pnpId?: string;
}

export type ListPorts = () => Promise<PortInfo[]>;

export const listSystemPorts: ListPorts = () => SerialPort.list();

/**
 * How often the port list is read while a link is up. Listing is cheap (a registry or sysfs
 * read); 2 s means a pulled adapter is noticed before the next truck reaches the boom.
 */
export const ADAPTER_POLL_MS = 2_000;

export interface AdapterSpec {
  /** The configured name, used as it is when no serial number is configured. */
  path: string;
  serialNumber?: string;
}

export type AdapterLookup =
  | { present: true; path: string }
  | { present: false; reason: string };

/** Where the adapter is now. Without a serial number the configured path is taken on trust. */
export async function findAdapter(spec: AdapterSpec, list: ListPorts): Promise<AdapterLookup> {
  if (!spec.serialNumber) return { present: true, path: spec.path };

  let ports: PortInfo[];
  try {
    ports = await list();
  } catch {
    // The list itself failing says nothing about the adapter: try the configured name.
    return { present: true, path: spec.path };
  }

  const wanted = canonical(spec.serialNumber);
  const port = ports.find((p) => p.serialNumber && canonical(p.serialNumber) === wanted) ??
    ports.find((p) => p.pnpId && canonical(p.pnpId).includes(wanted));
  if (port) return { present: true, path: port.path };
  return { present: false,
    reason: `USB adapter with serial number ${spec.serialNumber} is not plugged in` };
}

function canonical(value: string): string {
  return value.trim().toLowerCase();
}

export interface AdapterWatchOptions {
  spec: AdapterSpec;
  list: ListPorts;
  pollMs?: number;
  /** The adapter left the list: drop the link, its port is gone even if no close came. */
  onGone(reason: string): void;
  /** It is back, perhaps under another name: reopen there now rather than on the ladder. */
  onBack(path: string): void;
}

/** Polls the port list; only adapters with a serial number are watched. Stop it when done. */
export function watchAdapter(options: AdapterWatchOptions): { stop(): void } {
  if (!options.spec.serialNumber) return { stop() {} };

  let present: boolean | null = null;
  let polling = false;
  const poll = async () => {
    if (polling) return;
    polling = true;
    try {
      const found = await findAdapter(options.spec, options.list);
      if (present !== null && found.present !== present) {
        if (found.present) options.onBack(found.path);
        else options.onGone(found.reason);
      }
      present = found.present;
    } finally {
      polling = false;
    }
  };

  void poll();
  const timer = setInterval(() => void poll(), options.pollMs ?? ADAPTER_POLL_MS);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
